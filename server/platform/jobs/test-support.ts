// Helpers for the job tests and other tests of child processes: wait on a condition the database
// will reach, a scratch PostgreSQL database with a URL that child processes can open, a free port.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { JobSystem } from './system.ts';
import { JOBS_SCHEMA } from './system.ts';

/** Resolves when `check` returns a value other than undefined/false; fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined | false>, timeoutMs = 20_000, what = 'the condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The state of one job, read from pg-boss's table. */
export async function jobState(jobs: JobSystem, id: string): Promise<{ state: string; retry_count: number; start_after: Date; output: unknown } | undefined> {
  const { rows } = await jobs.boss.getDb().executeSql(`select state, retry_count, start_after, output from ${JOBS_SCHEMA}.job where id = $1`, [id]);
  return rows[0];
}

/** Waits until the job reaches `state` and returns its row. */
export function waitForState(jobs: JobSystem, id: string, state: string, timeoutMs?: number) {
  return waitFor(async () => {
    const row = await jobState(jobs, id);
    return row?.state === state ? row : undefined;
  }, timeoutMs, `job ${id} to be ${state}`);
}

/** A fresh database on the server at `serverUrl`; `drop` removes it, ending any connection. */
export async function createScratchPostgres(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `guanxi_jobs_${randomBytes(6).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

/**
 * The environment for `guanxi` child processes on a database of their own: a scratch PostgreSQL
 * database under TEST_DATABASE_URL, else a new embedded data directory; `cleanUp` removes it.
 */
export async function scratchServerEnvironment(prefix: string): Promise<{ env: NodeJS.ProcessEnv; cleanUp: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const scratch = await createScratchPostgres(serverUrl);
    return { env: { ...process.env, DATABASE_URL: scratch.url }, cleanUp: scratch.drop };
  }
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { env: { ...process.env, DATABASE_URL: '', GUANXI_DATA_DIR: join(dir, 'data') }, cleanUp: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A TCP port free on the loopback interface right now. */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  return port;
}
