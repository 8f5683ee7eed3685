// Several processes on one PostgreSQL: each job runs exactly once, and a job whose process is killed
// mid-run is retried by another after it expires, never lost, and `guanxi worker` runs the
// housekeeping jobs with the definitions other processes change. Needs real processes, so PostgreSQL only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { openPostgresDatabase } from '../db/postgres.ts';
import type { Database } from '../db/index.ts';
import { createJobSystem, type JobSystem } from './system.ts';
import { recordJobFor, jobRunsTable } from './test-jobs.ts';
import { createScratchPostgres, waitFor, waitForState } from './test-support.ts';
import { sql } from 'drizzle-orm';
import { prepareDatabase } from '../../boot.ts';
import { customObjects } from '../db/schema.ts';
import { ensureUser } from '../auth/users.ts';
import { createRecord, objectDdl, systemCaller, type ObjectDefinition } from '../../records/index.ts';

const serverUrl = process.env.TEST_DATABASE_URL;
const skip = serverUrl ? false : 'several processes cannot share the embedded database (PGlite is single-process); set TEST_DATABASE_URL';
const workerScript = fileURLToPath(new URL('./test-worker.ts', import.meta.url));
const mainScript = fileURLToPath(new URL('../../main.ts', import.meta.url));

let scratch: { url: string; drop: () => Promise<void> };
let db: Database;
let jobs: JobSystem;
const children = new Set<ChildProcess>();

/** Starts a worker process and resolves once it is polling. */
async function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [workerScript, scratch.url], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  assert.equal(line.toString().trim(), 'ready');
  return child;
}

/** Starts the real `guanxi worker` command and resolves once it says it is running. */
async function startGuanxiWorker(): Promise<ChildProcess> {
  const worker = spawn(process.execPath, [mainScript, 'worker'], {
    env: { ...process.env, DATABASE_URL: scratch.url, GUANXI_DEMO: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(worker);
  const [line] = (await once(worker.stdout!, 'data')) as [Buffer];
  assert.match(line.toString(), /worker is running jobs on PostgreSQL/);
  return worker;
}

/** Sends SIGTERM and checks the process exits with code 0. */
async function stopCleanly(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  assert.equal(((await exited) as [number | null])[0], 0);
}

async function stopWorker(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

before(async () => {
  if (skip) return;
  scratch = await createScratchPostgres(serverUrl!);
  db = await openPostgresDatabase(scratch.url, 2);
  await db.exec(jobRunsTable);
  // This process only enqueues; it also installs pg-boss's schema before the workers start.
  jobs = await createJobSystem(db, { isWorking: false, log: { info() {}, warn() {}, error: console.error } });
  await jobs.registerJobs([recordJobFor(db)]);
});

after(async () => {
  if (skip) return;
  for (const child of children) child.kill('SIGKILL');
  await jobs?.stop();
  await db?.close();
  await scratch?.drop();
});

test('two worker processes run each of 300 jobs exactly once', { skip }, async () => {
  const workers = await Promise.all([startWorker(), startWorker()]);
  const job = recordJobFor(db);
  const ids = await Promise.all(Array.from({ length: 300 }, () => jobs.enqueue(job, {})));
  await waitFor(async () => {
    const [row] = await db.rows<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = 'test.record' and state = 'completed'`);
    return row!.n === 300;
  }, 60_000, 'all 300 jobs to complete');
  await Promise.all(workers.map(stopWorker));
  const runs = await db.rows<{ job_id: string; runs: number }>(sql`select job_id, count(*)::int as runs from job_runs group by job_id`);
  assert.equal(runs.length, 300);
  assert.deepEqual(new Set(runs.map((r) => r.job_id)), new Set(ids));
  assert.ok(runs.every((r) => r.runs === 1), 'no job ran twice');
  const byPid = await db.rows<{ pid: number; n: number }>(sql`select pid, count(*)::int as n from job_runs group by pid`);
  // Both took a share, so the claims really competed.
  assert.deepEqual(new Set(byPid.map((r) => r.pid)), new Set(workers.map((w) => w.pid)));
});

test('a job whose process is killed mid-run is retried by another process', { skip }, async () => {
  const doomed = await startWorker();
  const id = (await jobs.enqueue(recordJobFor(db), { isHangingFirst: true }))!;
  await waitForState(jobs, id, 'active');
  await waitFor(async () => (await db.rows(sql`select 1 from job_runs where job_id = ${id}`)).length > 0, 20_000, 'the first attempt to start');
  const exited = once(doomed, 'exit');
  doomed.kill('SIGKILL');
  await exited;

  const rescuer = await startWorker();
  await waitForState(jobs, id, 'completed', 30_000);
  await stopWorker(rescuer);
  const runs = await db.rows<{ attempt: number; pid: number }>(sql`select attempt, pid from job_runs where job_id = ${id} order by attempt`);
  assert.deepEqual(runs.map((r) => r.attempt), [0, 1]);
  assert.deepEqual(runs.map((r) => r.pid), [doomed.pid, rescuer.pid]);
});

test('`guanxi worker` runs the scheduled housekeeping jobs and stops cleanly on SIGTERM', { skip }, async () => {
  const worker = await startGuanxiWorker();
  const schedules = await jobs.boss.getSchedules();
  assert.ok(schedules.some((s) => s.name === 'housekeeping.prune-sessions'));
  // Not waiting for :47: enqueue the scheduled job by hand, as the schedule would.
  const id = (await jobs.boss.send('housekeeping.prune-sessions', {}))!;
  await waitForState(jobs, id, 'completed', 30_000); // a scheduled job's queue is polled every 10 s
  await stopCleanly(worker);
});

test('`guanxi worker` follows definition changes made by other processes (a new custom object is purged)', { skip }, async () => {
  const worker = await startGuanxiWorker();

  // What an API process does when an administrator creates an object, after the worker has started.
  const registry = await prepareDatabase(db);
  const gadgets: ObjectDefinition = {
    name: 'gadgets', label: { en: 'Gadget', 'zh-CN': '小工具' }, labelPlural: { en: 'Gadgets', 'zh-CN': '小工具' },
    table: 'x_gadgets', titleField: 'name', access: { default: 'private' }, isCustom: true,
    fields: [{ name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, isRequired: true }],
  };
  await registry.change(db, async (tx) => {
    await tx.orm.insert(customObjects).values({ name: gadgets.name, definition: gadgets });
    await tx.exec(objectDdl(gadgets, registry.tableOf).join(';\n'));
  });
  const { id: adminId } = await ensureUser(db, { email: 'worker-test@example.com', name: 'Admin', roleKey: 'administrator' });
  const old = await createRecord(systemCaller({ db, registry }, adminId), 'gadgets', { name: '旧工具' });
  await db.rows(sql`update x_gadgets set deleted_at = now() - interval '40 days' where id = ${old.id}::uuid`);

  const id = (await jobs.boss.send('housekeeping.purge-recycle-bin', {}))!;
  await waitForState(jobs, id, 'completed', 30_000);
  const left = await db.rows(sql`select id from x_gadgets where id = ${old.id}::uuid`);
  assert.equal(left.length, 0, 'the worker did not know the new object');
  await stopCleanly(worker);
});
