// `npm run bench:import`: how fast the real import path loads a generated CSV, beside a plain COPY of
// the same rows into an equivalent table measured in the same run. Accounts first, then contacts whose
// "Account" column is a lookup to the accounts just imported (by external id). Each file goes through
// the service the API, the job and the CLI use (upload, mapping, settings check, queue) and is then run
// by the `data.import` job's own handler — mapping, validation, search tokens, change log and undo
// bookkeeping included. Writes bench/results/<time>-import-<db>-<rows>.json.
//
//   npm run bench:import -- --data-dir .tmp/bench-import --rows 100000
//   npm run bench:import -- --database-url postgres://postgres@127.0.0.1:5432/guanxi_bench_import --rows 200000
//
// More rows than one file may hold (MAX_IMPORT_ROWS) are imported as several files, one after another.
// The COPY baseline copies the rows the import wrote (read back from the table) into a table created
// `LIKE` the record table with its indexes, so both sides write the same bytes to the same shape.
import { createReadStream, createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { loadRequestContext } from '../server/platform/access/load-context.ts';
import { ensureUser } from '../server/platform/auth/users.ts';
import type { Database } from '../server/platform/db/index.ts';
import type { JobDefinition } from '../server/platform/jobs/index.ts';
import type { Caller, Registry } from '../server/records/index.ts';
import { chineseCities, chinesePerson, englishCities, englishPerson, makeCompany, mobile, Random } from '../server/demo/names.ts';
import { importJobRef, importJobs, type ImportJobPayload } from '../server/domains/data/import-job.ts';
import { changeImport, createImport, MAX_IMPORT_ROWS, startImport } from '../server/domains/data/import-service.ts';
import { CREATE_BATCH_SIZE } from '../server/domains/data/import-runner.ts';
import { BENCH_ADMIN_EMAIL, openBenchDatabase } from './generate.ts';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    rows: { type: 'string', default: '100000' },
    // Fewer accounts than contacts (the lookup targets) keep a million-contact run to the object measured.
    'account-rows': { type: 'string' },
    seed: { type: 'string', default: '7' },
  },
});
const total = Number(values.rows);
const accountTotal = Number(values['account-rows'] ?? total);
const log = (message: string) => console.log(`[import ${new Date().toISOString().slice(11, 19)}] ${message}`);
const csvCell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const csvLine = (cells: string[]) => cells.map(csvCell).join(',') + '\r\n';
const typeWords = ['prospect', 'Customer', '成交客户', '合作伙伴', 'supplier'];

/** A run's id prefix keeps every generated key unique across runs on the same database. */
const runTag = Date.now().toString(36);

/** Accounts rows `from`…`to`: bilingual names, phones, e-mails, a pick-list, a number. */
function accountsCsv(from: number, to: number, r: Random): Buffer {
  let text = csvLine(['Name', 'External ID', 'Type', 'Phone', 'E-mail', 'City', 'Employees']);
  for (let i = from; i < to; i++) {
    const city = r.chance(0.65) ? r.pick(chineseCities) : r.pick(englishCities);
    const company = makeCompany(r, city);
    text += csvLine([`${company.name} ${i}`, `ACC-${runTag}-${i}`, r.pick(typeWords), company.phone, `a${i}.${runTag}.${company.email}`, city.city, String(r.int(5, 20_000))]);
  }
  return Buffer.from(text);
}

/** Contacts rows: bilingual names, mobiles, e-mails, a date, and a lookup to one of the accounts. */
function contactsCsv(from: number, to: number, accounts: number, r: Random): Buffer {
  let text = csvLine(['姓名', 'E-mail', '手机', 'Account', 'Birthday', 'City']);
  for (let i = from; i < to; i++) {
    const city = r.chance(0.65) ? r.pick(chineseCities) : r.pick(englishCities);
    const person = city.isChinese ? chinesePerson(r) : englishPerson(r);
    const birthday = `${r.int(1960, 2000)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    text += csvLine([person.name, `${person.handle}.${i}.${runTag}@example.com`, mobile(r, city), `ACC-${runTag}-${r.int(0, accounts - 1)}`, birthday, city.city]);
  }
  return Buffer.from(text);
}

const megabytes = (bytes: number) => Math.round(bytes / 2 ** 20);

/**
 * The process's resident set and JavaScript heap, sampled every 250 ms while an import job runs (not
 * while the bench generates, uploads or copies). With `--expose-gc` the heap is collected first, so
 * the figures start from the same floor for every file.
 */
function sampleMemory() {
  (globalThis as { gc?: () => void }).gc?.();
  const rss: number[] = [];
  const heap: number[] = [];
  const sample = () => {
    const usage = process.memoryUsage();
    rss.push(usage.rss);
    heap.push(usage.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 250);
  return () => {
    clearInterval(timer);
    sample();
    // What the job left behind: the live heap after a full collection, which must not grow file by file.
    (globalThis as { gc?: () => void }).gc?.();
    const heapLiveMB = megabytes(process.memoryUsage().heapUsed);
    return { rssStartMB: megabytes(rss[0]!), rssMaxMB: megabytes(Math.max(...rss)), heapStartMB: megabytes(heap[0]!), heapMaxMB: megabytes(Math.max(...heap)), heapLiveMB };
  };
}

/** Imports one file through the service and the import job's handler; returns the ids it created. */
async function importFile(c: Caller, registry: Registry, object: string, bytes: Buffer, columns: Record<string, string>): Promise<{ seconds: number; counts: Record<string, number>; memory: ReturnType<ReturnType<typeof sampleMemory>> }> {
  const job = importJobs({ db: c.db, registry } as Parameters<typeof importJobs>[0]).find((j) => j.name === importJobRef.name) as JobDefinition<ImportJobPayload>;
  const started = performance.now();
  const uploaded = await createImport(c, object, `${object}.csv`, bytes);
  await changeImport(c, uploaded.id, { settings: { ...uploaded.settings, columns, matchMode: 'create', matchBy: [] } });
  let payload: ImportJobPayload | undefined;
  await startImport(c, uploaded.id, async (importId) => (payload = { importId }));
  const noLog = { info() {}, warn() {}, error: console.error } as never;
  const stopSampling = sampleMemory();
  await job.handler(payload!, { jobId: 'bench', attempt: 0, log: noLog } as never);
  const memory = stopSampling();
  const seconds = (performance.now() - started) / 1000;
  const [run] = await c.db.rows<{ status: string; counts: Record<string, number> }>(sql`select status, counts from import_runs where id = ${uploaded.id}::uuid`);
  if (run?.status !== 'completed') throw new Error(`The import ended ${run?.status}`);
  return { seconds, counts: run.counts, memory };
}

const copyEscapes: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One value in COPY's text format (as the driver returned it). */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  else if (Array.isArray(value)) text = `{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  return text.replace(/[\\\n\r\t]/g, (ch) => copyEscapes[ch]!);
}

/** COPY text of rows. */
function copyText(rows: Record<string, unknown>[], columns: string[]): string {
  let text = '';
  for (const row of rows) text += columns.map((column) => copyValue(row[column])).join('\t') + '\n';
  return text;
}

/** Seconds a plain COPY of the rows the import wrote takes into a copy of the table with its indexes. */
async function copyBaseline(db: Database, databaseUrl: string | undefined, table: string, since: string): Promise<{ seconds: number; rows: number }> {
  const copy = `bench_copy_${table}`;
  await db.exec(`DROP TABLE IF EXISTS "${copy}"`);
  await db.exec(`CREATE TABLE "${copy}" (LIKE "${table}" INCLUDING DEFAULTS INCLUDING INDEXES)`);
  let seconds: number;
  let rows: number;
  if (db.kind === 'embedded') {
    const read = await db.rows<Record<string, unknown>>(sql`select * from ${sql.identifier(table)} where created_at >= ${since}::timestamptz order by id`);
    const columns = Object.keys(read[0] ?? {});
    const chunks: string[] = [];
    for (let at = 0; at < read.length; at += 10_000) chunks.push(copyText(read.slice(at, at + 10_000), columns));
    const client = (db.orm as unknown as { $client: PGlite }).$client;
    const started = performance.now();
    const statement = `COPY "${copy}" (${columns.map((column) => `"${column}"`).join(', ')}) FROM '/dev/blob'`;
    for (const chunk of chunks) await client.query(statement, [], { blob: new Blob([chunk]) });
    seconds = (performance.now() - started) / 1000;
    rows = read.length;
  } else {
    // Through a file, so a million rows never sit in memory; only the COPY into the table is timed.
    const file = path.join(os.tmpdir(), `${copy}-${process.pid}.copy`);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const out = client.query(copyTo(`COPY (select * from "${table}" where created_at >= '${since}'::timestamptz order by id) TO STDOUT`));
      await pipeline(out, createWriteStream(file));
      rows = Number((await client.query(`select count(*) as n from "${table}" where created_at >= '${since}'::timestamptz`)).rows[0].n);
      const started = performance.now();
      await pipeline(createReadStream(file), client.query(copyFrom(`COPY "${copy}" FROM STDIN`)));
      seconds = (performance.now() - started) / 1000;
    } finally {
      await client.end();
      rmSync(file, { force: true });
    }
  }
  await db.exec(`DROP TABLE "${copy}"`);
  return { seconds, rows };
}

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

async function main(): Promise<void> {
  const { db, registry } = await openBenchDatabase({ databaseUrl: values['database-url'], dataDir: values['data-dir'] });
  const { id: adminId } = await ensureUser(db, { email: BENCH_ADMIN_EMAIL, name: 'Bench Admin 压测管理员', roleKey: 'administrator' });
  const ctx = await loadRequestContext(db, adminId);
  if (!ctx) throw new Error('no bench admin');
  const c: Caller = { db, registry, ctx };
  const [{ version }] = await db.rows<{ version: string }>(sql`select version() as version`);
  const [{ now: since }] = await db.rows<{ now: string }>(sql`select now()::text as now`);
  const loadBefore = os.loadavg();
  const r = new Random(Number(values.seed));
  const results: Record<string, unknown>[] = [];
  const objects: { object: string; rows: number; columns: Record<string, string>; csv: (from: number, to: number) => Buffer }[] = [
    { object: 'accounts', rows: accountTotal, columns: { Name: 'name', 'External ID': 'externalId', Type: 'type', Phone: 'phone', 'E-mail': 'email', City: 'city', Employees: 'employees' }, csv: (from: number, to: number) => accountsCsv(from, to, r) },
    { object: 'contacts', rows: total, columns: { 姓名: 'name', 'E-mail': 'email', 手机: 'mobile', Account: 'accountId', Birthday: 'birthday', City: 'city' }, csv: (from: number, to: number) => contactsCsv(from, to, accountTotal, r) },
  ];
  for (const { object, rows: total, columns, csv } of objects) {
    const memory: Record<string, number>[] = [];
    let seconds = 0;
    const counts: Record<string, number> = {};
    for (let from = 0; from < total; from += MAX_IMPORT_ROWS) {
      const to = Math.min(total, from + MAX_IMPORT_ROWS);
      const bytes = csv(from, to);
      const file = await importFile(c, registry, object, bytes, columns);
      seconds += file.seconds;
      memory.push(file.memory);
      for (const [outcome, n] of Object.entries(file.counts)) counts[outcome] = (counts[outcome] ?? 0) + n;
      log(`${object} ${to}/${total}: ${round(file.seconds, 1)} s for this file (${Math.round((to - from) / file.seconds)} rows/s); job RSS ${file.memory.rssStartMB}→${file.memory.rssMaxMB} MB, heap ${file.memory.heapStartMB}→${file.memory.heapMaxMB} MB, live after ${file.memory.heapLiveMB} MB`);
    }
    const rss = { perFile: memory, rssMaxMB: Math.max(...memory.map((m) => m.rssMaxMB!)), heapMaxMB: Math.max(...memory.map((m) => m.heapMaxMB!)), heapLiveMB: memory.map((m) => m.heapLiveMB!) };
    if (counts.created !== total) throw new Error(`${object}: expected ${total} created, got ${JSON.stringify(counts)}`);
    const baseline = await copyBaseline(db, values['database-url'], registry.get(object).table, since);
    const rowsPerSecond = Math.round(total / seconds);
    const copyRowsPerSecond = Math.round(baseline.rows / baseline.seconds);
    results.push({ object, rows: total, seconds: round(seconds), rowsPerSecond, counts, rss, copy: { rows: baseline.rows, seconds: round(baseline.seconds), rowsPerSecond: copyRowsPerSecond }, copyOverImport: round(copyRowsPerSecond / rowsPerSecond, 1) });
    log(`${object}: import ${rowsPerSecond} rows/s; COPY ${copyRowsPerSecond} rows/s (${round(copyRowsPerSecond / rowsPerSecond, 1)}× faster); job RSS ≤ ${rss.rssMaxMB} MB, heap ≤ ${rss.heapMaxMB} MB`);
  }
  const kind = db.kind === 'postgres' ? 'postgres' : 'pglite';
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGB: Math.round(os.totalmem() / 2 ** 30), loadBefore, loadAfter: os.loadavg(), node: process.version },
    database: { kind, version },
    settings: { rows: total, accountRows: accountTotal, rowsPerFile: MAX_IMPORT_ROWS, rowsPerBatch: CREATE_BATCH_SIZE, matchMode: 'create' },
    results,
    targets: results.map((x) => ({ name: `${x.object} import ≥ 20,000 rows/s`, value: x.rowsPerSecond, limit: 20_000, isMet: (x.rowsPerSecond as number) >= 20_000 })),
  };
  const stamp = report.date.replace(/[:.]/g, '-').replace(/-\d+Z$/, 'Z');
  const file = new URL(`./results/${stamp}-import-${kind}-${total}.json`, import.meta.url);
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.table(Object.fromEntries(results.map((x) => [x.object, { rows: x.rows, 'import rows/s': x.rowsPerSecond, 'COPY rows/s': (x.copy as { rowsPerSecond: number }).rowsPerSecond, 'COPY ×': x.copyOverImport }])));
  console.log(`Wrote ${file.pathname}`);
  await db.close();
}

await main();
