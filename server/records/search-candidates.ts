// The candidate statements of global search, two paths (plan and measurements in
// docs/performance.md, "Search plan", "Search at 1M again" and "Fifth round").
//   1. Title prefix: each object's title index walked in title order from the query, so exact titles
//      and titles starting with the query (the two best ranks) come from an ordered index range that
//      stops at MAX_CANDIDATES, reading no heap page for the administrator. A prepared statement: its
//      plan does not depend on the words, so PostgreSQL keeps one generic plan per connection (its row
//      limits are written in its text, or the generic plan would guess them and never be chosen).
//   2. Token match: the search_tokens GIN index, run only when the prefix path found fewer hits than
//      asked for (always for objects without a walked title). Its rows are the first `perObject`
//      matches of each object: a common word's bitmap is still built whole, but only that many rows are
//      read from the heap. Two statements: large tables' planned for each search (how rare the words
//      are decides between the index and reading in order), small tables' prepared (table-sizes.ts).
// Both are ranked together: a title equal to the query, starting with it, containing it, then shorter.
import { sql, type SQL } from 'drizzle-orm';
import { seesEveryRow, visibleDefinedFields } from './access.ts';
import { columnRef } from './columns.ts';
import { titlePrefixField } from './ddl.ts';
import { baseConditions } from './read.ts';
import type { Caller } from './caller.ts';
import { cachedStatement, runCachedStatement } from './statement-cache.ts';
import { smallTables } from './table-sizes.ts';
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

/** What one search puts in the statement: the query's tokens, and its text as ranking compares it. */
interface SearchValues {
  tokens: unknown;
  lowered: unknown;
  starts: unknown;
  contains: unknown;
  /** Just past every title starting with the query (`lowered` + AFTER_PREFIX). */
  upTo: unknown;
}

const valueNames: Array<keyof SearchValues> = ['tokens', 'lowered', 'starts', 'contains', 'upTo'];

/**
 * Runs one candidate statement. The usual first round (nothing excluded) reuses the statement compiled
 * for this caller and shape, with this search's values put in its parameters: building it costs more
 * Node time than the rest of a search.
 */
async function runCandidates(c: Caller, defs: readonly ObjectDefinition[], shape: string, values: SearchValues, isExcluding: boolean, isPrepared: boolean, build: (values: SearchValues) => SQL): Promise<HitRow[]> {
  if (isExcluding) return c.db.rows<HitRow>(build(values));
  return runCachedStatement<HitRow, keyof SearchValues>(c, cachedStatement(c, defs, shape, valueNames, build), values, isPrepared);
}

/** The object's title field, unless it is hidden from the caller: then it is neither shown nor used for ranking, nor walked. */
const visibleTitle = (c: Caller, def: ObjectDefinition) => visibleDefinedFields(c, def).find((f) => f.name === def.titleField);

/** The title field global search walks the index of for this caller (visible and indexed), if any. */
function walkedTitle(c: Caller, def: ObjectDefinition) {
  const titleField = visibleTitle(c, def);
  return titleField !== undefined && titlePrefixField(def) === titleField ? titleField : undefined;
}

/** Ranked as the statements rank: score, then shorter titles, then titles in code point order. */
function byRank(a: HitRow, b: HitRow): number {
  return Number(b.score) - Number(a.score) || [...a.title].length - [...b.title].length || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0);
}

/** The best `perObject` candidates of each object, ranked, leaving out ids already found unusable. */
export async function candidateHits(
  c: Caller,
  defs: ObjectDefinition[],
  tokens: string[],
  ranking: Ranking,
  excluded: Map<string, string[]>,
  perObject: number,
): Promise<HitRow[]> {
  const values: SearchValues = { tokens, ...ranking, upTo: ranking.lowered + AFTER_PREFIX };
  const names = defs.map((d) => d.name).join(',');
  const isExcluding = excluded.size > 0;
  const walked = defs.filter((def) => walkedTitle(c, def));
  const prefixRows = walked.length
    ? await runCandidates(c, walked, `prefix\u0000${perObject}\u0000${names}`, values, isExcluding, true, (v) => prefixQuery(c, walked, v, excluded, perObject))
    : [];
  // Enough titles start with the query: the token path runs only for objects whose title is not walked.
  const tokenDefs = prefixRows.length >= perObject ? defs.filter((def) => !walked.includes(def)) : defs;
  // Small tables' token match is prepared: one plan for every word is at worst a short scan there. A
  // large table's is planned for each search, from how rare its words are.
  const small = tokenDefs.length ? await smallTables(c.db, tokenDefs.map((d) => d.table)) : new Set<string>();
  const tokenRows: HitRow[] = [];
  for (const isSmall of [true, false]) {
    const part = tokenDefs.filter((def) => small.has(def.table) === isSmall);
    if (!part.length) continue;
    const shape = `tokens\u0000${perObject}\u0000${part.map((d) => d.name).join(',')}`;
    tokenRows.push(...(await runCandidates(c, part, shape, values, isExcluding, isSmall, (v) => tokenQuery(c, part, v, excluded, perObject))));
  }
  // A token match also found by its title is dropped.
  const seen = new Set<string>();
  return [...prefixRows, ...tokenRows]
    .filter((row) => {
      const key = `${row.object}:${row.id}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(byRank)
    .slice(0, perObject * 2);
}

/**
 * A row limit written into the statement's text (limits are part of its shape): as a parameter, a
 * generic plan would guess it, and cost the prefix path too high to be kept.
 */
const rowLimit = (n: number) => sql.raw(String(Math.trunc(n)));

/** Access conditions of the object for the caller, less the ids already found unusable. */
function conditionsOf(c: Caller, def: ObjectDefinition, excluded: Map<string, string[]>): SQL[] {
  const conditions = baseConditions(c, def, 't');
  const skip = excluded.get(def.name);
  if (skip) conditions.push(sql`t.id <> all(${sql.param(skip)}::uuid[])`);
  return conditions;
}

/** The title-prefix path over the objects whose title is walked, ranked; as many rows as the search keeps. */
function prefixQuery(c: Caller, defs: ObjectDefinition[], values: SearchValues, excluded: Map<string, string[]>, perObject: number): SQL {
  const { lowered, upTo } = values;
  const prefixes = defs.map((def) => {
    const titleField = walkedTitle(c, def)!;
    const conditions = conditionsOf(c, def, excluded);
    const key = sql`(lower(${columnRef('t', titleField)}) collate "C")`;
    // The bounds go in as sub-selects, so the planner estimates the range without its values: a custom
    // plan then costs what the generic one does, and PostgreSQL keeps the generic plan after five runs
    // whichever words came first, instead of planning each search (~1.7 ms of 2 at 1M, "Fifth round").
    const range = [sql`t.deleted_at is null`, sql`${key} >= (select ${lowered}::text)`, sql`${key} < (select ${upTo}::text)`];
    // Who sees every row walks the index alone; others check each row's access on the heap, over
    // at most MAX_WALKED titles, so a common prefix they can hardly see costs a bounded walk.
    const walked = seesEveryRow(c, def)
      ? sql`${sql.identifier(def.table)} t where ${sql.join([...range, ...conditions], sql` and `)}`
      : sql`(select t.* from ${sql.identifier(def.table)} t where ${sql.join(range, sql` and `)} order by ${key} limit ${rowLimit(MAX_WALKED)}) t
        where ${sql.join(conditions, sql` and `)}`;
    return sql`(select ${def.name} as object, t.id, ${columnRef('t', titleField)} as title,
        (case when lower(${columnRef('t', titleField)}) = ${lowered} then 3 else 2 end) as score
      from ${walked} order by ${key} limit ${rowLimit(MAX_CANDIDATES)})`;
  });
  return sql`select * from (${sql.join(prefixes, sql` union all `)}) hits order by score desc, length(title), title limit ${rowLimit(perObject * 2)}`;
}

/** The token path over the given objects: each one's first `perObject` matches, ranked. */
function tokenQuery(c: Caller, defs: ObjectDefinition[], values: SearchValues, excluded: Map<string, string[]>, perObject: number): SQL {
  const { tokens, lowered, starts, contains } = values;
  // No per-object sorts: each was a plan node per object, and planning them cost more than the rows.
  const matches = defs.map((def) => {
    const titleField = visibleTitle(c, def);
    const title = titleField ? sql`coalesce(${columnRef('t', titleField)}::text, '')` : sql`''`;
    return sql`(select ${def.name} as object, t.id, ${title} as title,
        (case when lower(${title}) = ${lowered} then 3 when lower(${title}) like ${starts} then 2
              when lower(${title}) like ${contains} then 1 else 0 end) as score
      from ${sql.identifier(def.table)} t
      where ${sql.join([...conditionsOf(c, def, excluded), sql`t.search_tokens @> ${sql.param(tokens)}::text[]`], sql` and `)} limit ${rowLimit(perObject)})`;
  });
  return sql`select * from (${sql.join(matches, sql` union all `)}) hits order by score desc, length(title), title limit ${rowLimit(perObject * 2)}`;
}
