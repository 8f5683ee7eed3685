// The duplicates API as the screens use it: checking a draft, the report, merging and undoing.
import { request } from '../../app/api.ts';
import type { DuplicateMatch, DuplicateReport, MergeResult } from '../../../../server/domains/data/duplicates-shape.ts';

export type { DuplicateGroup, DuplicateMatch, DuplicateReport, MatchStrength as Strength, MergeResult } from '../../../../server/domains/data/duplicates-shape.ts';

/** Likely duplicates of a draft among the records the user may read. */
export async function checkDuplicates(object: string, record: Record<string, unknown>): Promise<DuplicateMatch[]> {
  const { data } = await request<{ data: DuplicateMatch[] }>('POST', `/api/v1/${object}/duplicates/check`, { record });
  return data.data;
}

/** The last duplicate report of an object; `refresh` recomputes it first (administrators). */
export async function duplicateReport(object: string, refresh = false): Promise<DuplicateReport> {
  const { data } = await request<DuplicateReport>(refresh ? 'POST' : 'GET', `/api/v1/${object}/duplicates/report`);
  return data;
}

/** Merges `loserIds` into `survivorId`, taking each field of `choices` from the record named. */
export async function mergeRecords(object: string, survivorId: string, loserIds: string[], choices: Record<string, string>): Promise<MergeResult> {
  const { data } = await request<MergeResult>('POST', `/api/v1/${object}/merge`, { survivorId, loserIds, choices });
  return data;
}

/** Undoes a merge. */
export async function undoMerge(mergeId: string): Promise<MergeResult> {
  const { data } = await request<MergeResult>('POST', `/api/v1/merges/${mergeId}/undo`);
  return data;
}

/** The link to the merge screen for some records of an object. */
export const mergePath = (object: string, ids: string[]) => `/data/merge/${object}?ids=${ids.join(',')}`;
