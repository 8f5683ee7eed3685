// Counts and sums over HTTP: exact per-currency totals, groups by field and period, filters, and the
// same record access and field security as a list.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../testing.ts';
import { createApiKey } from '../platform/auth/api-keys.ts';

let t: TestContext;
let rep: { id: string; token: string };
const tag = `agg${Date.now()}`;
const mine = `name startsWith '${tag}'`;
const q = encodeURIComponent;

async function as(token: string, url: string) {
  const r = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  return { status: r.statusCode, body: JSON.parse(r.body) };
}

before(async () => {
  t = await startTestApp();
  const roles = (await t.api('GET', '/api/v1/admin/roles')).body.data as Array<{ key: string; id: string }>;
  const user = await t.api('POST', '/api/v1/admin/users', { email: 'agg-rep@example.com', name: 'Rep', roleId: roles.find((r) => r.key === 'sales_rep')!.id });
  rep = { id: user.body.id, token: (await createApiKey(t.db, user.body.id, 'rep')).token };
  const deal = (name: string, stage: string, amount: unknown, closeDate: string, ownerId?: string) =>
    t.create('opportunities', { name: `${tag} ${name}`, stage, amount, closeDate, ...(ownerId ? { ownerId } : {}) });
  await deal('a', 'won', '0.10', '2026-01-05');
  await deal('b', 'won', '0.20', '2026-01-20');
  await deal('c', 'won', { amount: '1000.00', currency: 'USD' }, '2026-02-03');
  await deal('d', 'negotiation', '99999999999.99', '2026-02-28', rep.id);
  await deal('e', 'interest', null, '2026-03-01', rep.id);
});
after(() => t.close());

test('totals of the whole filter: count and exact sums per currency', async () => {
  const r = await t.api('GET', `/api/v1/opportunities/aggregate?filter=${q(mine)}&sum=amount,probability`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body.data, [
    { count: 5, sums: { probability: r.body.data[0].sums.probability, amount: [{ amount: '100000000000.29', currency: 'CNY' }, { amount: '1000.00', currency: 'USD' }] } },
  ]);
});

test('grouped by a select field, largest group first', async () => {
  const r = await t.api('GET', `/api/v1/opportunities/aggregate?filter=${q(mine)}&groupBy=stage&sum=amount`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.data, [
    { key: 'won', count: 3, sums: { amount: [{ amount: '1000.00', currency: 'USD' }, { amount: '0.30', currency: 'CNY' }] } },
    { key: 'interest', count: 1, sums: { amount: [] } },
    { key: 'negotiation', count: 1, sums: { amount: [{ amount: '99999999999.99', currency: 'CNY' }] } },
  ]);
});

test('grouped by month of a date, in date order', async () => {
  const r = await t.api('GET', `/api/v1/opportunities/aggregate?filter=${q(mine)}&groupBy=closeDate:month`);
  assert.deepEqual(r.body.data.map((g: { key: string; count: number }) => [g.key, g.count]), [['2026-01-01', 2], ['2026-02-01', 2], ['2026-03-01', 1]]);
});

test('a rep adds up only the records the rep may see', async () => {
  const r = await as(rep.token, `/api/v1/opportunities/aggregate?filter=${q(mine)}&groupBy=ownerId&sum=amount`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body.data, [{ key: rep.id, count: 2, sums: { amount: [{ amount: '99999999999.99', currency: 'CNY' }] } }]);
});

test('hidden fields can be neither grouped nor summed', async () => {
  const role = await t.api('POST', '/api/v1/admin/roles', {
    key: 'no_amounts',
    name: { en: 'n', 'zh-CN': 'n' },
    permissions: { objects: { opportunities: ['read', 'readAll'] }, fields: { opportunities: { amount: 'hidden', stage: 'hidden' } } },
  });
  const user = await t.api('POST', '/api/v1/admin/users', { email: 'no-amounts@example.com', name: 'n', roleId: role.body.id });
  const { token } = await createApiKey(t.db, user.body.id, 'n');
  for (const [url, field] of [['sum=amount', 'sum'], ['groupBy=stage', 'groupBy'], [`filter=${q("stage eq 'won'")}`, 'filter']]) {
    const r = await as(token, `/api/v1/opportunities/aggregate?${url}`);
    assert.equal(r.status, 400, url);
    assert.equal(r.body.errors[0].field, field, url);
  }
  assert.equal((await as(token, `/api/v1/opportunities/aggregate?filter=${q(mine)}`)).body.data[0].count, 5);
});

test('grouped by several fields, with an amount weighted by a percent, exactly', async () => {
  const r = await t.api('GET', `/api/v1/opportunities/aggregate?filter=${q(mine)}&groupBy=stage,closeDate:month&sum=amount*probability,probability`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const negotiation = r.body.data.find((g: { key: unknown[] }) => g.key[0] === 'negotiation');
  assert.deepEqual(negotiation.key, ['negotiation', '2026-02-01']);
  assert.deepEqual(negotiation.sums['amount*probability'], [{ amount: '69999999999.993', currency: 'CNY' }]);
  const won = r.body.data.filter((g: { key: unknown[] }) => g.key[0] === 'won').map((g: { key: unknown[]; sums: Record<string, unknown> }) => [g.key[1], g.sums['amount*probability']]);
  assert.deepEqual(won, [['2026-01-01', [{ amount: '0.30', currency: 'CNY' }]], ['2026-02-01', [{ amount: '1000.00', currency: 'USD' }]]]);
  for (const [url, field] of [['groupBy=stage,ownerId,closeDate,name', 'groupBy'], ['sum=amount*name', 'sum'], ['sum=amount*probability*probability', 'sum']]) {
    assert.equal((await t.api('GET', `/api/v1/opportunities/aggregate?${url}`)).body.errors?.[0]?.field, field, url);
  }
});

test('bad requests are 400 problems naming the parameter', async () => {
  const cases: Array<[string, string]> = [
    ['groupBy=nosuch', 'groupBy'],
    ['groupBy=description', 'groupBy'],
    ['groupBy=stage:month', 'groupBy'],
    ['groupBy=closeDate:decade', 'groupBy'],
    ['sum=name', 'sum'],
    ['sum=nosuch', 'sum'],
    [`filter=${q("amount eq 'x'")}`, 'filter'],
  ];
  for (const [query, field] of cases) {
    const r = await t.api('GET', `/api/v1/opportunities/aggregate?${query}`);
    assert.equal(r.status, 400, query);
    assert.equal(r.body.errors[0].field, field, query);
  }
  assert.equal((await t.api('GET', '/api/v1/nosuch/aggregate')).status, 404);
});

test('two amount fields in their own currencies, a weighted sum, and a filter nothing matches', async () => {
  const field = await t.api('POST', '/api/v1/metadata/objects/opportunities/fields', { name: 'aggCost', type: 'currency', label: { en: 'Cost', 'zh-CN': '成本' } });
  assert.equal(field.status, 201, JSON.stringify(field.body));
  const tag2 = `${tag}two`;
  await t.create('opportunities', { name: `${tag2} x`, stage: 'won', amount: { amount: '10.00', currency: 'USD' }, aggCost: { amount: '3.10', currency: 'EUR' }, closeDate: '2026-04-01' });
  await t.create('opportunities', { name: `${tag2} y`, stage: 'won', amount: '5.00', aggCost: { amount: '1.05', currency: 'EUR' }, closeDate: '2026-04-02' });
  await t.create('opportunities', { name: `${tag2} z`, stage: 'interest', amount: '8.00', closeDate: '2026-04-03' });
  const r = await t.api('GET', `/api/v1/opportunities/aggregate?filter=${q(`name startsWith '${tag2}'`)}&groupBy=stage&sum=amount,aggCost,amount*probability`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const byStage = Object.fromEntries(r.body.data.map((g: { key: string }) => [g.key, g]));
  assert.deepEqual(byStage.won.sums.amount, [{ amount: '10.00', currency: 'USD' }, { amount: '5.00', currency: 'CNY' }]);
  assert.deepEqual(byStage.won.sums.aggCost, [{ amount: '4.15', currency: 'EUR' }]);
  assert.deepEqual(byStage.won.sums['amount*probability'], [{ amount: '10.00', currency: 'USD' }, { amount: '5.00', currency: 'CNY' }]);
  assert.equal(byStage.won.count, 2);
  assert.deepEqual(byStage.interest.sums.aggCost, []);
  assert.equal(byStage.interest.sums.amount[0].amount, '8.00');

  const none = await t.api('GET', `/api/v1/opportunities/aggregate?filter=${q(`name eq '${tag2} nobody'`)}&sum=amount,probability`);
  assert.deepEqual(none.body.data, [{ count: 0, sums: { amount: [], probability: 0 } }]);
});
