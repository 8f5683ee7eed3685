// `npm run bench`: load-tests the real API on a generated database, each scenario beside a raw-SQL
// baseline measured in the same run, and writes bench/results/<time>-<db>-<size>.json.
//
//   npm run bench -- --data-dir .tmp/bench-100k --accounts 100000           (PGlite)
//   npm run bench -- --database-url postgres://postgres@127.0.0.1:5432/guanxi_bench_1m --accounts 1000000
//
// An empty database is filled first (bench/generate.ts). Options: --duration S (default 10),
// --warmup S (2), --connections N (10), --only name,name, --after S (60: how long after the load the
// server's memory is read again; PostgreSQL only, see bench/memory.ts). Loopback only.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.ts';
import { createApiKey } from '../server/platform/auth/api-keys.ts';
import { ensureUser } from '../server/platform/auth/users.ts';
import { cursorValues, encodeCursor, parseSort, toColumnName } from '../server/records/index.ts';
import { englishCities, chineseCities, makeCompany, Random } from '../server/demo/names.ts';
import { BENCH_ADMIN_EMAIL, defaultSizes, generate, openBenchDatabase } from './generate.ts';
import { buildBaseline } from './baseline.ts';
import { runInWorker, type LoadRequest, type LoadStats } from './load.ts';
import { measureServerMemory, type MemoryFigures } from './memory.ts';
import { e164 } from './rows.ts';

interface Scenario {
  name: string;
  description: string;
  app: LoadRequest[];
  baseline: LoadRequest[];
}

const searchQueries = ['张伟', 'zhang wei', '上海 科技', 'emily carter', 'logistics', '华信', '星空', 'singapore', '拜访',
  'renewal', '王芳', 'northwind', '13812', '深圳 物流', 'li na', '合同'];
const filters: [string, string][] = [['上海', 'technology'], ['北京', 'media'], ['深圳', 'logistics'], ['杭州', 'retail'],
  ['London', 'finance'], ['New York', 'technology'], ['Singapore', 'logistics'], ['成都', 'manufacturing']];
const q = encodeURIComponent;

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

const sizeLabel = (n: number) =>
  n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')}m` : n >= 1000 ? `${Math.round(n / 1000)}k` : String(n);
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
const check = (name: string, value: number | undefined, limit: number | undefined) =>
  value === undefined || limit === undefined ? undefined : { name, value, limit, isMet: value <= limit, isForReference: false };

/** The request targets are set for PostgreSQL at a million accounts: elsewhere they are shown for reference, not judged. */
const forReference = <T extends { name: string; isForReference: boolean }>(target: T | undefined) =>
  target && { ...target, name: `${target.name} (a PostgreSQL target)`, isForReference: true };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      accounts: { type: 'string', default: '100000' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '10' },
      only: { type: 'string' },
      after: { type: 'string', default: '60' },
    },
  });
  const [duration, warmup, connections] = [Number(values.duration), Number(values.warmup), Number(values.connections)];
  const { db, registry } = await openBenchDatabase({ databaseUrl: values['database-url'], dataDir: values['data-dir'] });
  let generation: Record<string, number> | undefined;
  const count = async (table: string) => Number((await db.rows<{ n: unknown }>(sql`select count(*) as n from ${sql.identifier(table)}`))[0]!.n);
  if ((await count('accounts')) === 0) {
    generation = await generate(db, registry, defaultSizes(Number(values.accounts)), { databaseUrl: values['database-url'] });
  }
  const counts = Object.fromEntries(
    await Promise.all(['accounts', 'contacts', 'opportunities', 'activities'].map(async (t) => [t, await count(t)] as const)),
  );
  const [{ version }] = await db.rows<{ version: string }>(sql`select version() as version`);
  const { id: adminId } = await ensureUser(db, { email: BENCH_ADMIN_EMAIL, name: 'Bench Admin 压测管理员', roleKey: 'administrator' });
  const { token } = await createApiKey(db, adminId, `bench ${new Date().toISOString()}`);
  // The per-key rate limit (600/min by default) is lifted so it measures throughput; the limiter still runs.
  const app = await buildApp({ db, registry, logLevel: 'warn', settings: { auth: { apiKeyRateLimit: 1_000_000_000 } } });
  const baseline = await buildBaseline(db, registry, adminId);
  const [appUrl, baselineUrl] = [await listen(app), await listen(baseline)];

  // Inputs shared by both sides: random existing ids, cursors deep in the default order, new records.
  const ids = (await db.rows<{ id: string }>(sql`select id from accounts where deleted_at is null order by random() limit 2000`)).map((r) => r.id);
  const keys = parseSort(registry.get('accounts'), undefined);
  const deepRows = await db.rows<Record<string, unknown>>(sql`select created_at, id from accounts
    where deleted_at is null and created_at < (select min(created_at) + (max(created_at) - min(created_at)) * 0.1 from accounts)
    order by random() limit 50`);
  const deep = deepRows.map((row) => ({
    cursor: encodeCursor(keys, cursorValues(keys, row, (f) => toColumnName(f.name))),
    at: row.created_at instanceof Date ? row.created_at.toISOString() : String(row.created_at),
    id: String(row.id),
  }));
  const r = new Random(4242);
  const bodies = Array.from({ length: 2000 }, () => {
    const city = r.chance(0.65) ? r.pick(chineseCities) : r.pick(englishCities);
    const c = makeCompany(r, city);
    return { name: c.name, type: 'prospect', industry: c.industry, city: city.city, province: city.province, country: city.country, phone: c.phone, email: c.email, website: c.website };
  });
  const patches = ids.map((id) => ({ id, body: JSON.stringify({ rating: r.pick(['A', 'B', 'C']), employees: r.int(10, 5000) }) }));

  const scenarios: Scenario[] = [
    { name: 'list-first', description: 'GET /accounts: first page of 50, newest first', app: [{ method: 'GET', path: '/api/v1/accounts' }], baseline: [{ method: 'GET', path: '/accounts' }] },
    {
      name: 'list-deep',
      description: 'GET /accounts?cursor=…: a page 90–100% of the way down the default order (50 different cursors)',
      app: deep.map((d) => ({ method: 'GET', path: `/api/v1/accounts?cursor=${d.cursor}` })),
      baseline: deep.map((d) => ({ method: 'GET', path: `/accounts?at=${q(d.at)}&id=${d.id}` })),
    },
    {
      name: 'list-filter',
      description: "GET /accounts?filter=city eq '…' and industry eq '…' (8 combinations)",
      app: filters.map(([city, industry]) => ({ method: 'GET', path: `/api/v1/accounts?filter=${q(`city eq '${city}' and industry eq '${industry}'`)}` })),
      baseline: filters.map(([city, industry]) => ({ method: 'GET', path: `/accounts/filter?city=${q(city)}&industry=${industry}` })),
    },
    {
      name: 'get',
      description: 'GET /accounts/{id} for 2,000 random ids',
      app: ids.map((id) => ({ method: 'GET', path: `/api/v1/accounts/${id}` })),
      baseline: ids.map((id) => ({ method: 'GET', path: `/accounts/${id}` })),
    },
    {
      name: 'create',
      description: 'POST /accounts with a new bilingual company (row, search tokens and history in one transaction)',
      app: bodies.map((b) => ({ method: 'POST', path: '/api/v1/accounts', body: JSON.stringify(b) })),
      baseline: bodies.map((b) => ({ method: 'POST', path: '/accounts', body: JSON.stringify({ ...b, phone: e164(b.phone), phone_original: b.phone }) })),
    },
    {
      name: 'update',
      description: 'PATCH /accounts/{id} {rating, employees} on 2,000 random ids',
      app: patches.map((p) => ({ method: 'PATCH', path: `/api/v1/accounts/${p.id}`, body: p.body })),
      baseline: patches.map((p) => ({ method: 'PATCH', path: `/accounts/${p.id}`, body: p.body })),
    },
    {
      name: 'search',
      description: `GET /search?q=… across every object, ${searchQueries.length} mixed Chinese/English queries`,
      app: searchQueries.map((s) => ({ method: 'GET', path: `/api/v1/search?q=${q(s)}` })),
      baseline: searchQueries.map((s) => ({ method: 'GET', path: `/search?q=${q(s)}` })),
    },
  ].filter((s) => !values.only || values.only.split(',').includes(s.name)) as Scenario[];

  const loadBefore = os.loadavg();
  const results = [];
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const measure = async (url: string, requests: LoadRequest[], withAuth: boolean): Promise<LoadStats> => {
    const job = { url, requests, connections, headers: withAuth ? headers : { 'content-type': 'application/json' } };
    if (warmup > 0) await runInWorker({ ...job, duration: warmup });
    return runInWorker({ ...job, duration });
  };
  for (const scenario of scenarios) {
    const appStats = await measure(appUrl, scenario.app, true);
    const baseStats = await measure(baselineUrl, scenario.baseline, false);
    results.push({
      name: scenario.name,
      description: scenario.description,
      app: appStats,
      baseline: baseStats,
      ratio: { p50: ratio(appStats.p50, baseStats.p50), p95: ratio(appStats.p95, baseStats.p95), p99: ratio(appStats.p99, baseStats.p99), rps: ratio(appStats.rps, baseStats.rps) },
    });
    console.log(`${scenario.name}: app p50 ${appStats.p50} ms, ${appStats.rps} req/s; baseline p50 ${baseStats.p50} ms, ${baseStats.rps} req/s`);
  }

  // PGlite lets one process open a data directory: the in-process app closes it before the server starts.
  const isEmbedded = db.kind === 'embedded';
  if (isEmbedded) await Promise.all([app.close(), baseline.close()]).then(() => db.close());
  const mix = scenarios.filter((s) => s.name !== 'create' && s.name !== 'update').flatMap((s) => s.app);
  const database = values['database-url'] ? { databaseUrl: values['database-url'] } : { dataDir: values['data-dir']! };
  const memory: MemoryFigures = await measureServerMemory({ database, token, requests: mix, connections, loadSeconds: duration, afterSeconds: Number(values.after) });
  console.log(`server RSS: idle ${memory.idleMB} MB, under load ${memory.loadPeakMB} MB, ${memory.afterSeconds} s after ${memory.afterMB} MB`);
  const served = memory.load;
  console.log(`the server process under that load (reads mixed, its own Node flags): ${served.rps} req/s, p50/p95/p99 ${served.p50} / ${served.p95} / ${served.p99} ms, ${served.non2xx + served.errors} errors`);

  const by = Object.fromEntries(results.map((x) => [x.name, x]));
  const requestTargets = [
    check('list-first p50 ≤ 25 ms', by['list-first']?.app.p50, 25),
    check('list-deep p50 ≤ 1.5 × list-first p50', by['list-deep']?.app.p50, by['list-first'] && 1.5 * by['list-first'].app.p50),
    check('list-filter p50 ≤ 2 × baseline p50', by['list-filter']?.app.p50, by['list-filter'] && 2 * by['list-filter'].baseline.p50),
    check('get p50 ≤ 1.5 × baseline p50', by.get?.app.p50, by.get && 1.5 * by.get.baseline.p50),
    check('search p95 ≤ 100 ms', by.search?.app.p95, 100),
  ];
  const targets = [
    ...(isEmbedded ? requestTargets.map(forReference) : requestTargets),
    ...(isEmbedded
      ? [check('server RSS idle ≤ 400 MB (PGlite)', memory.idleMB, 400), check('server RSS under load ≤ 400 MB (PGlite)', memory.loadPeakMB, 400)]
      : [check('server RSS idle ≤ 150 MB', memory.idleMB, 150), check('server RSS under load ≤ 200 MB', memory.loadPeakMB, 200)]),
    check('server RSS after load ≤ 1.1 × idle', memory.afterMB, 1.1 * memory.idleMB),
  ].filter(Boolean);

  const kind = db.kind === 'postgres' ? 'postgres' : 'pglite';
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGB: Math.round(os.totalmem() / 2 ** 30), loadBefore, loadAfter: os.loadavg(), node: process.version },
    database: { kind, version, counts, generation },
    settings: { connections, duration, warmup, poolSize: db.kind === 'postgres' ? 10 : 1 },
    scenarios: results,
    memory,
    targets,
  };
  const stamp = report.date.replace(/[:.]/g, '-').replace(/-\d+Z$/, 'Z');
  const file = new URL(`./results/${stamp}-${kind}-${sizeLabel(counts.accounts!)}.json`, import.meta.url);
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

  console.log(`\n${kind} · ${counts.accounts} accounts · ${connections} connections · ${duration} s per side · load ${loadBefore.map((l) => l.toFixed(1)).join('/')}`);
  console.table(
    Object.fromEntries(results.map((x) => [x.name, {
      'app p50/p95/p99 ms': `${x.app.p50} / ${x.app.p95} / ${x.app.p99}`,
      'app req/s': x.app.rps,
      'SQL p50/p95/p99 ms': `${x.baseline.p50} / ${x.baseline.p95} / ${x.baseline.p99}`,
      'SQL req/s': x.baseline.rps,
      'p50 ×': x.ratio.p50,
      'req/s ×': x.ratio.rps,
      errors: x.app.non2xx + x.app.errors + x.baseline.non2xx + x.baseline.errors,
    }])),
  );
  {
    console.table({ 'server RSS MB': { idle: memory.idleMB, 'under load (peak)': memory.loadPeakMB, [`${memory.afterSeconds} s after`]: memory.afterMB } });
  }
  for (const t of targets) console.log(`${t!.isForReference ? 'ref ' : t!.isMet ? 'met ' : 'MISS'}  ${t!.name}: ${t!.value} (limit ${Math.round(t!.limit * 100) / 100})`);
  console.log(`Wrote ${file.pathname}`);
  if (!isEmbedded) {
    await app.close();
    await baseline.close();
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
