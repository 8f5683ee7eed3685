// `node bench/calendar.ts`: the week view of a manager's team calendar. Generates (once: a filled
// database is reused) 20 reps below one sales manager and 50,000 events owned by them over a year —
// single meetings, visits and calls plus two weekly series per rep — then times the real endpoint
// (GET /api/v1/calendar/occurrences for the 20 reps and one week, through the app in process, with the
// manager's access) against a raw SQL baseline in the same run: the same window read with no access
// condition and no expansion. Writes bench/results/<time>-calendar.json.
//
//   node bench/calendar.ts --database-url postgres://postgres@127.0.0.1:5432/guanxi_bench_calendar [--events 50000] [--queries 200]
//   node bench/calendar.ts --data-dir .tmp/bench-calendar   (PGlite)
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/app.ts';
import { createApiKey } from '../server/platform/auth/api-keys.ts';
import { ensureUser } from '../server/platform/auth/users.ts';
import type { Database } from '../server/platform/db/index.ts';
import { openBenchDatabase } from './generate.ts';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    events: { type: 'string', default: '50000' },
    queries: { type: 'string', default: '200' },
  },
});
const eventCount = Number(values.events);
const queryCount = Number(values.queries);
const REPS = 20;
const YEAR_START = Date.parse('2031-01-06T00:00:00Z'); // a Monday
const WEEK = 7 * 86_400_000;
const WEEKS = 52;

async function generate(db: Database): Promise<{ managerId: string; repIds: string[] }> {
  const manager = await ensureUser(db, { email: 'bench-cal-manager@guanxi.local', name: 'Calendar manager 日程经理', roleKey: 'sales_manager' });
  const repIds: string[] = [];
  for (let i = 1; i <= REPS; i++) repIds.push((await ensureUser(db, { email: `bench-cal-rep${i}@guanxi.local`, name: `Rep ${i} 销售${i}`, roleKey: 'sales_rep', locale: 'zh-CN' })).id);
  await db.rows(sql`update users set manager_id = ${manager.id}::uuid where id = any(${sql.param(repIds)}::uuid[])`);
  const [{ n }] = await db.rows<{ n: unknown }>(sql`select count(*) as n from calendar_events where subject like 'bench %'`);
  if (Number(n) >= eventCount) return { managerId: manager.id, repIds };
  const started = performance.now();
  const owners = sql.param(repIds);
  const series = REPS * 2;
  // Single events: working hours (08:00–17:00 Shanghai), 30–120 minutes, hash-spread over the year.
  await db.rows(sql`insert into calendar_events (id, subject, type, status, start_at, end_at, time_zone, location, owner_id)
    select md5('bench-cal-' || g)::uuid, 'bench ' || (array['拜访','Call','Meeting','会议'])[1 + g % 4] || ' ' || g,
      (array['visit','call','meeting','other'])[1 + g % 4], case when g % 3 = 0 then 'done' else 'planned' end,
      ts, ts + ((30 + (hashtext('d' || g) & 3) * 30) || ' minutes')::interval, 'Asia/Shanghai', case when g % 2 = 0 then '上海' end,
      (${owners}::uuid[])[1 + g % ${REPS}]
    from generate_series(1, ${eventCount - series}) g,
      lateral (select to_timestamp(${YEAR_START / 1000} + ((hashtext('s' || g) & 2147483647) % ${WEEKS * 7}) * 86400 + (((hashtext('h' || g) & 2147483647) % 18) * 1800) + 3600 * 0) as ts) t
    on conflict do nothing`);
  // Two weekly series per rep, never ending (expanded in Shanghai time).
  await db.rows(sql`insert into calendar_events (id, subject, type, status, start_at, end_at, time_zone, rrule, series_end_at, owner_id)
    select md5('bench-cal-series-' || g)::uuid, 'bench weekly ' || g, 'meeting', 'planned',
      to_timestamp(${YEAR_START / 1000} + (g % 5) * 86400 + 3600), to_timestamp(${YEAR_START / 1000} + (g % 5) * 86400 + 5400),
      'Asia/Shanghai', 'FREQ=WEEKLY', '9999-12-31T00:00:00Z', (${owners}::uuid[])[1 + g % ${REPS}]
    from generate_series(1, ${series}) g on conflict do nothing`);
  await db.exec('analyze calendar_events');
  console.log(`Generated ${eventCount} events in ${Math.round((performance.now() - started) / 1000)} s.`);
  return { managerId: manager.id, repIds };
}

/** The window read by itself: no access condition, no expansion, no JSON. */
async function rawWeek(db: Database, repIds: string[], from: number, to: number): Promise<number> {
  const rows = await db.rows(sql`select id, subject, type, status, start_at, end_at, time_zone, location, owner_id, related_object, related_id, rrule, exdates
    from calendar_events where deleted_at is null and owner_id = any(${sql.param(repIds)}::uuid[]) and start_at < ${new Date(to).toISOString()}::timestamptz
      and ((start_at >= ${new Date(from - 14 * 86_400_000).toISOString()}::timestamptz and end_at >= ${new Date(from).toISOString()}::timestamptz)
        or series_end_at >= ${new Date(from).toISOString()}::timestamptz)
    order by start_at`);
  return rows.length;
}

function percentiles(samples: number[]) {
  const sorted = samples.toSorted((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
  return { p50: at(50), p95: at(95), p99: at(99), max: at(100), mean: Math.round((sorted.reduce((s, x) => s + x, 0) / sorted.length) * 10) / 10 };
}

async function main(): Promise<void> {
  const { db, registry } = await openBenchDatabase({ databaseUrl: values['database-url'], dataDir: values['data-dir'] });
  const { managerId, repIds } = await generate(db);
  const key = await createApiKey(db, managerId, `calendar bench ${new Date().toISOString()}`);
  const app = await buildApp({ db, registry, logLevel: 'warn', settings: { auth: { apiKeyRateLimit: 1_000_000_000 } } });
  const endpoint: number[] = [];
  // The server's own CPU time per request (this process; PostgreSQL's is not in it): on a shared,
  // loaded machine the wall time waits for a core, the CPU time does not.
  const endpointCpu: number[] = [];
  const raw: number[] = [];
  const occurrenceCounts: number[] = [];
  for (let i = 0; i < queryCount + 10; i++) {
    const from = YEAR_START + ((i * 7) % WEEKS) * WEEK;
    const to = from + WEEK;
    let started = performance.now();
    const cpuBefore = process.cpuUsage();
    const reply = await app.inject({
      method: 'GET',
      url: `/api/v1/calendar/occurrences?from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}&userIds=${repIds.join(',')}`,
      headers: { authorization: `Bearer ${key.token}` },
    });
    const endpointMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    if (reply.statusCode !== 200) throw new Error(`occurrences answered ${reply.statusCode}: ${reply.body}`);
    started = performance.now();
    await rawWeek(db, repIds, from, to);
    const rawMs = performance.now() - started;
    if (i < 10) continue; // warm-up
    endpoint.push(endpointMs);
    endpointCpu.push((cpu.user + cpu.system) / 1000);
    raw.push(rawMs);
    occurrenceCounts.push((JSON.parse(reply.body) as { data: unknown[] }).data.length);
  }
  const [{ total }] = await db.rows<{ total: unknown }>(sql`select count(*) as total from calendar_events where subject like 'bench %'`);
  const report = {
    at: new Date().toISOString(),
    database: db.kind,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGB: Math.round(os.totalmem() / 2 ** 30), load: os.loadavg(), node: process.version },
    data: { events: Number(total), reps: REPS, weeklySeries: REPS * 2, caller: 'sales manager with the 20 reps below them (reads all their events through the hierarchy)' },
    query: { window: '1 week', users: REPS, measured: endpoint.length, warmUp: 10, meanOccurrences: Math.round(occurrenceCounts.reduce((s, x) => s + x, 0) / occurrenceCounts.length) },
    endpointMs: percentiles(endpoint),
    endpointServerCpuMs: percentiles(endpointCpu),
    rawSqlNoAccessMs: percentiles(raw),
  };
  console.log(JSON.stringify(report, null, 2));
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL(`./results/${report.at.replace(/[:.]/g, '-')}-calendar.json`, import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
  await app.close();
  await db.rows(sql`delete from api_keys where id = ${key.id}::uuid`);
  await db.close();
}

await main();
