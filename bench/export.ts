// `node bench/export.ts`: how fast GET /api/v1/accounts/export streams, and how much memory the
// process holds meanwhile. The real app on the benchmark database, a loopback client that reads as
// fast as it can (and stops after --rows, when given), the process's RSS sampled every 100 ms.
//
//   node bench/export.ts --database-url postgres://postgres@127.0.0.1:5432/guanxi_bench_1m --rows 100000
//   node bench/export.ts --data-dir .tmp/bench-100k --format xlsx
//
// Options: --rows N (stop after N rows; default all), --format csv|xlsx, --sort, --fields. The API key
// and the audit entries the run creates are removed at the end, so the database is left as it was.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { parseArgs } from 'node:util';
import { and, eq, gte, sql } from 'drizzle-orm';
import { buildApp } from '../server/app.ts';
import { createApiKey } from '../server/platform/auth/api-keys.ts';
import { ensureUser } from '../server/platform/auth/users.ts';
import { apiKeys, auditEvents } from '../server/platform/db/schema.ts';
import { newId } from '../server/platform/ids.ts';
import { BENCH_ADMIN_EMAIL, openBenchDatabase } from './generate.ts';

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Reads the export, counting CSV lines or bytes, until the end or `maxRows` rows; resolves with what it read. */
function download(url: string, token: string, maxRows: number | undefined, isCsv: boolean): Promise<{ bytes: number; lines: number }> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let lines = 0;
    const req = request(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}`));
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (isCsv) for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
        // The header is one line: stop once maxRows data rows have arrived.
        if (maxRows !== undefined && lines > maxRows) {
          req.destroy();
          resolve({ bytes, lines });
        }
      });
      res.on('end', () => resolve({ bytes, lines }));
      res.on('error', reject);
    });
    req.on('error', (error) => (maxRows !== undefined && lines > maxRows ? undefined : reject(error)));
    req.end();
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      rows: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      sort: { type: 'string' },
      fields: { type: 'string' },
    },
  });
  const maxRows = values.rows ? Number(values.rows) : undefined;
  const { db, registry } = await openBenchDatabase({ databaseUrl: values['database-url'], dataDir: values['data-dir'] });
  const [{ n: accounts }] = await db.rows<{ n: unknown }>(sql`select count(*) as n from accounts where deleted_at is null`);
  if (Number(accounts) === 0) throw new Error('The database has no accounts: fill it with `npm run bench` first.');
  const { id: adminId } = await ensureUser(db, { email: BENCH_ADMIN_EMAIL, name: 'Bench Admin 压测管理员', roleKey: 'administrator' });
  const key = await createApiKey(db, adminId, `export bench ${new Date().toISOString()}`);
  const startedId = newId(); // UUIDv7: audit entries of this run sort after it
  const app = await buildApp({ db, registry, logLevel: 'warn', settings: { auth: { apiKeyRateLimit: 1_000_000_000 } } });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });

  const idle = process.memoryUsage();
  let peakRss = idle.rss;
  let peakHeap = idle.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 100);
  const query = new URLSearchParams({ format: values.format!, ...(values.sort ? { sort: values.sort } : {}), ...(values.fields ? { fields: values.fields } : {}) });
  const started = performance.now();
  const read = await download(`${base}/api/v1/accounts/export?${query}`, key.token, maxRows, values.format === 'csv');
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);

  // The export's own count, from its audit entry (written when the stream closes).
  let rowCount = 0;
  for (let attempt = 0; attempt < 100 && !rowCount; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [entry] = await db.orm.select().from(auditEvents).where(and(eq(auditEvents.action, 'record.export'), gte(auditEvents.id, startedId)));
    rowCount = Number((entry?.details as { rowCount?: number } | undefined)?.rowCount ?? 0);
  }
  const rows = values.format === 'csv' ? Math.min(read.lines - 1, maxRows ?? Infinity) : rowCount;
  const report = {
    at: new Date().toISOString(),
    database: db.kind,
    accounts: Number(accounts),
    format: values.format,
    rows,
    seconds: Math.round(seconds * 10) / 10,
    rowsPerSecond: Math.round(rows / seconds),
    megabytes: mb(read.bytes),
    rssMB: { idle: mb(idle.rss), peak: mb(peakRss) },
    heapMB: { idle: mb(idle.heapUsed), peak: mb(peakHeap) },
  };
  console.log(JSON.stringify(report, null, 2));
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL(`./results/${report.at.replace(/[:.]/g, '-')}-export-${values.format}-${rows}.json`, import.meta.url), `${JSON.stringify(report, null, 2)}\n`);

  await app.close();
  await db.orm.delete(auditEvents).where(and(eq(auditEvents.actorId, adminId), gte(auditEvents.id, startedId)));
  await db.orm.delete(apiKeys).where(eq(apiKeys.id, key.id));
  await db.close();
}

await main();
