// The planner's statistics of search tokens. With PostgreSQL's default target (100) ANALYZE keeps
// the 1,000 most common tokens of a table, and estimates every other token at half the rarest of
// those: at 1M accounts that is 0.55%, 5,000 rows, for a word that has none. Expecting thousands of
// matches, the planner reads the table in order and stops at the 20th (a LIMIT), which for a rare
// word means reading all of it (1 s per object; docs/performance.md, "Search plan"). A target of
// 1,000 keeps up to 10,000 tokens, so a rare word is estimated at a few hundred rows and found
// through the GIN index. ANALYZE then samples 300,000 rows instead of 30,000 (5–7 s at 1M rows).
//
// And the search index's pending list: a GIN index puts new entries in an unsorted list that every
// search of that table reads whole, until 4 MB of it (PostgreSQL's default) are merged into the index.
// At 289 pages a rare word took 1.2–1.4 ms on accounts instead of 0.014 ms ("Fifth round"): 256 kB
// keeps that under ~0.15 ms, and writes still add their entries in batches.
import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.ts';
import { fitName } from './sql-names.ts';

/** The statistics target of every object table's `search_tokens` column. */
export const SEARCH_TOKEN_STATISTICS = 1000;

/**
 * Sets the target on the tables that do not have it yet and analyzes their tokens once (a new table
 * in an instant; a large table of an older installation at its first start after the upgrade).
 */
export async function ensureSearchTokenStatistics(db: Database, tables: string[]): Promise<void> {
  const pending = await db.rows<{ table: string }>(sql`select c.relname as "table" from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    where c.relname = any(${sql.param(tables)}::text[]) and pg_table_is_visible(c.oid) and a.attname = 'search_tokens'
      and coalesce(a.attstattarget, -1) <> ${SEARCH_TOKEN_STATISTICS}`);
  for (const { table } of pending) {
    await db.exec(`ALTER TABLE "${table}" ALTER COLUMN search_tokens SET STATISTICS ${SEARCH_TOKEN_STATISTICS}`);
    await db.exec(`ANALYZE "${table}" (search_tokens)`);
  }
}

/** Pending-list size of every search index, in kB (the `gin_pending_list_limit` storage parameter). */
export const SEARCH_PENDING_LIST_KB = 256;

/** The search index of an object table, and the storage parameters it is created with. */
export const searchIndexOf = (table: string) => fitName(`${table}_search_idx`);
export const searchIndexOptions = `WITH (gin_pending_list_limit = ${SEARCH_PENDING_LIST_KB})`;

/** Gives the search indexes created before the limit (an older installation) their pending-list limit. */
export async function ensureSearchPendingListLimit(db: Database, tables: string[]): Promise<void> {
  const pending = await db.rows<{ index: string }>(sql`select c.relname as "index" from pg_class c
    where c.relname = any(${sql.param(tables.map(searchIndexOf))}::text[]) and pg_table_is_visible(c.oid)
      and not coalesce(c.reloptions, '{}') @> array[${`gin_pending_list_limit=${SEARCH_PENDING_LIST_KB}`}]::text[]`);
  for (const { index } of pending) await db.exec(`ALTER INDEX "${index}" SET (gin_pending_list_limit = ${SEARCH_PENDING_LIST_KB})`);
}
