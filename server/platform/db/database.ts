// One handle type for both drivers. Record queries go through `rows(sql\`…\`)`; typed system-table
// queries use `orm` (Drizzle). Inside `transaction()` the callback gets a handle bound to that transaction.
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.ts';

export type Orm = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseKind = 'embedded' | 'postgres';

/** A statement compiled once (`Database.compile`) and run many times with new values in `params`. */
export interface CompiledQuery {
  text: string;
  params: unknown[];
}

export interface Database {
  readonly kind: DatabaseKind;
  readonly orm: Orm;
  /**
   * Runs a parameterised query and returns its rows. `preparedAs` (a name, or `true` to name it by
   * its text) makes PostgreSQL keep the parsed and planned statement per connection: for hot queries
   * of few shapes, outside transactions.
   */
  rows<T = Record<string, unknown>>(query: SQL, preparedAs?: string | true): Promise<T[]>;
  /** Compiles a query to its text and parameters, for a caller that builds one shape many times. */
  compile(query: SQL): CompiledQuery;
  /**
   * Runs a compiled query (its parameters possibly replaced) and returns its rows, values as `rows`
   * gives them. `isPrepared`: PostgreSQL keeps the statement per connection, named by its text, and
   * may reuse one plan for every run (only for statements whose best plan does not depend on the values).
   */
  rowsOfCompiled<T = Record<string, unknown>>(query: CompiledQuery, isPrepared?: boolean): Promise<T[]>;
  /** Runs `fn` in a transaction (a savepoint when already inside one). */
  transaction<T>(fn: (tx: Database) => Promise<T>): Promise<T>;
  /** Runs multi-statement SQL without parameters (DDL). */
  exec(sqlText: string): Promise<void>;
  /**
   * Calls `onNotify` with the payload of every NOTIFY on `channel` once its transaction commits, from
   * any process (this one included); returns the unsubscribe. After a lost connection is back it is
   * called once with an empty payload: anything may have been missed meanwhile.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

type Listen = Database['listen'];
const listenNowhere: Listen = async () => async () => {};
/** Runs a named prepared statement; only the PostgreSQL pool has one. */
export type RunPrepared = (name: string | true, query: SQL) => Promise<unknown[]>;
/** Runs compiled text with its parameters on the driver itself (outside transactions), with the same value parsing as Drizzle. */
export type RunCompiled = (query: CompiledQuery, isPrepared: boolean) => Promise<unknown[]>;

/**
 * The compiled query as a Drizzle query again (one chunk per parameter), for handles without a runner
 * (transactions). Its text must hold `$n` only as parameters, as text compiled from `sql` does when no
 * literal in it holds one (values always travel as parameters).
 */
function recompose(query: CompiledQuery): SQL {
  const parts = query.text.split(/\$(\d+)/);
  const chunks: SQL[] = [sql.raw(parts[0]!)];
  for (let i = 1; i < parts.length; i += 2) chunks.push(sql`${sql.param(query.params[Number(parts[i]) - 1])}`, sql.raw(parts[i + 1]!));
  return sql.join(chunks);
}

/** Wraps a Drizzle database or transaction into the shared handle. */
export function wrapOrm(
  kind: DatabaseKind,
  orm: Orm,
  close: () => Promise<void>,
  listen: Listen = listenNowhere,
  runPrepared?: RunPrepared,
  runCompiled?: RunCompiled,
): Database {
  const dialect = (orm as unknown as { dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } } }).dialect;
  const handle: Database = {
    kind,
    orm,
    async rows<T>(query: SQL, preparedAs?: string | true) {
      if (preparedAs && runPrepared) return (await runPrepared(preparedAs, query)) as T[];
      const result = (await orm.execute(query)) as unknown as { rows: T[] };
      return result.rows;
    },
    compile(query) {
      const { sql: text, params } = dialect.sqlToQuery(query);
      return { text, params };
    },
    async rowsOfCompiled<T>(query: CompiledQuery, isPrepared = false) {
      if (runCompiled) return (await runCompiled(query, isPrepared)) as T[];
      return handle.rows<T>(recompose(query));
    },
    transaction(fn) {
      return orm.transaction((tx) => fn(wrapOrm(kind, tx as unknown as Orm, close, listen)));
    },
    async exec(sqlText) {
      // Split on the statement marker our DDL builder emits; both drivers accept one statement per call.
      for (const statement of sqlText.split(/;\s*\n/)) {
        if (statement.trim()) await orm.execute(statement);
      }
    },
    listen,
    close,
  };
  return handle;
}

const pgTimestamp = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00$/;

/** Normalises a PostgreSQL text timestamp ("2026-01-02 03:04:05.6+00") to ISO 8601 in UTC. */
export function toIsoTimestamp(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  // String work for the usual UTC text (every session runs in UTC): Date parsing is a hot-path cost.
  const match = pgTimestamp.exec(String(value));
  if (match) return `${match[1]}T${match[2]}.${(match[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
  return new Date(String(value).replace(' ', 'T').replace(/\+00$/, 'Z')).toISOString();
}

/** int8 arrives as a number from PGlite and as a string from pg: normalise here only. */
export function toInteger(value: unknown): number {
  return typeof value === 'number' ? value : Number.parseInt(String(value), 10);
}

/** Another process holds the embedded database's data directory. */
export class DataDirectoryLockedError extends Error {}
