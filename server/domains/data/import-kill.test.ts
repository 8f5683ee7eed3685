// The promise of imports, tested the hard way: a real `guanxi serve` process is killed with SIGKILL
// several times in the middle of a 100,000-row import, started again each time, and the import still
// ends with exactly one record per row. Runs on the embedded database by default and on PostgreSQL
// with TEST_DATABASE_URL, like every server suite.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { freePort, scratchServerEnvironment, waitFor } from '../../platform/jobs/test-support.ts';

const ROWS = 100_000;
const KILLS = 3;
const mainScript = fileURLToPath(new URL('../../main.ts', import.meta.url));

let env: NodeJS.ProcessEnv;
let cleanUp: () => Promise<void>;
let server: ChildProcess | undefined;
let baseUrl = '';
let token = '';

/** Starts `guanxi serve` and waits until it answers. */
async function startServer(): Promise<void> {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [mainScript, 'serve'], { env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'inherit'] });
  await waitFor(async () => (await fetch(`${baseUrl}/api/v1/health`).catch(() => undefined))?.ok, 60_000, 'the server to answer');
}

async function killServer(): Promise<void> {
  const exited = once(server!, 'exit');
  server!.kill('SIGKILL');
  await exited;
  server = undefined;
}

async function api<T>(method: string, path: string, body?: string | object): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': typeof body === 'string' ? 'text/csv' : 'application/json' }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

before(async () => {
  ({ env, cleanUp } = await scratchServerEnvironment('guanxi-kill-'));
  // A killed run's checkpoint counts as stalled after 2 s, so a restart resumes it at once.
  env = { ...env, GUANXI_DEMO: 'false', LOG_LEVEL: 'error', GUANXI_IMPORT_STALE_SECONDS: '2', GUANXI_API_KEY_RATE_LIMIT: '1000000' };
  const created = spawnSync(process.execPath, [mainScript, 'create-admin', '--email', 'kill@example.com'], { env, encoding: 'utf8' });
  token = /API key \(shown once\): (\S+)/.exec(created.stdout)?.[1] ?? '';
  assert.ok(token, `create-admin printed no key: ${created.stdout} ${created.stderr}`);
});

after(async () => {
  if (server) await killServer();
  await cleanUp?.();
});

test(`an import survives ${KILLS} SIGKILLs of the server and ends with exactly one record per row`, { timeout: 900_000 }, async () => {
  await startServer();
  const lines = ['Name,External ID', ...Array.from({ length: ROWS }, (_, i) => `断点公司 ${i} Ltd,KILL-${String(i).padStart(6, '0')}`)];
  const upload = await api<{ id: string }>('POST', '/accounts/imports?filename=kill.csv', `${lines.join('\n')}\n`);
  await api('PATCH', `/imports/${upload.id}`, { settings: { columns: { Name: 'name', 'External ID': 'externalId' }, matchMode: 'create' } });
  await api('POST', `/imports/${upload.id}/run`);

  const progress = async () => (await api<{ processedRows: number; status: string }>('GET', `/imports/${upload.id}`)).processedRows;
  let lastKilledAt = 0;
  for (let kill = 1; kill <= KILLS; kill++) {
    // Kill at a different point each time, always after some progress since the last restart.
    const target = Math.min(ROWS - 1, lastKilledAt + Math.round((ROWS / (KILLS + 1)) * 0.5));
    lastKilledAt = await waitFor(async () => {
      const done = await progress();
      return done > target ? done : undefined;
    }, 300_000, `progress past row ${target}`);
    await killServer();
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // the checkpoint goes stale
    await startServer();
  }
  const finished = await waitFor(async () => {
    const run = await api<{ status: string; processedRows: number; counts: Record<string, number> }>('GET', `/imports/${upload.id}`);
    return run.status === 'completed' ? run : undefined;
  }, 600_000, 'the import to complete');
  assert.equal(finished.processedRows, ROWS);
  assert.equal(finished.counts.created, ROWS);

  // Every row exactly once: the export of every account's external id.
  const response = await fetch(`${baseUrl}/api/v1/accounts/export?format=csv&fields=externalId`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200);
  const ids = (await response.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1).filter((id) => id.startsWith('KILL-'));
  assert.equal(ids.length, ROWS, 'one record per row');
  assert.equal(new Set(ids).size, ROWS, 'no row imported twice');
});
