// Quota planning over HTTP: the worked example exactly, a stored quota, the history (average deal size,
// win rate) and the pipeline per region and month read with the caller's access, and bad input.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../../testing.ts';
import { createApiKey } from '../../platform/auth/api-keys.ts';

let t: TestContext;
let rep: { id: string; token: string };
const provinces = ['广东', '浙江', '江苏'];

before(async () => {
  t = await startTestApp();
  const roles = (await t.api('GET', '/api/v1/admin/roles')).body.data as Array<{ key: string; id: string }>;
  const user = await t.api('POST', '/api/v1/admin/users', { email: 'qp-rep@example.com', name: 'Rep', roleId: roles.find((r) => r.key === 'sales_rep')!.id });
  rep = { id: user.body.id, token: (await createApiKey(t.db, user.body.id, 'rep')).token };
  const deal = (name: string, stage: string, amount: string, closeDate: string, extra: Record<string, unknown> = {}) =>
    t.create('opportunities', { name, stage, amount, closeDate, ownerId: rep.id, ...(stage === 'lost' ? { lossReason: 'price' } : {}), ...extra });
  // Last twelve months: 3 won (average 20,000) and 1 lost → 75 %.
  await deal('w1', 'won', '10000', '2025-05-10');
  await deal('w2', 'won', '20000', '2025-08-10');
  await deal('w3', 'won', '30000', '2025-12-10');
  await deal('l1', 'lost', '99999', '2025-11-10');
  // Someone else's won deal the rep cannot see does not count.
  await t.create('opportunities', { name: 'other', stage: 'won', amount: '1000000', closeDate: '2025-09-01' });
  // This quarter's pipeline in 广东.
  await deal('o1', 'negotiation', '5000', '2026-01-15', { region: '广东' });
  await deal('o2', 'interest', '7000', '2026-01-20', { region: '广东' });
  await deal('w4', 'won', '8000', '2026-02-03', { region: '广东' });
});
after(() => t.close());

async function plan(body: Record<string, unknown>, token = rep.token) {
  const r = await t.app.inject({ method: 'POST', url: '/api/v1/forecast/quota-plan', headers: { authorization: `Bearer ${token}` }, payload: body });
  return { status: r.statusCode, body: JSON.parse(r.body) };
}

test('the worked example: ¥300,000 a quarter over 3 provinces → ¥33,333.33 a month, 4 wins, 34 prospects', async () => {
  const r = await plan({ amount: '300000', periodType: 'quarter', periodStart: '2026-01-01', regions: provinces, splitMethod: 'even', averageDealSize: '10000', winRate: 10 });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.currency, 'CNY');
  assert.deepEqual(r.body.used, { averageDealSize: '10000.00', winRate: 10, isDealSizeOverridden: true, isWinRateOverridden: true });
  assert.deepEqual(r.body.plan.regions.map((g: { target: string }) => g.target), ['100000.00', '100000.00', '100000.00']);
  for (const region of r.body.plan.regions) {
    assert.deepEqual(
      region.months.map((c: Record<string, unknown>) => [c.month, c.target, c.winsNeeded, c.prospectsNeeded]),
      [['2026-01-01', '33333.33', 4, 34], ['2026-02-01', '33333.33', 4, 34], ['2026-03-01', '33333.33', 4, 34]],
    );
  }
  const canton = r.body.plan.regions[0].months;
  assert.deepEqual([canton[0].openCount, canton[0].openAmount, canton[1].wonAmount, canton[1].gap], [2, '12000.00', '8000.00', '25333.33']);
  assert.equal(r.body.plan.totals.gap, '292000.00');
});

test('without overrides the planner uses the history the caller may see', async () => {
  const r = await plan({ amount: '120000', periodType: 'quarter', periodStart: '2026-02-11', regions: ['广东'] });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body.history, { averageDealSize: '20000.00', winRate: 75, wonCount: 3, lostCount: 1, from: '2025-01-01', to: '2026-01-01' });
  // 40,000 a month / 20,000 = 2 wins; 2 / 0.75 = 2.67 → 3 prospects.
  assert.deepEqual(r.body.plan.regions[0].months.map((c: { winsNeeded: number; prospectsNeeded: number }) => [c.winsNeeded, c.prospectsNeeded]), [[2, 3], [2, 3], [2, 3]]);
});

test("by last year's seasonality: the quarter follows last year's won months", async () => {
  // Last year's 2nd quarter had one won deal in May only → everything in May.
  const r = await plan({ amount: '90000', periodType: 'quarter', periodStart: '2026-04-01', regions: ['north'], splitMethod: 'seasonal', averageDealSize: '10000', winRate: 50 });
  assert.deepEqual(r.body.plan.regions[0].months.map((c: { target: string }) => c.target), ['0.00', '90000.00', '0.00']);
});

test('a stored quota plans the same; another rep cannot read it', async () => {
  const quota = await t.create('quotas', {
    name: 'Q1 华南',
    assigneeId: rep.id,
    ownerId: rep.id,
    periodType: 'quarter',
    periodStart: '2026-01-01',
    amount: '300000',
    splitMethod: 'even',
    plan: { regions: provinces },
    averageDealSize: '10000',
    winRate: 10,
  });
  const r = await t.app.inject({ method: 'GET', url: `/api/v1/quotas/${quota.id}/plan`, headers: { authorization: `Bearer ${rep.token}` } });
  assert.equal(r.statusCode, 200, r.body);
  const body = JSON.parse(r.body);
  assert.equal(body.plan.regions[2].months[2].target, '33333.33');
  assert.equal(body.plan.regions[2].months[2].prospectsNeeded, 34);
  const roles = (await t.api('GET', '/api/v1/admin/roles')).body.data as Array<{ key: string; id: string }>;
  const other = await t.api('POST', '/api/v1/admin/users', { email: 'qp-other@example.com', name: 'Other', roleId: roles.find((x) => x.key === 'sales_rep')!.id });
  const { token } = await createApiKey(t.db, other.body.id, 'o');
  const denied = await t.app.inject({ method: 'GET', url: `/api/v1/quotas/${quota.id}/plan`, headers: { authorization: `Bearer ${token}` } });
  assert.equal(denied.statusCode, 404);
});

test('bad plans are 400 problems naming the field', async () => {
  const base = { amount: '100', periodType: 'month', periodStart: '2026-01-01', regions: ['a'] };
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ ...base, amount: '-5' }, 'amount'],
    [{ ...base, amount: '1e9' }, 'amount'],
    [{ ...base, regions: [] }, 'regions'],
    [{ ...base, periodStart: '2026-02-30' }, 'periodStart'],
    [{ ...base, winRate: 0 }, 'winRate'],
    [{ ...base, splitMethod: 'manual' }, 'manual'],
    [{ ...base, splitMethod: 'manual', manual: { b: { '2026-01-01': '5' } } }, 'manual'],
    [{ ...base, assigneeId: '00000000-0000-4000-8000-000000000000' }, 'assigneeId'],
  ];
  for (const [body, field] of cases) {
    const r = await plan(body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.match(JSON.stringify(r.body.errors), new RegExp(field), JSON.stringify(r.body));
  }
  const badQuota = await t.api('POST', '/api/v1/quotas', { name: 'x', periodType: 'month', periodStart: '2026-01-01', amount: '5', plan: { regions: 'all' } });
  assert.equal(badQuota.status, 400);
  assert.equal((await t.api('POST', '/api/v1/quotas', { name: 'x', periodType: 'month', periodStart: '2026-01-01', amount: '5' })).status, 400, 'a quota names a person or a team');
});
