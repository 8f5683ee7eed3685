// `npm run bench:jobs`: job throughput on PostgreSQL. Enqueues N no-op jobs one by one (10 at a
// time, as request handlers would), then times W job systems — each with its own connection pool,
// as separate worker processes would have — working them off. Writes bench/results/<time>-jobs.json.
//
//   npm run bench:jobs -- --database-url postgres://postgres@127.0.0.1:5432/guanxi_bench_jobs [--jobs 10000] [--workers 2] [--batch 100]
//
// The time to process runs from starting the workers until the last completion is committed.
//
// The database must exist; pg-boss creates its schema there, and the benchmark's queue is emptied first.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { openPostgresDatabase } from '../server/platform/db/postgres.ts';
import { createJobSystem, defineJob, type JobSystem } from '../server/platform/jobs/index.ts';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    jobs: { type: 'string', default: '10000' },
    workers: { type: 'string', default: '2' },
    batch: { type: 'string', default: '100' },
  },
});
const url = values['database-url'];
if (!url) throw new Error('Give --database-url: the job benchmark runs on PostgreSQL.');
const total = Number(values.jobs);
const workerCount = Number(values.workers);
const batchSize = Number(values.batch);
const log = { info() {}, warn() {}, error: console.error };

let processed = 0;
let onAllProcessed = () => {};
const allProcessed = new Promise<void>((resolve) => (onAllProcessed = resolve));
const noop = defineJob<{ n: number }>({
  name: 'bench.noop',
  batchSize,
  retryLimit: 0,
  handler: async () => {
    if (++processed === total) onAllProcessed();
  },
});

// Enqueue with a process that does not work, so nothing is taken before the clock starts.
const producerDb = await openPostgresDatabase(url, 10);
const producer = await createJobSystem(producerDb, { isWorking: false, log });
await producer.registerJobs([noop]);
await producer.boss.deleteAllJobs(noop.name);

const enqueueStart = performance.now();
for (let next = 0; next < total; ) {
  const chunk = Array.from({ length: Math.min(10, total - next) }, (_, i) => next + i);
  await Promise.all(chunk.map((n) => producer.enqueue(noop, { n })));
  next += chunk.length;
}
const enqueueSeconds = (performance.now() - enqueueStart) / 1000;

const rssBefore = process.memoryUsage().rss;
const processStart = performance.now();
const workers: { db: Awaited<ReturnType<typeof openPostgresDatabase>>; jobs: JobSystem }[] = [];
for (let i = 0; i < workerCount; i++) {
  const db = await openPostgresDatabase(url, 4);
  const jobs = await createJobSystem(db, { isWorking: true, log, pollingIntervalSeconds: 0.5 });
  await jobs.registerJobs([noop]);
  workers.push({ db, jobs });
}
await allProcessed;
// Done when the last completion is committed, not when the last handler returns.
const completedCount = async () =>
  (await producer.boss.getDb().executeSql(`select count(*)::int as n from pgboss.job where name = $1 and state = 'completed'`, [noop.name])).rows[0].n as number;
while ((await completedCount()) < total) await new Promise((resolve) => setTimeout(resolve, 5));
const processSeconds = (performance.now() - processStart) / 1000;
const rssAfter = process.memoryUsage().rss;

for (const { db, jobs } of workers) {
  await jobs.stop();
  await db.close();
}
const completed = await completedCount();
await producer.stop();
await producerDb.close();

const report = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGB: Math.round(os.totalmem() / 2 ** 30), load: os.loadavg(), node: process.version },
  settings: { jobs: total, workers: workerCount, batchSize, enqueueConcurrency: 10 },
  enqueue: { seconds: Math.round(enqueueSeconds * 100) / 100, jobsPerSecond: Math.round(total / enqueueSeconds) },
  process: { seconds: Math.round(processSeconds * 100) / 100, jobsPerSecond: Math.round(total / processSeconds), completed },
  rssMB: { beforeWorkers: Math.round(rssBefore / 2 ** 20), afterWorkers: Math.round(rssAfter / 2 ** 20) },
};
const stamp = report.date.replace(/[:.]/g, '-').replace(/-\d+Z$/, 'Z');
const file = new URL(`./results/${stamp}-jobs.json`, import.meta.url);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
console.log(`Enqueued ${total} jobs in ${report.enqueue.seconds} s (${report.enqueue.jobsPerSecond} jobs/s, 10 at a time).`);
console.log(`Processed ${total} no-op jobs with ${workerCount} workers in ${report.process.seconds} s: ${report.process.jobsPerSecond} jobs/s (${completed} completed).`);
console.log(`Wrote ${file.pathname}`);
