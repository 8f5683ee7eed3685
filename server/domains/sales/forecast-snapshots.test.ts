// The weekly snapshot: the job is registered weekly, a snapshot holds each owner's figures per category
// and month in the base currency, taking it again the same week replaces it, and next week's forecast
// shows it beside the live figures, with the same record access.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../../testing.ts';
import { createApiKey } from '../../platform/auth/api-keys.ts';
import { forecastJobs, snapshotForecast } from './forecast-snapshots.ts';

let t: TestContext;
let rep: { id: string; token: string };
let other: { id: string; token: string };
const monday = new Date('2026-03-02T03:10:00Z');

async function forecast(token: string, asOf: string) {
  const r = await t.app.inject({ method: 'GET', url: `/api/v1/forecast?period=quarter&date=2026-03-01&asOf=${asOf}`, headers: { authorization: `Bearer ${token}` } });
  assert.equal(r.statusCode, 200, r.body);
  return JSON.parse(r.body);
}

before(async () => {
  t = await startTestApp();
  const roles = (await t.api('GET', '/api/v1/admin/roles')).body.data as Array<{ key: string; id: string }>;
  const user = async (email: string) => {
    const u = await t.api('POST', '/api/v1/admin/users', { email, name: email, roleId: roles.find((r) => r.key === 'sales_rep')!.id });
    return { id: u.body.id as string, token: (await createApiKey(t.db, u.body.id, 'k')).token };
  };
  rep = await user('snap-rep@example.com');
  other = await user('snap-other@example.com');
  await t.create('exchangeRates', { currency: 'USD', rate: 7, effectiveDate: '2026-01-01' });
  await t.create('opportunities', { name: 'a', ownerId: rep.id, stage: 'negotiation', amount: '1000', closeDate: '2026-03-20' });
  await t.create('opportunities', { name: 'b', ownerId: rep.id, stage: 'won', amount: { amount: '100', currency: 'USD' }, closeDate: '2026-02-20' });
  await t.create('opportunities', { name: 'c', ownerId: other.id, stage: 'interest', amount: '5000', closeDate: '2026-03-05' });
});
after(() => t.close());

test('the snapshot job runs weekly, as one job across processes', () => {
  const [job] = forecastJobs({ db: t.db, registry: t.registry, now: () => monday });
  assert.equal(job!.name, 'sales.snapshot-forecast');
  assert.equal(job!.schedule, '10 3 * * 1');
  assert.equal(job!.isSingleton, true);
});

test('a snapshot, taken twice the same week, holds each owner’s figures once', async () => {
  const first = await snapshotForecast(t.db, t.registry, monday);
  const again = await snapshotForecast(t.db, t.registry, new Date('2026-03-04T10:00:00Z'));
  assert.deepEqual(first, again);
  assert.equal(first.weekOf, '2026-03-02');
  const rows = await t.db.rows<{ category: string; amount: string; weighted: string; n: number }>(sql`select category, amount::text, weighted_amount::text as weighted, deal_count as n
    from forecast_snapshots where week_of = '2026-03-02' and owner_id = ${rep.id}::uuid order by category`);
  assert.deepEqual(rows.map((r) => [r.category, Number(r.amount), Number(r.weighted), Number(r.n)]), [['closed', 700, 700, 1], ['commit', 1000, 700, 1]]);
});

test("next week's forecast shows last week's snapshot beside the live figures, each rep only their own", async () => {
  await t.create('opportunities', { name: 'd', ownerId: rep.id, stage: 'negotiation', amount: '2000', closeDate: '2026-03-25' });
  const week = await forecast(rep.token, '2026-03-10');
  assert.equal(week.previousWeekOf, '2026-03-02');
  assert.deepEqual(week.previousTotals.categories.commit, { count: 1, amount: '1000.00', weighted: '700.00' });
  assert.deepEqual(week.totals.categories.commit, { count: 2, amount: '3000.00', weighted: '2100.00' });
  assert.deepEqual(week.previousTotals.categories.pipeline, { count: 0, amount: '0.00', weighted: '0.00' }, "another rep's snapshot is not the rep's");
  const theirs = await forecast(other.token, '2026-03-10');
  assert.deepEqual(theirs.previousTotals.categories.pipeline, { count: 1, amount: '5000.00', weighted: '500.00' });
});

test('only administrators take a snapshot over HTTP', async () => {
  const denied = await t.app.inject({ method: 'POST', url: '/api/v1/forecast/snapshots', headers: { authorization: `Bearer ${rep.token}` } });
  assert.equal(denied.statusCode, 403);
  const written = await t.app.inject({ method: 'POST', url: '/api/v1/forecastSnapshots', headers: { authorization: `Bearer ${rep.token}` }, payload: {} });
  assert.equal(written.statusCode, 403, 'nobody writes a snapshot through the records API');
  const taken = await t.api('POST', '/api/v1/forecast/snapshots');
  assert.equal(taken.status, 200);
  assert.match(taken.body.weekOf, /^\d{4}-\d{2}-\d{2}$/);
});
