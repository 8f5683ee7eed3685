// The forecast over HTTP on generated data: a rep, a manager and a director each get exactly the deals
// they may see (own, below them, shared with them), converted at the dated rates (a deal in a currency
// without a rate counts as a deal but adds no amount), and the totals equal
// an independent SQL computation; hidden amounts mean no forecast.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../../testing.ts';
import { createApiKey } from '../../platform/auth/api-keys.ts';

let t: TestContext;
const people: Record<string, { id: string; token: string }> = {};
const asOf = '2026-02-15';
const categories = ['pipeline', 'bestCase', 'commit', 'closed', 'omitted'] as const;

async function as(who: string, url: string) {
  const r = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${people[who]!.token}` } });
  return { status: r.statusCode, body: JSON.parse(r.body) };
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

before(async () => {
  t = await startTestApp();
  const roles = (await t.api('GET', '/api/v1/admin/roles')).body.data as Array<{ key: string; id: string }>;
  const roleId = (key: string) => roles.find((r) => r.key === key)!.id;
  const person = async (name: string, role: string, managerId?: string) => {
    const user = await t.api('POST', '/api/v1/admin/users', { email: `fc-${name}@example.com`, name, roleId: roleId(role), ...(managerId ? { managerId } : {}) });
    assert.equal(user.status, 201, JSON.stringify(user.body));
    people[name] = { id: user.body.id, token: (await createApiKey(t.db, user.body.id, name)).token };
  };
  await person('director', 'sales_manager');
  await person('manager1', 'sales_manager', people.director!.id);
  await person('manager2', 'sales_manager', people.director!.id);
  await person('rep1', 'sales_rep', people.manager1!.id);
  await person('rep2', 'sales_rep', people.manager1!.id);
  await person('rep3', 'sales_rep', people.manager2!.id);
  await person('outsider', 'sales_rep');
  await t.create('exchangeRates', { currency: 'USD', rate: 7.1, effectiveDate: '2026-01-01' });
  await t.create('exchangeRates', { currency: 'USD', rate: 7.25, effectiveDate: '2026-03-01' });
  await t.create('exchangeRates', { currency: 'EUR', rate: 7.8123, effectiveDate: '2025-12-01' });
  const next = random(42);
  const owners = Object.keys(people);
  const stages = ['interest', 'preference', 'negotiation', 'won', 'lost'];
  for (let i = 0; i < 70; i++) {
    const stage = stages[Math.floor(next() * stages.length)]!;
    const currency = ['CNY', 'CNY', 'USD', 'EUR', 'GBP'][Math.floor(next() * 5)]!;
    const month = 1 + Math.floor(next() * 4);
    const body: Record<string, unknown> = {
      name: `deal ${i}`,
      ownerId: people[owners[Math.floor(next() * owners.length)]!]!.id,
      stage,
      amount: { amount: (Math.floor(next() * 10_000_000) / 100).toFixed(2), currency },
      closeDate: `2026-0${month}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`,
      ...(stage === 'lost' ? { lossReason: 'price' } : {}),
    };
    if (next() < 0.3) body.probability = Math.floor(next() * 1000) / 10;
    if (next() < 0.2) body.forecastCategory = categories[Math.floor(next() * 4)];
    const deal = await t.create('opportunities', body);
    if (i % 9 === 0) await t.api('POST', `/api/v1/opportunities/${deal.id}/shares`, { principalType: 'user', principalId: people.rep1!.id, access: 'read' });
  }
});
after(() => t.close());

/** The same totals in plain SQL: the deals visible to a viewer, each converted at its rate of `asOf`. */
async function independentTotals(viewer: string, start: string, end: string) {
  const rows = await t.db.rows<{ category: string; n: string | number; amount: string; weighted: string }>(sql`
    with recursive below(id) as (
      select ${people[viewer]!.id}::uuid union select u.id from users u join below b on u.manager_id = b.id),
    visible as (
      select o.* from opportunities o where o.deleted_at is null
        and (o.owner_id in (select id from below)
          or exists (select 1 from record_shares s where s.record_id = o.id and s.principal_type = 'user' and s.principal_id = ${people[viewer]!.id}::uuid))),
    converted as (
      select v.forecast_category as category, v.amount * r.rate as amount, v.amount * r.rate * v.probability / 100 as weighted
      from visible v cross join lateral (
        select case when v.amount_currency = 'CNY' then 1::numeric else (
          select x.rate::numeric from exchange_rates x where x.currency = v.amount_currency and x.effective_date <= ${asOf}::date and x.deleted_at is null
          order by x.effective_date desc limit 1) end as rate) r
      where v.close_date >= ${start}::date and v.close_date < ${end}::date)
    select category, count(*) as n, round(coalesce(sum(amount), 0), 2)::text as amount, round(coalesce(sum(weighted), 0), 2)::text as weighted
    from converted group by category`);
  return Object.fromEntries(rows.map((r) => [r.category, { count: Number(r.n), amount: r.amount, weighted: r.weighted }]));
}

for (const viewer of ['rep1', 'manager1', 'director']) {
  test(`the forecast of ${viewer} equals an independent SQL computation`, async () => {
    for (const [period, date, start, end] of [['quarter', '2026-02-10', '2026-01-01', '2026-04-01'], ['month', '2026-04-03', '2026-04-01', '2026-05-01']] as const) {
      const r = await as(viewer, `/api/v1/forecast?period=${period}&date=${date}&asOf=${asOf}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(r.body.missingRates, ['GBP']);
      assert.equal(r.body.previousTotals, null, 'no snapshot yet: nothing to compare with');
      const expected = await independentTotals(viewer, start, end);
      for (const c of categories) {
        const want = expected[c] ?? { count: 0, amount: '0.00', weighted: '0.00' };
        assert.deepEqual(r.body.totals.categories[c], want, `${viewer} ${period} ${c}`);
      }
    }
  });
}

const add = (a: string, b: string) => (Number(a) * 100 + Number(b) * 100) / 100;

test('a team limits the forecast to its members (and its sub-teams’), within what the caller may see', async () => {
  const team = (await t.api('POST', '/api/v1/admin/teams', { name: 'Forecast 华南' })).body.id;
  const sub = (await t.api('POST', '/api/v1/admin/teams', { name: 'Forecast 深圳', parentId: team })).body.id;
  assert.equal((await t.api('PATCH', `/api/v1/admin/users/${people.rep2!.id}`, { teamIds: [team] })).status, 200);
  assert.equal((await t.api('PATCH', `/api/v1/admin/users/${people.rep3!.id}`, { teamIds: [sub] })).status, 200);
  const r = await as('manager1', `/api/v1/forecast?period=quarter&date=2026-01-01&asOf=${asOf}&teamId=${team}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  // manager1 sees rep2 (below them) but not rep3 (below manager2), though both are in the team.
  const [expected] = await t.db.rows<{ n: string | number }>(sql`select count(*) as n from opportunities where deleted_at is null
    and owner_id = ${people.rep2!.id}::uuid and close_date >= '2026-01-01' and close_date < '2026-04-01' and forecast_category <> 'omitted'`);
  assert.equal(r.body.totals.total.count, Number(expected!.n));
  assert.ok(!r.body.rows.some((x: { id: string }) => x.id === people.rep3!.id));
  assert.equal(r.body.quota, null);
  await t.create('quotas', { name: 'team Q1', teamId: team, periodType: 'quarter', periodStart: '2026-01-01', amount: '1000000', ownerId: people.manager1!.id });
  const withQuota = await as('manager1', `/api/v1/forecast?period=quarter&date=2026-01-01&asOf=${asOf}&teamId=${team}`);
  assert.equal(withQuota.body.quota, '1000000.00', "the team's own quota");
  assert.equal(Number(withQuota.body.gap).toFixed(2), (1_000_000 - Number(withQuota.body.totals.categories.closed.amount)).toFixed(2));
});

test("a deal's forecast category follows its stage unless chosen", async () => {
  const deal = await t.create('opportunities', { name: 'category', stage: 'interest', amount: '10' });
  assert.equal(deal.forecastCategory, 'pipeline');
  const patch = async (body: Record<string, unknown>) => (await t.api('PATCH', `/api/v1/opportunities/${deal.id}`, body)).body;
  assert.equal((await patch({ stage: 'negotiation' })).forecastCategory, 'commit');
  assert.equal((await patch({ forecastCategory: 'bestCase' })).forecastCategory, 'bestCase', "the owner's choice is kept");
  assert.equal((await patch({ name: 'renamed' })).forecastCategory, 'bestCase');
  assert.equal((await patch({ stage: 'won', forecastCategory: 'commit' })).forecastCategory, 'commit', 'chosen in the same write');
  assert.equal((await patch({ forecastCategory: null })).forecastCategory, 'closed', 'never left empty');
  await t.api('DELETE', `/api/v1/opportunities/${deal.id}`);
});

test('a manager sees the team rolled up: the sum of the reports, and the reports under the manager', async () => {
  const r = await as('director', `/api/v1/forecast?period=quarter&date=2026-01-01&asOf=${asOf}`);
  const row = (name: string) => r.body.rows.find((x: { id: string }) => x.id === people[name]!.id);
  const director = row('director');
  assert.deepEqual(director.reportIds.toSorted(), [people.manager1!.id, people.manager2!.id].toSorted());
  assert.deepEqual(row('manager1').reportIds.toSorted(), [people.rep1!.id, people.rep2!.id].toSorted());
  const teamOfDirector = [row('director').own, row('manager1').team, row('manager2').team].reduce((sum, f) => add(String(sum), f.total.amount), 0);
  assert.equal(Number(director.team.total.amount).toFixed(2), teamOfDirector.toFixed(2));
  assert.ok(r.body.teamOwnerIds[people.manager1!.id].includes(people.rep2!.id));
  assert.equal(row('outsider'), undefined, 'the outsider has no deal shared with the director');
});

test('amounts in other currencies convert at the rate in effect on the day asked', async () => {
  const deal = await t.create('opportunities', { name: 'usd deal', ownerId: people.outsider!.id, stage: 'won', amount: { amount: '1000', currency: 'USD' }, closeDate: '2026-06-10' });
  const closed = async (day: string) => (await as('outsider', `/api/v1/forecast?period=month&date=2026-06-01&asOf=${day}`)).body.totals.categories.closed;
  assert.deepEqual(await closed('2026-02-15'), { count: 1, amount: '7100.00', weighted: '7100.00' });
  assert.deepEqual(await closed('2026-03-01'), { count: 1, amount: '7250.00', weighted: '7250.00' });
  const missing = await as('outsider', '/api/v1/forecast?period=month&date=2026-06-01&asOf=2025-06-01');
  assert.deepEqual(missing.body.missingRates, ['USD']);
  assert.equal(missing.body.totals.categories.closed.amount, '0.00');
  await t.api('DELETE', `/api/v1/opportunities/${deal.id}`);
});

test('quotas: the gap to target is the quota less what is closed, rolled up when a manager has none', async () => {
  await t.create('quotas', { name: 'rep1 Q1', assigneeId: people.rep1!.id, periodType: 'quarter', periodStart: '2026-01-01', amount: '500000', ownerId: people.rep1!.id });
  await t.create('quotas', { name: 'rep2 Q1', assigneeId: people.rep2!.id, periodType: 'quarter', periodStart: '2026-01-01', amount: '300000', ownerId: people.rep2!.id });
  const r = await as('manager1', `/api/v1/forecast?period=quarter&date=2026-01-01&asOf=${asOf}`);
  const manager = r.body.rows.find((x: { id: string }) => x.id === people.manager1!.id);
  assert.equal(manager.quota, '800000.00');
  assert.equal(Number(manager.gap).toFixed(2), (800000 - Number(manager.team.categories.closed.amount)).toFixed(2));
  const rep = await as('rep2', `/api/v1/forecast?period=quarter&date=2026-01-01&asOf=${asOf}`);
  assert.equal(rep.body.quota, '300000.00', 'a rep sees their own quota, not a peer’s');
});

test('a role that may not see amounts gets no forecast; bad parameters are 400 problems', async () => {
  const role = await t.api('POST', '/api/v1/admin/roles', {
    key: 'fc_no_amounts',
    name: { en: 'n', 'zh-CN': 'n' },
    permissions: { objects: { opportunities: ['read', 'readAll'] }, fields: { opportunities: { amount: 'hidden' } } },
  });
  const user = await t.api('POST', '/api/v1/admin/users', { email: 'fc-hidden@example.com', name: 'h', roleId: role.body.id });
  people.hidden = { id: user.body.id, token: (await createApiKey(t.db, user.body.id, 'h')).token };
  const hidden = await as('hidden', '/api/v1/forecast?period=quarter&date=2026-01-01');
  assert.equal(hidden.status, 403);
  assert.match(hidden.body.detail, /amounts/);
  for (const url of ['period=week&date=2026-01-01', 'period=month&date=2026-02-30', 'period=month', 'period=month&date=2026-01-01&ownerId=x', 'period=month&date=2026-01-01&asOf=soon']) {
    const r = await t.api('GET', `/api/v1/forecast?${url}`);
    assert.equal(r.status, 400, url);
  }
  const nobody = '00000000-0000-4000-8000-000000000000';
  for (const url of [`teamId=${nobody}`, `ownerId=${nobody}`]) {
    const r = await t.api('GET', `/api/v1/forecast?period=month&date=2026-01-01&${url}`);
    assert.equal(r.status, 200, url);
    assert.equal(r.body.totals.total.count, 0, url);
  }
});

test('exchange rates are maintained by administrators only', async () => {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/exchangeRates',
    headers: { authorization: `Bearer ${people.director!.token}` },
    payload: { currency: 'JPY', rate: 0.05, effectiveDate: '2026-01-01' },
  });
  assert.equal(r.statusCode, 403);
  assert.equal((await t.api('POST', '/api/v1/exchangeRates', { currency: 'jpy', rate: 0.05, effectiveDate: '2026-01-01' })).status, 400);
  assert.equal((await t.api('POST', '/api/v1/exchangeRates', { currency: 'JPY', rate: -1, effectiveDate: '2026-01-01' })).status, 400);
});
