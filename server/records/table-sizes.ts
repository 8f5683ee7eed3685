// How many rows each object table holds, as the database estimates it, read at most once a minute per
// process. Global search plans its token match once per connection for small tables (their worst plan
// is cheap) and for every search only on large ones (docs/performance.md, "Fifth round").
import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.ts';

/** Below this many rows a table's token match may use one plan for every word (at worst a short scan). */
export const SMALL_TABLE_ROWS = 10_000;
const REFRESH_MS = 60_000;
let smallTableRows = SMALL_TABLE_ROWS;

/** For tests of both plans: the size from which a table counts as large (0: every table). */
export function setSmallTableRows(rows = SMALL_TABLE_ROWS): void {
  smallTableRows = rows;
}

interface Sizes {
  rowsOf: Map<string, number>;
  readAt: number;
  refreshing?: Promise<void>;
}

const sizesOf = new WeakMap<Database, Sizes>();

/**
 * Reads the row estimates: the planner's (`reltuples`, from the last VACUUM or ANALYZE) or the
 * statistics counter of live rows, whichever is larger, so a table filled since its last ANALYZE
 * counts as large at its next reading.
 */
async function readSizes(db: Database, tables: string[]): Promise<Map<string, number>> {
  const rows = await db.rows<{ table: string; rows: unknown }>(sql`select c.relname as "table",
      greatest(c.reltuples, coalesce(s.n_live_tup, 0), 0)::float8 as rows
    from pg_class c left join pg_stat_user_tables s on s.relid = c.oid
    where c.relname = any(${sql.param(tables)}::text[]) and pg_table_is_visible(c.oid) and c.relkind = 'r'`);
  return new Map(rows.map((r) => [r.table, Number(r.rows)]));
}

/**
 * The tables among `tables` estimated below SMALL_TABLE_ROWS rows. Estimates older than a minute are read
 * again in the background (a table not read yet waits for them), so a request seldom pays a query.
 */
export async function smallTables(db: Database, tables: string[], now = Date.now()): Promise<Set<string>> {
  let sizes = sizesOf.get(db);
  if (!sizes) sizesOf.set(db, (sizes = { rowsOf: new Map(), readAt: 0 }));
  const isUnread = tables.some((t) => !sizes.rowsOf.has(t));
  if (isUnread || now - sizes.readAt >= REFRESH_MS) {
    const current = sizes;
    current.refreshing ??= readSizes(db, tables)
      .then((rowsOf) => {
        // A table not found (not created yet) counts as large until it is read again.
        for (const t of tables) current.rowsOf.set(t, rowsOf.get(t) ?? Infinity);
      })
      // A failed read leaves the tables as they were, unread ones large (the plan that is always
      // safe); a database that is down fails the search's own statements anyway.
      .catch(() => {
        for (const t of tables) if (!current.rowsOf.has(t)) current.rowsOf.set(t, Infinity);
      })
      .finally(() => {
        current.readAt = now;
        current.refreshing = undefined;
      });
    if (isUnread) {
      await current.refreshing;
      // The reading awaited may have been started for other tables: read the ones it left out now.
      const stillUnread = tables.filter((t) => !current.rowsOf.has(t));
      if (stillUnread.length) {
        const rowsOf = await readSizes(db, stillUnread).catch(() => new Map<string, number>());
        for (const t of stillUnread) current.rowsOf.set(t, rowsOf.get(t) ?? Infinity);
      }
    }
  }
  return new Set(tables.filter((t) => (sizes.rowsOf.get(t) ?? Infinity) < smallTableRows));
}
