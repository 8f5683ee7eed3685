// One pagination for the administration lists, in the records API's cursor format: `limit` and
// `cursor` in, `{ data, nextCursor }` out, keyset over (sort value, id) so a page never repeats or skips.
import { decodeCursor, encodeCursor, type SortKey } from '../records/index.ts';

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 500;

/** Query-string properties every paged admin list accepts. */
export const pageQueryProperties = {
  limit: { type: 'integer', format: 'int32', minimum: 1, maximum: MAX_PAGE, description: `page size (default ${DEFAULT_PAGE})` },
  cursor: { type: 'string', minLength: 1, maxLength: 1000, description: 'nextCursor of the previous page' },
} as const;

export interface PageQuery {
  limit?: number;
  cursor?: string;
}

const idField = { name: 'id', type: 'lookup', label: { en: 'ID', 'zh-CN': 'ID' } } as const;

/** The sort keys of a list ordered by `sortName` (a text column) then id, or by id alone. */
export function pageKeys(sortName: string | null, isDescending = false): SortKey[] {
  const id: SortKey = { field: { ...idField }, isDescending };
  return sortName ? [{ field: { name: sortName, type: 'text', label: { en: sortName, 'zh-CN': sortName } }, isDescending }, id] : [id];
}

/**
 * Runs `fetch` for the page after the cursor (limit + 1 rows, to know whether more follow) and
 * returns the page with the cursor of the next one.
 */
export async function keysetPage<T extends { id: string }>(
  keys: SortKey[],
  query: PageQuery,
  fetch: (after: unknown[] | undefined, limit: number) => Promise<T[]>,
  sortValueOf: (row: T) => unknown = () => null,
): Promise<{ data: T[]; nextCursor: string | null }> {
  const limit = query.limit ?? DEFAULT_PAGE;
  const after = query.cursor ? decodeCursor(keys, query.cursor) : undefined;
  const rows = await fetch(after, limit + 1);
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  // An empty page has no last row to read a sort value from (an install without teams yet).
  if (rows.length <= limit || last === undefined) return { data, nextCursor: null };
  const values = keys.length === 2 ? [sortValueOf(last), last.id] : [last.id];
  return { data, nextCursor: encodeCursor(keys, values) };
}
