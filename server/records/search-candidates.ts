// The candidate query of global search: one statement, two paths (plan and measurements in
// docs/performance.md, "Search plan").
//   1. Title prefix: each object's title index walked in title order from the query, so exact titles
//      and titles starting with the query (the two best ranks) come from an ordered index range that
//      stops at MAX_CANDIDATES, reading no heap page for the administrator.
//   2. Token match: the search_tokens GIN index, only when the prefix path found fewer hits than asked
//      for (a one-time filter: the GIN scans do not run otherwise). Its rows are the first
//      `perObject` matches of each object: a common word's bitmap is still built whole, but only
//      that many rows are read from the heap.
// Both are ranked together: a title equal to the query, starting with it, containing it, then shorter.
import { sql, type SQL } from 'drizzle-orm';
import { seesEveryRow, visibleDefinedFields } from './access.ts';
import { columnRef } from './columns.ts';
import { titlePrefixField } from './ddl.ts';
import { baseConditions } from './read.ts';
import type { Caller } from './caller.ts';
import type { ObjectDefinition } from './types.ts';

export type HitRow = { object: string; id: string; title: string; score: number };

/** The query as ranking compares it: lower-cased, and as LIKE patterns for "starts" and "contains". */
export interface Ranking {
  lowered: string;
  starts: string;
  contains: string;
}

/** Title-prefix candidates read per object before ranking by length (ids and titles from the index). */
export const MAX_CANDIDATES = 100;
// Title-prefix rows read per object for callers with record-level access conditions.
const MAX_WALKED = 5 * MAX_CANDIDATES;

// Above every code point, so [q, q + this) in byte order is exactly the strings starting with q.
const AFTER_PREFIX = '\u{10FFFF}';

/** The best `perObject` candidates of each object, ranked, leaving out ids already found unusable. */
export async function candidateHits(
  c: Caller,
  defs: ObjectDefinition[],
  tokens: string[],
  ranking: Ranking,
  excluded: Map<string, string[]>,
  perObject: number,
): Promise<HitRow[]> {
  const { lowered, starts, contains } = ranking;
  const prefixes: SQL[] = [];
  const matches: SQL[] = [];
  for (const def of defs) {
    const conditions = baseConditions(c, def, 't');
    const skip = excluded.get(def.name);
    if (skip) conditions.push(sql`t.id <> all(${sql.param(skip)}::uuid[])`);
    // A title hidden from the caller is neither shown nor used for ranking, nor walked.
    const titleField = visibleDefinedFields(c, def).find((f) => f.name === def.titleField);
    const isPrefixWalked = titleField !== undefined && titlePrefixField(def) === titleField;
    if (isPrefixWalked) {
      const key = sql`(lower(${columnRef('t', titleField)}) collate "C")`;
      const range = [sql`t.deleted_at is null`, sql`${key} >= ${lowered}`, sql`${key} < ${lowered + AFTER_PREFIX}`];
      // Who sees every row walks the index alone; others check each row's access on the heap, over
      // at most MAX_WALKED titles, so a common prefix they can hardly see costs a bounded walk.
      const walked = seesEveryRow(c, def)
        ? sql`${sql.identifier(def.table)} t where ${sql.join([...range, ...conditions], sql` and `)}`
        : sql`(select t.* from ${sql.identifier(def.table)} t where ${sql.join(range, sql` and `)} order by ${key} limit ${MAX_WALKED}) t
          where ${sql.join(conditions, sql` and `)}`;
      prefixes.push(sql`(select ${def.name} as object, t.id, ${columnRef('t', titleField)} as title,
          (case when lower(${columnRef('t', titleField)}) = ${lowered} then 3 else 2 end) as score
        from ${walked} order by ${key} limit ${MAX_CANDIDATES})`);
    }
    const title = titleField ? sql`coalesce(${columnRef('t', titleField)}::text, '')` : sql`''`;
    const match = sql`(select ${def.name} as object, t.id, ${title} as title,
        (case when lower(${title}) = ${lowered} then 3 when lower(${title}) like ${starts} then 2
              when lower(${title}) like ${contains} then 1 else 0 end) as score
      from ${sql.identifier(def.table)} t
      where ${sql.join([...conditions, sql`t.search_tokens @> ${sql.param(tokens)}::text[]`], sql` and `)} limit ${perObject})`;
    // Objects without a walked title rank only through the token path, so it always runs for them.
    matches.push(isPrefixWalked ? sql`(select * from ${match} w where (select count(*) from prefix) < ${perObject})` : match);
  }
  const prefix = prefixes.length
    ? sql.join(prefixes, sql` union all `)
    : sql`select null::text as object, null::uuid as id, null::text as title, 0 as score where false`;
  // No per-object sorts and no exclusion of prefix ids in the token path: each was a plan node or
  // sub-plan per object, and planning them cost more than the rows (a token match already found
  // by its title is dropped here instead).
  const rows = await c.db.rows<HitRow>(sql`with prefix as materialized (${prefix})
    select * from (select * from prefix union all ${sql.join(matches, sql` union all `)}) hits
    order by score desc, length(title), title limit ${perObject * 2}`);
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = `${row.object}:${row.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
