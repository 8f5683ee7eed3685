// Global search across every object with searchable fields, ranked, within what the caller may see.
import { sql, type SQL } from 'drizzle-orm';
import { queryTokens } from '../platform/search/tokens.ts';
import { recordSearchTokens } from './search-tokens.ts';
import { canDoOn, visibleDefinedFields } from './access.ts';
import { codecOf } from './fields.ts';
import { invalidField } from '../platform/http/problem.ts';
import { columnRef } from './columns.ts';
import { candidateHits, MAX_CANDIDATES, type HitRow } from './search-candidates.ts';
import type { Caller } from './caller.ts';
import type { FieldDefinition, ObjectDefinition } from './types.ts';

export interface SearchHit {
  object: string;
  id: string;
  title: string | null;
  score: number;
}

const MAX_QUERY_LENGTH = 200;

/**
 * Finds records whose search tokens contain every query token. Ranking: a title equal to the query
 * first, then titles starting with it, then titles containing it, then shorter titles.
 */
export async function search(c: Caller, query: string, options: { objects?: string[]; limit?: number } = {}) {
  const q = query.trim();
  if (!q) throw invalidField('q', 'required', 'Type something to search for.');
  if (q.length > MAX_QUERY_LENGTH) throw invalidField('q', 'too_long', `Search for at most ${MAX_QUERY_LENGTH} characters.`);
  if (q.includes('\u0000')) throw invalidField('q', 'invalid_character', 'The search contains a NUL character.');
  const limit = options.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalidField('limit', 'out_of_range', 'limit must be from 1 to 100.');
  const tokens = queryTokens(q);
  if (tokens.length === 0) return { data: [] as SearchHit[] };

  // Unknown and unreadable objects are skipped alike, so `objects=` cannot probe what exists.
  const defs = (options.objects ?? c.registry.all().filter((d) => !d.isOutOfGlobalSearch).map((d) => d.name))
    .filter((name) => c.registry.has(name))
    .map((name) => c.registry.get(name))
    .filter((d) => canDoOn(c, d, 'read') && visibleDefinedFields(c, d).some((f) => f.isSearchable));
  if (defs.length === 0) return { data: [] as SearchHit[] };

  const lowered = q.toLowerCase();
  const contains = `%${lowered.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const ranking = { lowered, starts: contains.slice(1), contains };
  // A candidate may match only through a field hidden from the caller (or deleted since): the re-check
  // drops it. Dropped ids are excluded and the query runs again, so the bounded candidate set cannot
  // be filled by matches the caller may not use while visible matches wait behind them.
  const excluded = new Map<string, string[]>();
  let hits: HitRow[] = [];
  for (let round = 0; round < MAX_RECHECK_ROUNDS; round++) {
    // The first round reads `limit` token matches per object (the usual case); later ones up to
    // MAX_CANDIDATES, past the ids the re-check dropped.
    const perObject = round === 0 ? limit : MAX_CANDIDATES;
    const rows = await candidateHits(c, defs, tokens, ranking, excluded, perObject);
    hits = await withoutStaleMatches(c, defs, rows, tokens);
    if (hits.length === rows.length || hits.length >= limit) break;
    const kept = new Set(hits.map((h) => h.id));
    for (const row of rows) if (!kept.has(row.id)) excluded.set(row.object, [...(excluded.get(row.object) ?? []), row.id]);
  }
  return {
    data: hits.slice(0, limit).map((r) => ({ object: r.object, id: r.id, title: r.title || null, score: Number(r.score) })),
  };
}

const MAX_RECHECK_ROUNDS = 4;

/**
 * Search tokens are written with every searchable field of the time, so a match may come from a
 * field hidden from the caller or deleted since. Re-check each hit against the tokens of the fields
 * the caller may see now: hidden or deleted values neither find records nor rank them.
 */
async function withoutStaleMatches<T extends { object: string; id: string; title?: string | null }>(
  c: Caller,
  defs: ObjectDefinition[],
  hits: T[],
  tokens: string[],
): Promise<T[]> {
  const reads: SQL[] = [];
  const searchableOf = new Map<string, FieldDefinition[]>();
  // A hit whose visible title alone holds every word is kept without reading it again (most hits of
  // the title-prefix path): its title is the current value, of a field the caller may see.
  const keep = new Set<string>();
  for (const def of defs) {
    const title = visibleDefinedFields(c, def).find((f) => f.name === def.titleField && f.isSearchable && f.type !== 'phone');
    if (!title) continue;
    const titleOnly = { ...def, fields: [title] };
    for (const hit of hits) {
      if (hit.object !== def.name || !hit.title) continue;
      const titleTokens = new Set(recordSearchTokens(titleOnly, () => hit.title));
      if (tokens.every((token) => titleTokens.has(token))) keep.add(hit.id);
    }
  }
  for (const def of defs) {
    const ids = hits.filter((h) => h.object === def.name && !keep.has(h.id)).map((h) => h.id);
    const searchable = visibleDefinedFields(c, def).filter((f) => f.isSearchable);
    if (!ids.length || !searchable.length) continue;
    searchableOf.set(def.name, searchable);
    // Each field's column(s) as text, fed to the same tokenizer that wrote the index.
    const columns = searchable.flatMap((f) => {
      const extra = codecOf(f).extraColumn;
      return [sql`${columnRef('t', f)}::text`, extra ? sql`${columnRef('t', f, extra.suffix)}::text` : sql`null`];
    });
    reads.push(sql`(select ${def.name}::text as object, t.id, array[${sql.join(columns, sql`, `)}]::text[] as v
      from ${sql.identifier(def.table)} t where t.id = any(${sql.param(ids)}::uuid[]))`);
  }
  // One round trip for every object's other hits.
  const rows = reads.length ? await c.db.rows<{ object: string; id: string; v: Array<string | null> }>(sql.join(reads, sql` union all `)) : [];
  for (const row of rows) {
    const searchable = searchableOf.get(row.object)!;
    const visibleDef = { ...c.registry.get(row.object), fields: searchable };
    const available = new Set(recordSearchTokens(visibleDef, (f) => {
      const i = searchable.indexOf(f) * 2;
      return [parseJsonish(row.v[i]), parseJsonish(row.v[i + 1])];
    }));
    if (tokens.every((token) => available.has(token))) keep.add(row.id);
  }
  return hits.filter((h) => keep.has(h.id));
}

/** Column text as the tokenizer saw it at write time: JSON (arrays, addresses) parsed back. */
function parseJsonish(value: unknown): unknown {
  if (typeof value !== 'string' || !/^[[{]/.test(value)) return value;
  try {
    return Object.values(JSON.parse(value) as object);
  } catch {
    return value;
  }
}
