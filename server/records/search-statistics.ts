// The planner's statistics of search tokens. With PostgreSQL's default target (100) ANALYZE keeps
// the 1,000 most common tokens of a table, and estimates every other token at half the rarest of
// those: at 1M accounts that is 0.55%, 5,000 rows, for a word that has none. Expecting thousands of
// matches, the planner reads the table in order and stops at the 20th (a LIMIT), which for a rare
// word means reading all of it (1 s per object; docs/performance.md, "Search plan"). A target of
// 1,000 keeps up to 10,000 tokens, so a rare word is estimated at a few hundred rows and found
// through the GIN index. ANALYZE then samples 300,000 rows instead of 30,000 (5–7 s at 1M rows).
import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.ts';

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
