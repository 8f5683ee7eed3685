// The job system inside the real app, on PGlite (or PostgreSQL with TEST_DATABASE_URL): handlers run,
// failures retry with backoff and end dead, administrators list and retry dead jobs over HTTP,
// singleton jobs do not pile up, schedules exist, and the housekeeping jobs do their work.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../../testing.ts';
import { createApiKey } from '../auth/api-keys.ts';
import { ensureUser } from '../auth/users.ts';
import { housekeepingJobs } from '../../housekeeping.ts';
import { loadConfig } from '../config.ts';
import { defineJob } from './index.ts';
import { Writable } from 'node:stream';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { localFileStore } from '../../files/store.ts';
import { jobState, waitForState } from './test-support.ts';

const seen: string[] = [];
let isFlakyFixed = false;

const echo = defineJob<{ word: string }>({
  name: 'test.echo',
  handler: async ({ word }) => {
    seen.push(word);
  },
});
const flaky = defineJob<{ n: number }>({
  name: 'test.flaky',
  retryLimit: 1,
  handler: async ({ n }) => {
    if (!isFlakyFixed) throw new Error(`flaky ${n} broke`);
  },
});
const backingOff = defineJob<Record<string, never>>({
  name: 'test.backing-off',
  retryLimit: 3,
  retryBackoff: true,
  retryDelaySeconds: 30,
  handler: async () => {
    throw new Error('always fails');
  },
});
const single = defineJob<Record<string, never>>({ name: 'test.single', isSingleton: true, handler: async () => {} });

let t: TestContext;
let repToken: string;
// The failing jobs log warnings by design; keep them out of the test output.
const logStream = new Writable({ write: (_chunk, _encoding, done) => done() });

before(async () => {
  t = await startTestApp({ logStream, jobs: { isWorking: true, definitions: [echo, flaky, backingOff], pollingIntervalSeconds: 0.5 } });
  const rep = await ensureUser(t.db, { email: 'rep@example.com', name: 'Rep', roleKey: 'sales_rep' });
  repToken = (await createApiKey(t.db, rep.id, 'test')).token;
});

after(async () => {
  await t?.close();
});

test('an enqueued job runs its handler with the typed payload', async () => {
  const id = await t.app.jobs.enqueue(echo, { word: '你好' });
  assert.ok(id);
  await waitForState(t.app.jobs, id, 'completed');
  assert.deepEqual(seen, ['你好']);
});

test('a job enqueued in a transaction exists only if the transaction commits', async () => {
  const rolledBack = t.db.transaction(async (tx) => {
    assert.ok(await t.app.jobs.enqueue(echo, { word: 'rolled back' }, { tx }));
    throw new Error('undo');
  });
  await assert.rejects(rolledBack, /undo/);
  const id = await t.db.transaction(async (tx) => t.app.jobs.enqueue(echo, { word: 'committed 已提交' }, { tx }));
  await waitForState(t.app.jobs, id!, 'completed');
  const { rows } = await t.app.jobs.boss.getDb().executeSql(`select data->>'word' as word from pgboss.job where name = 'test.echo'`);
  assert.ok(!rows.some((r: { word: string }) => r.word === 'rolled back'));
  assert.ok(seen.includes('committed 已提交'));
});

test('a job that is not registered cannot be enqueued', async () => {
  const stray = defineJob<{ x: number }>({ name: 'test.stray', handler: async () => {} });
  await assert.rejects(t.app.jobs.enqueue(stray, { x: 1 }), /not registered/);
});

test('a failing job is retried, then dead; an administrator sees it and retries it', async () => {
  const first = (await t.app.jobs.enqueue(flaky, { n: 1 }))!;
  const second = (await t.app.jobs.enqueue(flaky, { n: 2 }))!;
  const dead = await waitForState(t.app.jobs, first, 'failed');
  assert.equal(dead.retry_count, 1, 'one retry after the first attempt');
  await waitForState(t.app.jobs, second, 'failed');

  const page1 = await t.api('GET', '/api/v1/admin/jobs?name=test.flaky&limit=1');
  assert.equal(page1.status, 200, JSON.stringify(page1.body));
  assert.equal(page1.body.data.length, 1);
  assert.equal(page1.body.data[0].id, second, 'newest first');
  assert.equal(page1.body.data[0].state, 'failed');
  assert.equal(page1.body.data[0].attempts, 2);
  assert.equal(page1.body.data[0].error, 'flaky 2 broke');
  assert.deepEqual(page1.body.data[0].payload, { n: 2 });
  assert.ok(page1.body.nextCursor);
  const page2 = await t.api('GET', `/api/v1/admin/jobs?name=test.flaky&limit=1&cursor=${page1.body.nextCursor}`);
  assert.deepEqual(page2.body.data.map((j: { id: string }) => j.id), [first]);
  assert.equal(page2.body.nextCursor, null);

  isFlakyFixed = true;
  const retried = await t.api('POST', `/api/v1/admin/jobs/${first}/retry`);
  assert.equal(retried.status, 200, JSON.stringify(retried.body));
  assert.equal(retried.body.state, 'retry');
  await waitForState(t.app.jobs, first, 'completed');
  const again = await t.api('POST', `/api/v1/admin/jobs/${first}/retry`);
  assert.equal(again.status, 409);
  assert.equal(again.body.errors[0].code, 'job_not_failed');
  const remaining = await t.api('GET', '/api/v1/admin/jobs?name=test.flaky');
  assert.deepEqual(remaining.body.data.map((j: { id: string }) => j.id), [second]);
});

test('a retry backs off: the next attempt waits for the delay', async () => {
  const id = (await t.app.jobs.enqueue(backingOff, {}))!;
  const row = await waitForState(t.app.jobs, id, 'retry');
  const waitSeconds = (new Date(row.start_after).getTime() - Date.now()) / 1000;
  assert.ok(waitSeconds > 10, `the retry waits (${waitSeconds.toFixed(1)} s)`);
});

test('the admin jobs API is for administrators and validates its input', async () => {
  const asRep = await t.app.inject({ method: 'GET', url: '/api/v1/admin/jobs', headers: { authorization: `Bearer ${repToken}` } });
  assert.equal(asRep.statusCode, 403);
  const anonymous = await t.app.inject({ method: 'POST', url: `/api/v1/admin/jobs/${crypto.randomUUID()}/retry` });
  assert.equal(anonymous.statusCode, 401);
  assert.equal((await t.api('POST', `/api/v1/admin/jobs/${crypto.randomUUID()}/retry`)).status, 404);
  assert.equal((await t.api('POST', '/api/v1/admin/jobs/not-a-uuid/retry')).status, 400);
  assert.equal((await t.api('GET', '/api/v1/admin/jobs?state=dead')).status, 400);
  assert.equal((await t.api('GET', '/api/v1/admin/jobs?limit=0')).status, 400);
  const badCursor = await t.api('GET', '/api/v1/admin/jobs?cursor=bm9wZQ');
  assert.equal(badCursor.status, 400);
  assert.equal(badCursor.body.errors[0].code, 'invalid_cursor');
  for (const forged of [['not a date', 'x'], ['1', crypto.randomUUID()], ['2026-13-45T99:00:00.000Z', crypto.randomUUID()], [null, null]]) {
    const cursor = Buffer.from(JSON.stringify(forged)).toString('base64url');
    assert.equal((await t.api('GET', `/api/v1/admin/jobs?cursor=${cursor}`)).status, 400, JSON.stringify(forged));
  }
});

test('a singleton job is queued at most once', async () => {
  const idle = await startTestApp({ logStream, jobs: { isWorking: false, definitions: [single] } });
  try {
    assert.ok(await idle.app.jobs.enqueue(single, {}));
    assert.equal(await idle.app.jobs.enqueue(single, {}), null);
  } finally {
    await idle.close();
  }
});

test('housekeeping is scheduled hourly, and the purge job empties the old recycle bin, attachments and their bytes included', async () => {
  const schedules = await t.app.jobs.boss.getSchedules();
  const crons = Object.fromEntries(schedules.map((s) => [s.name, s.cron]));
  assert.equal(crons['housekeeping.purge-recycle-bin'], '17 * * * *');
  assert.equal(crons['housekeeping.prune-sessions'], '47 * * * *');

  const old = await t.create('accounts', { name: 'Old 旧客户' });
  const recent = await t.create('accounts', { name: 'Recent 新客户' });
  // Each has a file; only the purged record's goes, row and bytes.
  const attach = async (id: string) => {
    const r = await t.app.inject({ method: 'POST', url: `/api/v1/accounts/${id}/attachments?filename=note.txt`, headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/octet-stream' }, payload: Buffer.from(`notes of ${id}`) });
    assert.equal(r.statusCode, 201, r.body);
    const [row] = await t.db.rows<{ key: string }>(sql`select storage_key as key from attachments where id = ${JSON.parse(r.body).id}::uuid`);
    return join(t.filesDir, row!.key);
  };
  const oldFile = await attach(old.id);
  const recentFile = await attach(recent.id);
  for (const id of [old.id, recent.id]) assert.equal((await t.api('DELETE', `/api/v1/accounts/${id}`)).status, 204);
  await t.db.rows(sql`update accounts set deleted_at = now() - interval '31 days' where id = ${old.id}`);
  const [purge] = housekeepingJobs({ db: t.db, registry: t.registry, authSettings: loadConfig().auth, now: () => new Date(), fileStore: localFileStore(t.filesDir) });
  const id = (await t.app.jobs.enqueue(purge!, {}))!;
  await waitForState(t.app.jobs, id, 'completed');
  const left = await t.db.rows<{ id: string }>(sql`select id from accounts where id in (${old.id}, ${recent.id})`);
  assert.deepEqual(left.map((r) => r.id), [recent.id]);
  const files = await t.db.rows<{ record_id: string }>(sql`select record_id from attachments where record_id in (${old.id}, ${recent.id})`);
  assert.deepEqual(files.map((r) => r.record_id), [recent.id]);
  assert.equal(existsSync(oldFile), false, 'the purged record’s bytes are gone');
  assert.equal(existsSync(recentFile), true);
});

test('closing the app lets a running job finish first', async () => {
  let release!: () => void;
  let isFinished = false;
  const slow = defineJob<Record<string, never>>({
    name: 'test.slow',
    handler: async () => {
      await new Promise<void>((resolve) => (release = resolve));
      isFinished = true;
    },
  });
  const other = await startTestApp({ logStream, jobs: { isWorking: true, definitions: [slow], pollingIntervalSeconds: 0.5 } });
  const id = (await other.app.jobs.enqueue(slow, {}))!;
  await waitForState(other.app.jobs, id, 'active');
  let isClosed = false;
  const closing = other.app.close().then(() => (isClosed = true)); // the job system stops in onClose
  // Closing waits for the handler: give it time to (wrongly) finish before releasing the handler.
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(isClosed, false);
  release();
  await closing;
  assert.equal(isFinished, true);
  assert.equal((await jobState(other.app.jobs, id))?.state, 'completed');
  await other.close();
});

test('a new on-demand job wakes an idle worker at once, however seldom it polls', async () => {
  const ran: string[] = [];
  const woken = defineJob<{ word: string }>({ name: 'test.woken', handler: async ({ word }) => void ran.push(word) });
  // Polling once a minute: only the NOTIFY sent with each job can start these within seconds.
  const other = await startTestApp({ logStream, jobs: { isWorking: true, definitions: [woken], pollingIntervalSeconds: 60 } });
  try {
    await new Promise((resolve) => setTimeout(resolve, 1000)); // past the workers' first fetch
    const direct = (await other.app.jobs.enqueue(woken, { word: 'direct' }))!;
    await waitForState(other.app.jobs, direct, 'completed', 5000);
    const inTransaction = (await other.db.transaction(async (tx) => other.app.jobs.enqueue(woken, { word: 'committed' }, { tx })))!;
    await waitForState(other.app.jobs, inTransaction, 'completed', 5000);
    assert.deepEqual(ran, ['direct', 'committed']);
    const { rows } = await other.app.jobs.boss.getDb().executeSql(`select name, notify from pgboss.queue where name in ('test.woken', 'housekeeping.prune-sessions') order by name`);
    assert.deepEqual(rows, [{ name: 'housekeeping.prune-sessions', notify: false }, { name: 'test.woken', notify: true }], 'cron queues only poll');
  } finally {
    await other.close();
  }
});
