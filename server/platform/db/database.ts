// One handle type for both drivers. Record queries go through `rows(sql\`…\`)`; typed system-table
// queries use `orm` (Drizzle). Inside `transaction()` the callback gets a handle bound to that transaction.
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.ts';

export type Orm = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseKind = 'embedded' | 'postgres';

export interface Database {
  readonly kind: DatabaseKind;
  readonly orm: Orm;
  /**
   * Runs a parameterised query and returns its rows. `preparedAs` (a name, or `true` to name it by
   * its text) makes PostgreSQL keep the parsed and planned statement per connection: for hot queries
   * of few shapes, outside transactions.
   */
  rows<T = Record<string, unknown>>(query: SQL, preparedAs?: string | true): Promise<T[]>;
  /** Runs `fn` in a transaction (a savepoint when already inside one). */
  transaction<T>(fn: (tx: Database) => Promise<T>): Promise<T>;
  /** Runs multi-statement SQL without parameters (DDL). */
  exec(sqlText: string): Promise<void>;
  /**
   * Calls `onNotify` with the payload of every NOTIFY on `channel` once its transaction commits, from
   * any process (this one included); returns the unsubscribe.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

type Listen = Database['listen'];
const listenNowhere: Listen = async () => async () => {};
/** Runs a named prepared statement; only the PostgreSQL pool has one. */
export type RunPrepared = (name: string | true, query: SQL) => Promise<unknown[]>;

/** Wraps a Drizzle database or transaction into the shared handle. */
export function wrapOrm(
  kind: DatabaseKind,
  orm: Orm,
  close: () => Promise<void>,
  listen: Listen = listenNowhere,
  runPrepared?: RunPrepared,
): Database {
  const handle: Database = {
    kind,
    orm,
    async rows<T>(query: SQL, preparedAs?: string | true) {
      if (preparedAs && runPrepared) return (await runPrepared(preparedAs, query)) as T[];
      const result = (await orm.execute(query)) as unknown as { rows: T[] };
      return result.rows;
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
