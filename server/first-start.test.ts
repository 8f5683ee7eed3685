// `guanxi serve` on a database without users, as `npm start` runs it on a fresh clone: a child process
// creates and seeds it (what seeding allocates leaves with that process), prints an administrator API
// key that works, and the next start seeds nothing. On PGlite by default, PostgreSQL with TEST_DATABASE_URL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { freePort, scratchServerEnvironment, waitFor } from './platform/jobs/test-support.ts';

const mainScript = fileURLToPath(new URL('./main.ts', import.meta.url));

let env: NodeJS.ProcessEnv;
let cleanUp: () => Promise<void>;

before(async () => {
  ({ env, cleanUp } = await scratchServerEnvironment('guanxi-first-'));
  env = { ...env, GUANXI_DEMO: 'true', LOG_LEVEL: 'error' };
});
after(() => cleanUp?.());

/** Starts `guanxi serve`, waits until it answers, and returns what it printed until then. */
async function serve(): Promise<{ server: ChildProcess; baseUrl: string; output: () => string }> {
  const port = await freePort();
  const server = spawn(process.execPath, [mainScript, 'serve'], { env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'inherit'] });
  let printed = '';
  server.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${baseUrl}/api/v1/health`).catch(() => undefined))?.ok, 110_000, 'the server to answer');
  return { server, baseUrl, output: () => printed };
}

async function stop(server: ChildProcess): Promise<void> {
  const exited = once(server, 'exit');
  server.kill('SIGTERM');
  await exited;
}

test('the first start loads the demo company and prints a working key; the next start loads nothing', { timeout: 240_000 }, async () => {
  const first = await serve();
  try {
    assert.match(first.output(), /Loaded the demo company: \{"accounts":200,/);
    const token = /API key \(shown once, keep it\): (\S+)/.exec(first.output())?.[1];
    assert.ok(token, first.output());
    const accounts = await fetch(`${first.baseUrl}/api/v1/accounts?limit=1`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(accounts.status, 200);
    assert.equal(((await accounts.json()) as { data: unknown[] }).data.length, 1);
  } finally {
    await stop(first.server);
  }

  const second = await serve();
  try {
    assert.doesNotMatch(second.output(), /Loaded the demo company|API key/);
  } finally {
    await stop(second.server);
  }
});
