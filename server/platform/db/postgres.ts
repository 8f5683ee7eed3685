// PostgreSQL through a pg connection pool, for DATABASE_URL deployments.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from './schema.ts';
import type { PgDialect } from 'drizzle-orm/pg-core';
import { wrapOrm, type Database, type Orm, type RunCompiled, type RunPrepared } from './database.ts';

/** Opens a pooled connection to PostgreSQL; every session runs in UTC. */
export async function openPostgresDatabase(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: '-c TimeZone=UTC -c jit=off' }); // JIT costs an OLTP server more than it saves (docs/performance.md)
  // An idle client's network error must not crash the process (the pool replaces it), but it is logged.
  pool.on('error', (error) => logDatabaseError('an idle PostgreSQL connection failed', error));
  await pool.query('select 1');
  const orm = drizzle({ client: pool, schema }) as unknown as Orm;
  const listeners: Array<() => Promise<void>> = [];
  const close = async () => {
    await Promise.all(listeners.map((stop) => stop()));
    await pool.end();
  };
  const listen = async (channel: string, onNotify: (payload: string) => void) => {
    const stop = await listenOnOwnConnection(url, channel, onNotify);
    listeners.push(stop);
    return stop;
  };
  // Same shape of values as Drizzle's own queries: timestamps stay PostgreSQL text (see database.ts).
  const asText = (value: string) => value;
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      [1082, 1114, 1184, 1186].includes(oid) ? asText : pg.types.getTypeParser(oid, format as 'text'),
  };
  const nameOf = (text: string) => `gx_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
  const runPrepared: RunPrepared = async (name, query) => {
    const { sql: text, params } = (orm as unknown as { dialect: PgDialect }).dialect.sqlToQuery(query);
    return (await pool.query({ name: name === true ? nameOf(text) : name, text, values: params, types })).rows;
  };
  // Names of compiled texts, so a long statement is not hashed again on every run.
  const names = new Map<string, string>();
  const runCompiled: RunCompiled = async ({ text, params }, isPrepared) => {
    let name: string | undefined;
    if (isPrepared) {
      name = names.get(text) ?? nameOf(text);
      if (names.size < 1000) names.set(text, name);
    }
    return (await pool.query({ name, text, values: params, types })).rows;
  };
  return wrapOrm('postgres', orm, close, listen, runPrepared, runCompiled);
}

const RECONNECT_MS = 5_000;

/** Writes a database error as one JSON log line (pino's shape) to stderr: these happen outside any request. */
export function logDatabaseError(message: string, error: unknown): void {
  const err = error instanceof Error ? { type: error.name, message: error.message } : { message: String(error) };
  process.stderr.write(`${JSON.stringify({ level: 50, time: Date.now(), msg: message, err })}\n`);
}

/**
 * LISTENs on a dedicated connection (a pooled one would be handed to queries), reconnecting after
 * a network error; a notification missed while disconnected is covered by calling back on reconnect.
 */
async function listenOnOwnConnection(url: string, channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let isStopped = false;
  const connect = async (isReconnect: boolean) => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => message.channel === channel && onNotify(message.payload ?? ''));
    next.on('error', (error) => {
      logDatabaseError(`the LISTEN connection for ${channel} failed; reconnecting`, error);
      next.end().catch(() => {});
      const reconnect = () => connect(true).catch((retryError: unknown) => {
        logDatabaseError(`could not reconnect to LISTEN on ${channel}`, retryError);
        if (!isStopped) setTimeout(reconnect, RECONNECT_MS).unref();
      });
      if (!isStopped) setTimeout(reconnect, RECONNECT_MS).unref();
    });
    await next.connect();
    await next.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
    client = next;
    if (isReconnect) onNotify(''); // something may have been missed while disconnected
  };
  await connect(false);
  return async () => {
    isStopped = true;
    await client?.end().catch(() => {});
  };
}
