// `node bench/forecast.ts`: the forecast of a sales director (a manager of managers, who sees the
// deals below them through the manager hierarchy, not through readAll) over many opportunities, through
// the real API (which reads the totals the sales module keeps ahead), against a raw-SQL baseline that
// computes the same totals from the deals themselves with no engine in between; the two must agree.
//
//   node bench/forecast.ts --database-url postgres://postgres@127.0.0.1:5432/guanxi_bench_forecast --deals 100000
//
// Options: --deals N (100,000), --managers M (10, each with 10 reps), --runs R (15). The generated
// people and deals are tagged, so a second run on the same database reuses them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/app.ts';
import { createApiKey } from '../server/platform/auth/api-keys.ts';
import { ensureUser } from '../server/platform/auth/users.ts';
import { openBenchDatabase } from './generate.ts';
import { rawSql } from './baseline.ts';
import { Exact, sumExact } from '../server/domains/sales/decimal.ts';

const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;
const p95 = (values: number[]) => values.toSorted((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)]!;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'database-url': { type: 'string' }, 'data-dir': { type: 'string' }, deals: { type: 'string', default: '100000' }, managers: { type: 'string', default: '10' }, runs: { type: 'string', default: '15' } } });
  const deals = Number(values.deals);
  const managerCount = Number(values.managers);
  const runs = Number(values.runs);
  const { db, registry } = await openBenchDatabase({ databaseUrl: values['database-url'], dataDir: values['data-dir'] });
  const raw = rawSql(db);

  // The organisation: a director, managers below, ten reps below each manager.
  const director = await ensureUser(db, { email: 'fc-director@bench.example.com', name: 'Director 总监', roleKey: 'sales_manager' });
  const owners: string[] = [director.id];
  for (let m = 0; m < managerCount; m++) {
    const manager = await ensureUser(db, { email: `fc-manager${m}@bench.example.com`, name: `Manager ${m}`, roleKey: 'sales_manager' });
    await db.rows(sql`update users set manager_id = ${director.id}::uuid where id = ${manager.id}::uuid`);
    owners.push(manager.id);
    for (let r = 0; r < 10; r++) {
      const rep = await ensureUser(db, { email: `fc-rep${m}-${r}@bench.example.com`, name: `Rep ${m}-${r}`, roleKey: 'sales_rep' });
      await db.rows(sql`update users set manager_id = ${manager.id}::uuid where id = ${rep.id}::uuid`);
      owners.push(rep.id);
    }
  }
  // Deals the director may see, and as many again owned by people outside the hierarchy.
  const [{ n: existing }] = await db.rows<{ n: unknown }>(sql`select count(*) as n from opportunities where name like 'fc-bench %'`);
  if (Number(existing) < deals) {
    const outsider = await ensureUser(db, { email: 'fc-outsider@bench.example.com', name: 'Outsider', roleKey: 'sales_rep' });
    console.log(`generating ${deals - Number(existing)} deals…`);
    // In the default pipeline already, as the API would place them: otherwise the next start's pipeline
    // seed rewrites every generated deal (tens of minutes at 1M on this machine).
    await raw.query(
      `insert into opportunities (id, name, owner_id, created_at, updated_at, stage, amount, amount_currency, probability, close_date, forecast_category, search_tokens,
         pipeline_id, stage_id, last_activity_at, is_stale)
       with p as (select id from pipelines where is_default and deleted_at is null order by created_at, id limit 1),
         st as (select distinct on (standard_stage) standard_stage, s.id from pipeline_stages s join p on s.pipeline_id = p.id
           where s.deleted_at is null order by standard_stage, s."order")
       select gen_random_uuid(), 'fc-bench ' || g,
         case when g % 2 = 0 then $2::uuid else ($1::uuid[])[1 + (g / 2) % array_length($1::uuid[], 1)] end,
         now(), now(),
         (array['interest','preference','negotiation','won','lost'])[1 + g % 5],
         round((1000 + (g::bigint * 7919) % 500000)::numeric + (g % 100) / 100.0, 2),
         case when g % 7 = 0 then 'USD' else 'CNY' end,
         (array[10, 50, 70, 100, 0])[1 + g % 5],
         date '2026-01-01' + (g % 365),
         (array['pipeline','bestCase','commit','closed','omitted'])[1 + g % 5],
         '{}'::text[],
         (select id from p), st.id, now(), false
       from generate_series($3::int, $4::int) g
         left join st on st.standard_stage = (array['interest','preference','negotiation','won','lost'])[1 + g % 5]`,
      [owners, outsider.id, Number(existing) + 1, deals],
    );
  }
  const [{ n: usd }] = await db.rows<{ n: unknown }>(sql`select count(*) as n from exchange_rates where currency = 'USD' and deleted_at is null`);
  if (Number(usd) === 0) await raw.query(`insert into exchange_rates (id, currency, rate, effective_date, created_at, updated_at, search_tokens) values (gen_random_uuid(), 'USD', 7.1, '2026-01-01', now(), now(), '{}')`);
  await raw.query('analyze opportunities');

  const { token } = await createApiKey(db, director.id, `forecast bench ${new Date().toISOString()}`);
  const app = await buildApp({ db, registry, logLevel: 'warn', settings: { auth: { apiKeyRateLimit: 1_000_000_000 } } });
  const url = '/api/v1/forecast?period=year&date=2026-06-01&asOf=2026-06-01';
  const baseline = `with recursive below(id) as (select $1::uuid union select u.id from users u join below b on u.manager_id = b.id)
    select o.owner_id, o.forecast_category, count(*) as n,
      sum(o.amount * case when o.amount_currency = 'CNY' then 1 else 7.1 end) as amount,
      sum(o.amount * case when o.amount_currency = 'CNY' then 1 else 7.1 end * o.probability / 100) as weighted
    from opportunities o where o.deleted_at is null and o.owner_id in (select id from below)
      and o.close_date >= '2026-01-01' and o.close_date < '2027-01-01'
    group by 1, 2`;

  const timeApi: number[] = [];
  const timeSql: number[] = [];
  let answer: { totals: { total: { count: number; amount: string; weighted: string } } } | undefined;
  let baselineRows: Array<{ forecast_category: string; n: unknown; amount: string | null; weighted: string | null }> = [];
  for (let i = 0; i < runs + 2; i++) {
    let started = performance.now();
    const r = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    const apiMs = performance.now() - started;
    if (r.statusCode !== 200) throw new Error(`forecast answered ${r.statusCode}: ${r.body.slice(0, 300)}`);
    answer = JSON.parse(r.body);
    started = performance.now();
    baselineRows = (await raw.query(baseline, [director.id])) as typeof baselineRows;
    const sqlMs = performance.now() - started;
    // The first two of each are warm-up (plans, caches).
    if (i >= 2) {
      timeApi.push(apiMs);
      timeSql.push(sqlMs);
    }
  }
  // The API's figures against the baseline's: the same deals, the same exact amounts (to the cent).
  const counted = baselineRows.filter((r) => r.forecast_category !== 'omitted');
  const expected = {
    count: counted.reduce((sum, r) => sum + Number(r.n), 0),
    amount: sumExact(counted.map((r) => Exact.of(r.amount ?? '0'))).toFixed(2),
    weighted: sumExact(counted.map((r) => Exact.of(r.weighted ?? '0'))).toFixed(2),
  };
  const equalsBaseline = JSON.stringify(expected) === JSON.stringify(answer?.totals.total);
  if (!equalsBaseline) console.error('the API and the baseline disagree', expected, answer?.totals.total);
  const [{ n: visible }] = await db.rows<{ n: unknown }>(sql`select count(*) as n from opportunities where name like 'fc-bench %' and owner_id = any(${sql.param(owners)}::uuid[])`);
  const report = {
    at: new Date().toISOString(),
    database: db.kind,
    deals,
    dealsVisibleToDirector: Number(visible),
    people: owners.length,
    runs,
    api: { medianMs: Math.round(median(timeApi) * 10) / 10, p95Ms: Math.round(p95(timeApi) * 10) / 10 },
    rawSql: { medianMs: Math.round(median(timeSql) * 10) / 10, p95Ms: Math.round(p95(timeSql) * 10) / 10, groups: baselineRows.length },
    countedDeals: answer?.totals.total.count,
    equalsBaseline,
  };
  console.table({ api: report.api, rawSql: { medianMs: report.rawSql.medianMs, p95Ms: report.rawSql.p95Ms } });
  console.log(JSON.stringify(report));
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL(`./results/${report.at.replace(/[:.]/g, '-')}-forecast-${db.kind}-${deals}.json`, import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
  await app.close();
  await db.close();
}

await main();
