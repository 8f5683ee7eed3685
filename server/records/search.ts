// Global search across every object with searchable fields, ranked, within what the caller may see.
import { sql } from 'drizzle-orm';
import { queryTokens } from '../platform/search/tokens.ts';
import { recordSearchTokens } from './search-tokens.ts';
import { canDo } from '../platform/access/index.ts';
import { visibleDefinedFields } from './access.ts';
import { codecOf } from './fields.ts';
import { invalidField } from '../platform/http/problem.ts';
import { columnRef } from './columns.ts';
import { baseConditions, type Caller } from './read.ts';
import type { ObjectDefinition } from './types.ts';

export interface SearchHit {
  object: string;
  id: string;
  title: string | null;
  score: number;
}

const MAX_QUERY_LENGTH = 200;
// Ranked per object; more only costs time on very common words (measured in docs/performance.md).
const MAX_CANDIDATES = 100;

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
  const defs = (options.objects ?? c.registry.all().map((d) => d.name))
    .filter((name) => c.registry.has(name))
    .map((name) => c.registry.get(name))
    .filter((d) => canDo(c.ctx, d.name, 'read') && visibleDefinedFields(c, d).some((f) => f.isSearchable));
  if (defs.length === 0) return { data: [] as SearchHit[] };

  const lowered = q.toLowerCase();
  const contains = `%${lowered.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const starts = contains.slice(1);
  const perObject = defs.map((def) => {
    // A title hidden from the caller is neither shown nor used for ranking.
    const titleField = visibleDefinedFields(c, def).find((f) => f.name === def.titleField);
    const title = titleField ? sql`coalesce(${columnRef('t', titleField)}::text, '')` : sql`''`;
    const conditions = [...baseConditions(c, def, 't'), sql`t.search_tokens @> ${sql.param(tokens)}::text[]`];
    // Rank a bounded candidate set: a very common word must not sort a million rows.
    return sql`(select ${def.name} as object, m.id, m.title,
        (case when lower(m.title) = ${lowered} then 3 when lower(m.title) like ${starts} then 2
              when lower(m.title) like ${contains} then 1 else 0 end) as score
      from (select t.id, ${title} as title from ${sql.identifier(def.table)} t
            where ${sql.join(conditions, sql` and `)} limit ${MAX_CANDIDATES}) m
      order by score desc, length(m.title), m.id limit ${limit})`;
  });
  const rows = await c.db.rows<{ object: string; id: string; title: string; score: number }>(
    sql`select * from (${sql.join(perObject, sql` union all `)}) hits order by score desc, length(title), title limit ${limit * 2}`,
  );
  const hits = await withoutStaleMatches(c, defs, rows, tokens);
  return {
    data: hits.slice(0, limit).map((r) => ({ object: r.object, id: r.id, title: r.title || null, score: Number(r.score) })),
  };
}

/**
 * Search tokens are written with every searchable field of the time, so a match may come from a
 * field hidden from the caller or deleted since. Re-check each hit against the tokens of the fields
 * the caller may see now: hidden or deleted values neither find records nor rank them.
 */
async function withoutStaleMatches<T extends { object: string; id: string }>(
  c: Caller,
  defs: ObjectDefinition[],
  hits: T[],
  tokens: string[],
): Promise<T[]> {
  const keep = new Set<string>();
  for (const def of defs) {
    const ids = hits.filter((h) => h.object === def.name).map((h) => h.id);
    const searchable = visibleDefinedFields(c, def).filter((f) => f.isSearchable);
    if (!ids.length || !searchable.length) continue;
    // Each field's column(s) as text, fed to the same tokenizer that wrote the index.
    const columns = searchable.flatMap((f) => {
      const extra = codecOf(f).extraColumn;
      return [sql`${columnRef('t', f)}::text`, extra ? sql`${columnRef('t', f, extra.suffix)}::text` : sql`null`];
    });
    const rows = await c.db.rows<{ id: string; v: Array<string | null> }>(sql`select t.id, array[${sql.join(columns, sql`, `)}] as v
      from ${sql.identifier(def.table)} t where t.id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`);
    const visibleDef = { ...def, fields: searchable };
    for (const row of rows) {
      const available = new Set(recordSearchTokens(visibleDef, (f) => {
        const i = searchable.indexOf(f) * 2;
        return [parseJsonish(row.v[i]), parseJsonish(row.v[i + 1])];
      }));
      if (tokens.every((token) => available.has(token))) keep.add(row.id);
    }
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
