// The forecast totals kept by the trigger: after every kind of write (create, update of each figure,
// delete, restore, bulk and batch writes, a merge, plain SQL) the table equals a fresh computation over
// the deals, and the forecast of a rep, a manager, a director and an administrator equals an
// independent SQL computation; a deal shared from outside counts once, a rep sees only their own.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../../testing.ts';
import { createApiKey } from '../../platform/auth/api-keys.ts';
import { installForecastTotals } from './forecast-totals.ts';

let t: TestContext;
const people: Record<string, { id: string; token: string }> = {};
const asOf = '2026-02-15';
const categories = ['pipeline', 'bestCase', 'commit', 'closed', 'omitted'] as const;
const viewers = ['rep1', 'manager', 'director', 'admin'] as const;
const deals: string[] = [];

async function as(who: string, url: string) {
  const headers = { authorization: `Bearer ${who === 'admin' ? t.token : people[who]!.token}` };
  const r = await t.app.inject({ method: 'GET', url, headers });
  return { status: r.statusCode, body: JSON.parse(r.body) };
}

const patch = async (id: string, body: Record<string, unknown>) => {
  const r = await t.api('PATCH', `/api/v1/opportunities/${id}`, body);
  assert.equal(r.status, 200, JSON.stringify(r.body));
};

before(async () => {
  t = await startTestApp();
  const roles = (await t.api('GET', '/api/v1/admin/roles')).body.data as Array<{ key: string; id: string }>;
  const roleId = (key: string) => roles.find((r) => r.key === key)!.id;
  const person = async (name: string, role: string, managerId?: string) => {
    const user = await t.api('POST', '/api/v1/admin/users', { email: `ft-${name}@example.com`, name, roleId: roleId(role), ...(managerId ? { managerId } : {}) });
    assert.equal(user.status, 201, JSON.stringify(user.body));
    people[name] = { id: user.body.id, token: (await createApiKey(t.db, user.body.id, name)).token };
  };
  await person('director', 'sales_manager');
  await person('manager', 'sales_manager', people.director!.id);
  await person('rep1', 'sales_rep', people.manager!.id);
  await person('rep2', 'sales_rep', people.manager!.id);
  await person('outsider', 'sales_rep');
  await t.create('exchangeRates', { currency: 'USD', rate: 7.1, effectiveDate: '2026-01-01' });
  const owners = ['director', 'manager', 'rep1', 'rep2', 'outsider'];
  const stages = ['interest', 'preference', 'negotiation', 'won', 'lost'];
  for (let i = 0; i < 25; i++) {
    const stage = stages[i % 5]!;
    const body: Record<string, unknown> = {
      name: `totals ${i}`,
      ownerId: people[owners[i % owners.length]!]!.id,
      stage,
      closeDate: `2026-0${1 + (i % 4)}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`,
      ...(stage === 'lost' ? { lossReason: 'price' } : {}),
    };
    // Some deals have no amount at all; some a probability of their own with three decimals.
    if (i % 6 !== 5) body.amount = { amount: (1234.5 + i * 1001.37).toFixed(2), currency: i % 3 === 0 ? 'USD' : 'CNY' };
    if (i % 4 === 1) body.probability = 33.3 + i / 1000;
    if (i % 7 === 2) body.forecastCategory = 'bestCase';
    deals.push((await t.create('opportunities', body)).id);
  }
});
after(() => t.close());

/** The totals table against a fresh computation over the live deals (the trigger's invariant). */
async function assertTotalsMatchDeals(step: string) {
  const kept = await t.db.rows(sql`select owner_id, month::text, category, currency, deal_count::int as n, amount_count::int as with_amount, amount::numeric(30,8)::text as amount, weighted::numeric(30,8)::text as weighted
    from forecast_totals where deal_count <> 0 or amount_count <> 0 order by 1, 2, 3, 4`);
  const fresh = await t.db.rows(sql`select owner_id, date_trunc('month', close_date)::date::text as month, forecast_category as category, amount_currency as currency,
      count(*)::int as n, count(amount)::int as with_amount, coalesce(sum(amount), 0)::numeric(30,8)::text as amount,
      coalesce(sum(amount * probability / 100), 0)::numeric(30,8)::text as weighted
    from opportunities where deleted_at is null and close_date is not null group by 1, 2, 3, 4 order by 1, 2, 3, 4`);
  assert.deepEqual(kept, fresh, step);
  assert.equal(
    (await t.db.rows(sql`select 1 from forecast_totals where deal_count < 0 or amount_count < 0 or amount_count > deal_count`)).length,
    0,
    `${step}: no negative or impossible counts`,
  );
}

/** The visible deals' totals in plain SQL: below the viewer or shared with them (everything for the administrator). */
async function independentTotals(viewer: string, start: string, end: string) {
  const everything = viewer === 'admin';
  const id = everything ? t.adminId : people[viewer]!.id;
  const rows = await t.db.rows<{ category: string; n: string | number; amount: string; weighted: string }>(sql`
    with recursive below(id) as (select ${id}::uuid union select u.id from users u join below b on u.manager_id = b.id),
    visible as (
      select o.* from opportunities o where o.deleted_at is null and (${everything}
        or o.owner_id in (select id from below)
        or exists (select 1 from record_shares s where s.record_id = o.id and s.principal_type = 'user' and s.principal_id = ${id}::uuid))),
    converted as (
      select v.forecast_category as category, v.amount * r.rate as amount, v.amount * r.rate * v.probability / 100 as weighted
      from visible v cross join lateral (select case v.amount_currency when 'CNY' then 1::numeric when 'USD' then 7.1 end as rate) r
      where v.close_date >= ${start}::date and v.close_date < ${end}::date)
    select category, count(*) as n, round(coalesce(sum(amount), 0), 2)::text as amount, round(coalesce(sum(weighted), 0), 2)::text as weighted
    from converted group by category`);
  return Object.fromEntries(rows.map((r) => [r.category, { count: Number(r.n), amount: r.amount, weighted: r.weighted }]));
}

/** Every viewer's forecast (a quarter and a month) against the independent computation. */
async function assertForecastsMatch(step: string) {
  await assertTotalsMatchDeals(step);
  for (const viewer of viewers) {
    for (const [period, date, start, end] of [['quarter', '2026-02-10', '2026-01-01', '2026-04-01'], ['month', '2026-04-03', '2026-04-01', '2026-05-01']] as const) {
      const r = await as(viewer, `/api/v1/forecast?period=${period}&date=${date}&asOf=${asOf}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const expected = await independentTotals(viewer, start, end);
      for (const c of categories) assert.deepEqual(r.body.totals.categories[c], expected[c] ?? { count: 0, amount: '0.00', weighted: '0.00' }, `${step}: ${viewer} ${period} ${c}`);
    }
  }
}

test('after creates the totals equal the deals and every forecast its SQL', async () => {
  await assertForecastsMatch('created');
});

test('updates of amount, stage, close date, owner, category and currency move the figures', async () => {
  await patch(deals[0]!, { amount: { amount: '99999.99', currency: 'USD' } });
  await patch(deals[1]!, { stage: 'won' });
  await patch(deals[2]!, { closeDate: '2026-04-30' });
  await patch(deals[3]!, { ownerId: people.outsider!.id });
  await patch(deals[4]!, { ownerId: people.rep2!.id, forecastCategory: 'commit' });
  await patch(deals[6]!, { amount: { amount: '10.01', currency: 'CNY' } });
  await patch(deals[7]!, { probability: 12.3456 });
  await patch(deals[8]!, { closeDate: null });
  await patch(deals[9]!, { name: 'only the name' });
  await assertForecastsMatch('updated');
});

test('deletes and restores take deals out of the totals and put them back', async () => {
  for (const id of deals.slice(10, 13)) assert.equal((await t.api('DELETE', `/api/v1/opportunities/${id}`)).status, 204);
  await assertForecastsMatch('deleted');
  assert.equal((await t.api('POST', `/api/v1/opportunities/${deals[11]}/restore`)).status, 200);
  await assertForecastsMatch('restored');
});

test('batch creates, bulk edits and bulk deletes, a merge and plain SQL keep the totals', async () => {
  const records = Array.from({ length: 12 }, (_, i) => ({ name: `batch ${i}`, ownerId: people[i % 2 ? 'rep1' : 'rep2']!.id, stage: 'negotiation', amount: { amount: `${100 + i}.5`, currency: 'CNY' }, closeDate: '2026-03-15' }));
  const created = await t.api('POST', '/api/v1/opportunities/bulk', { action: 'create', records });
  assert.ok(created.status < 300, JSON.stringify(created.body));
  await assertForecastsMatch('batch created');
  const updated = await t.api('POST', '/api/v1/opportunities/bulk', { action: 'update', filter: "name startsWith 'batch'", values: { stage: 'preference' } });
  assert.ok(updated.status < 300, JSON.stringify(updated.body));
  await assertForecastsMatch('bulk updated');
  const removed = await t.api('POST', '/api/v1/opportunities/bulk', { action: 'delete', filter: "name startsWith 'batch 1'" });
  assert.ok(removed.status < 300, JSON.stringify(removed.body));
  await assertForecastsMatch('bulk deleted');
  const merged = await t.api('POST', '/api/v1/opportunities/merge', { survivorId: deals[13], loserIds: [deals[14]], choices: { amount: deals[14] } });
  assert.equal(merged.status, 200, JSON.stringify(merged.body));
  await assertForecastsMatch('merged');
  // A path no hook sees: the trigger still counts it.
  await t.db.rows(sql`update opportunities set probability = 50, amount_currency = 'USD' where name like 'totals 1%'`);
  await t.db.rows(sql`delete from opportunities where id = ${deals[15]}::uuid`);
  await assertForecastsMatch('plain SQL');
});

test('a deal shared with the manager counts once, whether its owner is below them or outside', async () => {
  const outside = await t.create('opportunities', { name: 'shared from outside', ownerId: people.outsider!.id, stage: 'negotiation', amount: '5000', closeDate: '2026-02-02' });
  const inside = await t.create('opportunities', { name: 'shared from below', ownerId: people.rep1!.id, stage: 'negotiation', amount: '7000', closeDate: '2026-02-03' });
  for (const id of [outside.id, inside.id]) {
    const r = await t.api('POST', `/api/v1/opportunities/${id}/shares`, { principalType: 'user', principalId: people.manager!.id, access: 'read' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  await assertForecastsMatch('shared');
  const r = await as('manager', `/api/v1/forecast?period=month&date=2026-02-01&asOf=${asOf}`);
  const outsider = r.body.rows.find((x: { id: string }) => x.id === people.outsider!.id);
  assert.equal(outsider.own.categories.commit.count, 1, "only the shared deal of the outsider's");
  const director = await as('director', `/api/v1/forecast?period=month&date=2026-02-01&asOf=${asOf}`);
  assert.equal(director.body.rows.find((x: { id: string }) => x.id === people.outsider!.id), undefined, 'not shared with the director');
});

test('a rep sees only their own figures', async () => {
  const r = await as('rep2', `/api/v1/forecast?period=year&date=2026-01-01&asOf=${asOf}`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.rows.map((x: { id: string }) => x.id), [people.rep2!.id]);
  const [mine] = await t.db.rows<{ n: number }>(sql`select count(*)::int as n from opportunities where deleted_at is null and owner_id = ${people.rep2!.id}::uuid
    and close_date >= '2026-01-01' and close_date < '2027-01-01'`);
  const counted = categories.reduce((sum, c) => sum + r.body.totals.categories[c].count, 0);
  assert.equal(counted, mine!.n);
});

test('writes at the same time lose no counts', async () => {
  await Promise.all(Array.from({ length: 8 }, (_, i) => t.create('opportunities', { name: `together ${i}`, ownerId: people.rep1!.id, stage: 'interest', amount: '1', closeDate: '2026-01-05' })));
  await assertForecastsMatch('concurrent');
});

test('installing again leaves the totals alone; a changed definition recomputes them', async () => {
  await installForecastTotals(t.db);
  await assertTotalsMatchDeals('installed again');
  await t.db.rows(sql`update forecast_totals set deal_count = deal_count + 5`);
  await t.db.rows(sql`comment on table forecast_totals is 'an older definition'`);
  await installForecastTotals(t.db);
  await assertTotalsMatchDeals('recomputed');
});

const commit = async (who: string) => (await as(who, `/api/v1/forecast?period=month&date=2026-02-01&asOf=${asOf}`)).body.totals.categories.commit;

test('a deal reached by a sharing rule counts once, added live when its owner is outside', async () => {
  const roles = (await t.api('GET', '/api/v1/admin/roles')).body.data as Array<{ key: string; id: string }>;
  await t.create('opportunities', { name: 'ruled outside', ownerId: people.outsider!.id, stage: 'negotiation', amount: '3000', closeDate: '2026-02-04' });
  await t.create('opportunities', { name: 'ruled below', ownerId: people.rep1!.id, stage: 'negotiation', amount: '4000', closeDate: '2026-02-05' });
  const before = { manager: await commit('manager'), director: await commit('director'), rep2: await commit('rep2') };
  const rule = await t.api('POST', '/api/v1/admin/sharing-rules', {
    objectName: 'opportunities',
    name: 'ruled deals',
    filter: "name startsWith 'ruled'",
    principalType: 'role',
    principalId: roles.find((r) => r.key === 'sales_manager')!.id,
    access: 'read',
  });
  assert.equal(rule.status, 201, JSON.stringify(rule.body));
  try {
    for (const who of ['manager', 'director'] as const) {
      const after = await commit(who);
      assert.equal(after.count, before[who].count + 1, `${who}: only the outsider's deal is new`);
      assert.equal(Number(after.amount).toFixed(2), (Number(before[who].amount) + 3000).toFixed(2), who);
    }
    assert.deepEqual(await commit('rep2'), before.rep2, 'the rule is not for reps');
  } finally {
    assert.equal((await t.api('DELETE', `/api/v1/admin/sharing-rules/${rule.body.id}`)).status, 204);
  }
});
