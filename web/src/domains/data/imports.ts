// The imports API as the web app uses it: the import's shape, its query (polled while it runs) and
// the steps (upload, change, dry run, run, undo).
import { useQuery } from '@tanstack/react-query';
import { get, request } from '../../app/api.ts';
import type { Label } from '../../app/metadata.ts';

export type ImportStatus = 'uploaded' | 'queued' | 'running' | 'completed' | 'failed' | 'undoing' | 'undone';
export type MatchMode = 'create' | 'update' | 'upsert';
export type Counts = Record<'created' | 'updated' | 'unchanged' | 'skipped' | 'failed', number>;

export interface ImportSettings {
  columns: Record<string, string>;
  matchMode: MatchMode;
  matchBy: string[];
  trim: boolean;
  dateOrder: 'ymd' | 'dmy' | 'mdy';
  phoneRegion: string;
  optionMap: Record<string, Record<string, string>>;
}

export interface ImportField {
  name: string;
  type: string;
  label: Label;
  isRequired: boolean;
  options?: Array<{ value: string; label: Label }>;
}

export interface ImportRun {
  id: string;
  object: string;
  status: ImportStatus;
  fileName: string;
  source: { format: 'csv' | 'xlsx'; encoding: string; delimiter: string; header: string[]; sample: string[][] };
  settings: ImportSettings;
  totalRows: number;
  processedRows: number;
  counts: Partial<Counts>;
  failure: string | null;
  undoConflicts: Array<{ rowNumber: number; recordId: string; reason: 'changed' | 'gone' }> | null;
  /** When the clean-up removed the uploaded file (the error file is then gone). */
  contentRemovedAt: string | null;
  fields: ImportField[];
  matchKeys: string[][];
}

export interface DryRun {
  /** `running` while a job checks a large file (poll it with `useDryRun`). */
  status: 'running' | 'done' | 'failed';
  checkedRows: number;
  totalRows: number;
  failure: string | null;
  counts: Counts;
  unknownOptions: Record<string, string[]>;
  problems: Array<{ rowNumber: number; outcome: string; fields: string[]; message: string }>;
}

export const outcomes = ['created', 'updated', 'unchanged', 'skipped', 'failed'] as const;
export const encodings = ['utf-8', 'utf-8-bom', 'gb18030'] as const;
export const delimiters = [',', ';', '\t', '|'] as const;

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

export interface SavedMapping {
  id: string;
  name: string;
  settings: ImportSettings;
}

/** The object's saved mappings. */
export function useMappings(object: string) {
  return useQuery({ queryKey: ['import-mappings', object], queryFn: () => get<{ data: SavedMapping[] }>(`/api/v1/${object}/import-mappings`) });
}

export async function saveMapping(object: string, name: string, settings: ImportSettings): Promise<SavedMapping> {
  return (await request<SavedMapping>('POST', `/api/v1/${object}/import-mappings`, { name, settings })).data;
}
