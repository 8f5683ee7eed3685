// The imports API as the web app uses it: the import's shape, its query (polled while it runs) and
// the steps (upload, change, dry run, run, undo).
import { useQuery } from '@tanstack/react-query';
import { get, request } from '../../app/api.ts';
import type { DryRunView as DryRun, ImportSettings, ImportView as ImportRun, SavedMapping } from '../../../../server/domains/data/import-shape.ts';

export type { DryRunView as DryRun, ImportCounts as Counts, ImportField, ImportPreset, ImportSettings, ImportStatus, ImportView as ImportRun, MatchMode, SavedMapping } from '../../../../server/domains/data/import-shape.ts';
export { importDelimiters as delimiters, importEncodings as encodings, rowOutcomes as outcomes } from '../../../../server/domains/data/import-shape.ts';

/** Whether the import is still working in the background (running or undoing). */
export const isWorking = (run: ImportRun | undefined) => run?.status === 'queued' || run?.status === 'running' || run?.status === 'undoing';

/** One import, refreshed every second while it runs. */
export function useImport(id: string | undefined) {
  return useQuery({
    queryKey: ['imports', id],
    queryFn: () => get<ImportRun>(`/api/v1/imports/${id}`),
    enabled: Boolean(id),
    refetchInterval: (query) => (isWorking(query.state.data) ? 1000 : false),
  });
}

/** The user's recent imports. */
export function useImports() {
  return useQuery({ queryKey: ['imports'], queryFn: () => get<{ data: ImportRun[] }>('/api/v1/imports') });
}

export async function uploadImport(object: string, file: File): Promise<ImportRun> {
  return (await request<ImportRun>('POST', `/api/v1/${object}/imports?filename=${encodeURIComponent(file.name)}`, file)).data;
}

export async function changeImport(id: string, change: { source?: { encoding: string; delimiter: string }; settings?: ImportSettings }): Promise<ImportRun> {
  return (await request<ImportRun>('PATCH', `/api/v1/imports/${id}`, change)).data;
}

export async function dryRunImport(id: string, locale: string): Promise<DryRun> {
  return (await request<DryRun>('POST', `/api/v1/imports/${id}/dry-run?locale=${locale}`)).data;
}

/** The import's last dry run, refreshed every second while a job checks a large file. */
export function useDryRun(id: string | undefined, locale: string, isEnabled: boolean) {
  return useQuery({
    queryKey: ['imports', id, 'dry-run', locale],
    queryFn: () => get<DryRun>(`/api/v1/imports/${id}/dry-run?locale=${locale}`),
    enabled: Boolean(id) && isEnabled,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1000 : false),
  });
}

export async function runImport(id: string): Promise<ImportRun> {
  return (await request<ImportRun>('POST', `/api/v1/imports/${id}/run`)).data;
}

export async function undoImport(id: string): Promise<ImportRun> {
  return (await request<ImportRun>('POST', `/api/v1/imports/${id}/undo`)).data;
}

/** The download address of the failed and skipped rows. */
export const errorFileUrl = (id: string, locale: string) => `/api/v1/imports/${id}/errors?locale=${locale}`;

/** The object's saved mappings. */
export function useMappings(object: string) {
  return useQuery({ queryKey: ['import-mappings', object], queryFn: () => get<{ data: SavedMapping[] }>(`/api/v1/${object}/import-mappings`) });
}

export async function saveMapping(object: string, name: string, settings: ImportSettings): Promise<SavedMapping> {
  return (await request<SavedMapping>('POST', `/api/v1/${object}/import-mappings`, { name, settings })).data;
}
