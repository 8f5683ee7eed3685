// Hot read statements (a record by id, a list page, search candidates) built once per caller and
// shape, then run with each request's values put in their parameters. Building a statement with
// Drizzle costs more Node time and garbage than reading its rows: ~110 kB per get by id, which under
// load is promoted to the old generation and held as resident memory (docs/performance.md, "Memory").
//
// A statement's text depends on the caller's access (read from their request context: a new one on
// every change of their permissions, teams or sharing rules), the definitions it is built from (the
// registry version they were loaded in) and the shape;
// its values are marked by stand-in objects ("slots") while it is built, and found again among the
// compiled parameters by identity.
import type { SQL } from 'drizzle-orm';
import type { CompiledQuery } from '../platform/db/index.ts';
import type { Caller } from './caller.ts';
import { loadedVersionOf } from './registry.ts';
import type { ObjectDefinition } from './types.ts';

/** A compiled statement, and where each named value goes in its parameters. */
export interface CachedStatement<N extends string = string> {
  query: CompiledQuery;
  places: Array<[index: number, name: N]>;
}

// Per request context, then per registry version and shape. Contexts live in the context cache
// (platform/access/context-cache.ts: active callers of the last minutes), and their statements with them.
const statements = new WeakMap<object, Map<string, CachedStatement<string>>>();
/** Statements kept per request context (a few kB each); beyond it the context's cache starts again. */
const MAX_STATEMENTS_PER_CONTEXT = 32;

/**
 * The statement of this shape for this caller, built on first use. `build` receives a stand-in for
 * each name in `names`: it must put each into the statement only as a parameter value, and nothing
 * else in the statement may depend on those values (their shape belongs in `shape`).
 */
export function cachedStatement<N extends string>(
  c: Caller,
  defs: readonly ObjectDefinition[],
  shape: string,
  names: readonly N[],
  build: (slots: Record<N, unknown>) => SQL,
): CachedStatement<N> {
  let byShape = statements.get(c.ctx);
  if (!byShape) statements.set(c.ctx, (byShape = new Map()));
  // The definitions' own versions: a request that read them before a metadata change files what it
  // builds from them apart from what requests holding the new ones build.
  const versions = defs.map(loadedVersionOf).join(',');
  const key = `${c.registry.version}\u0000${versions}\u0000${c.isSystem ? 'system' : ''}\u0000${shape}`;
  let cached = byShape.get(key) as CachedStatement<N> | undefined;
  if (!cached) {
    const slots = Object.fromEntries(names.map((name) => [name, { slot: name }])) as Record<N, unknown>;
    const query = c.db.compile(build(slots));
    const places = query.params.flatMap((param, index) => names.filter((name) => slots[name] === param).map((name) => [index, name] as [number, N]));
    cached = { query, places };
    if (byShape.size >= MAX_STATEMENTS_PER_CONTEXT) byShape.clear();
    byShape.set(key, cached);
  }
  return cached;
}

/**
 * Runs a cached statement with these values. `isPrepared`: PostgreSQL keeps it per connection and may
 * reuse one plan for every run (only where the best plan does not depend on the values).
 */
export function runCachedStatement<T, N extends string = string>(c: Caller, statement: CachedStatement<N>, values: Record<N, unknown>, isPrepared = false): Promise<T[]> {
  const params = statement.query.params.slice();
  for (const [index, name] of statement.places) params[index] = values[name];
  return c.db.rowsOfCompiled<T>({ text: statement.query.text, params }, isPrepared);
}
