// pg-boss talks to the database through an `executeSql(text, values)` object. This builds one over
// the project's Database handle, so jobs share the app's connection pool (PostgreSQL) or its one
// embedded connection (PGlite) instead of opening their own.
import type pg from 'pg';
import { sql, type SQL } from 'drizzle-orm';
import { fromPglite, type Db, type PGliteLike } from 'pg-boss';
import type { Database } from '../db/index.ts';

/** The driver client under a Database handle (Drizzle keeps it as `$client`). */
function clientOf(db: Database): unknown {
  return (db.orm as unknown as { $client: unknown }).$client;
}

/**
 * The pg-boss database adapter for `db`. On PGlite every statement waits for the single connection:
 * PGlite queues it behind any open transaction, so a job system must never be called from inside a
 * `db.transaction()` callback through the outer handle (it would wait for itself).
 */
export function bossDatabaseFor(db: Database): Db {
  if (db.kind === 'embedded') return fromPglite(clientOf(db) as PGliteLike);
  const pool = clientOf(db) as pg.Pool;
  return {
    // Parameterless text may hold several statements (pg-boss's schema and locked blocks); pg then
    // answers with one result per statement, which pg-boss unwraps itself.
    executeSql: async (text, values) => (await (values?.length ? pool.query(text, values) : pool.query(text))) as { rows: unknown[] },
    // A new job wakes the workers of its queue at once (the queue's `notify`); polling stays as the floor.
    // The app's listener calls back with an empty payload after a reconnect (pg-boss's payloads are
    // queue names), when workers must fetch what was sent meanwhile: the same is true right after subscribing.
    listen: async (channel, onNotification, onReconnect) => {
      const stop = await db.listen(channel, (payload) => (payload ? onNotification(payload) : onReconnect()));
      onReconnect();
      return { close: stop };
    },
  };
}

/** pg-boss's `$n`-parameterised text as a Drizzle query (each `$n` becomes its value's parameter). */
function toDrizzleSql(text: string, values: readonly unknown[]): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(text.slice(last, match.index)), sql`${values[Number(match[1]) - 1]}`);
    last = match.index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

/**
 * An adapter over a transaction handle, for enqueueing inside the caller's transaction: the job is
 * committed or rolled back with the caller's writes. Only for single parameterised statements
 * (pg-boss's insert of a job), not for its schema work.
 */
export function bossTransactionFor(tx: Database): Db {
  return { executeSql: async (text, values = []) => ({ rows: await tx.rows(toDrizzleSql(text, values)) }) };
}
