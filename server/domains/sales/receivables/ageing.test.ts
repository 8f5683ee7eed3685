// The overdue list and the ageing report on generated data: for a rep, a manager and an administrator
// each, the API's figures equal an independent computation in this test (whole cents, contract-level
// payments settling the oldest instalments first, payments after `asOf` left out), with instalments
// on every bucket boundary (0, 30 and 31, 60 and 61, 90 and 91 days past due).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../../../testing.ts';
import { requestAs, salesTeam, type People } from './test-people.ts';

let t: TestContext;
let people: People;
const asOf = '2031-06-30';
const DAY = 86_400_000;
const dayFrom = (offset: number) => new Date(Date.parse(`${asOf}T00:00:00Z`) - offset * DAY).toISOString().slice(0, 10);
const offsets = [-20, -1, 0, 1, 29, 30, 31, 59, 60, 61, 89, 90, 91, 200];

interface Instalment { id: string; dueDate: string; number: number; cents: number }
interface Payment { instalmentId: string | null; date: string; cents: number }
interface Contract { id: string; ownerId: string; accountId: string; currency: string; plan: Instalment[]; payments: Payment[] }
const contracts: Contract[] = [];

function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}
const amount = (cents: number) => (cents / 100).toFixed(2);

before(async () => {
  t = await startTestApp();
  people = await salesTeam(t, 'ageing');
  const next = random(7);
  const owners = [people.rep1.id, people.rep2.id, people.manager.id, people.outsider.id, t.adminId];
  const accounts = [];
  for (let i = 0; i < 4; i++) accounts.push((await t.create('accounts', { name: `账龄客户 ${i}`, ownerId: owners[i % owners.length] })).id as string);
  for (let i = 0; i < 12; i++) {
    const currency = i % 4 === 3 ? 'USD' : 'CNY';
    const plan: Instalment[] = [];
    const count = 2 + Math.floor(next() * 3);
    const dueOffsets = Array.from({ length: count }, (_, k) => offsets[(i * 3 + k * 5) % offsets.length]!);
    const cents = dueOffsets.map(() => 10_000 + Math.floor(next() * 1_000_000));
    const total = cents.reduce((a, b) => a + b, 0);
    const ownerId = owners[i % owners.length]!;
    const c = await t.create('contracts', { title: `账龄合同 ${i}`, accountId: accounts[i % accounts.length], ownerId, status: 'active', value: { amount: amount(total + 5000), currency } });
    for (const [k, offset] of dueOffsets.entries()) {
      const row = await t.create('paymentPlans', { contractId: c.id, number: k + 1, dueDate: dayFrom(offset), amount: { amount: amount(cents[k]!), currency } });
      plan.push({ id: row.id, dueDate: row.dueDate, number: k + 1, cents: cents[k]! });
    }
    const payments: Payment[] = [];
    let left = total;
    for (let p = 0; p < 3 && left > 0; p++) {
      const target = next() < 0.5 ? plan[Math.floor(next() * plan.length)]! : null;
      const room = target ? target.cents - payments.filter((x) => x.instalmentId === target.id).reduce((a, b) => a + b.cents, 0) : left;
      const paid = Math.min(room, left, 1 + Math.floor(next() * 400_000));
      if (paid <= 0) continue;
      const date = dayFrom(Math.floor(next() * 40) - 10); // some after asOf: they do not count then
      const r = await t.api('POST', '/api/v1/payments', { contractId: c.id, instalmentId: target?.id ?? null, paymentDate: date, amount: { amount: amount(paid), currency } });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      payments.push({ instalmentId: target?.id ?? null, date, cents: paid });
      left -= paid;
    }
    contracts.push({ id: c.id, ownerId, accountId: accounts[i % accounts.length]!, currency, plan, payments });
  }
});
after(() => t.close());

/** Outstanding cents per instalment on asOf, computed here from what the test wrote. */
function expectedLines(visibleOwners: Set<string> | null) {
  const lines: Array<{ id: string; accountId: string; currency: string; days: number; cents: number }> = [];
  for (const c of contracts) {
    if (visibleOwners && !visibleOwners.has(c.ownerId)) continue;
    const counted = c.payments.filter((p) => p.date <= asOf);
    let pool = counted.filter((p) => p.instalmentId === null).reduce((a, b) => a + b.cents, 0);
    const ordered = c.plan.toSorted((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number - b.number);
    for (const line of ordered) {
      const direct = counted.filter((p) => p.instalmentId === line.id).reduce((a, b) => a + b.cents, 0);
      const room = Math.max(line.cents - direct, 0);
      const share = Math.min(room, pool);
      pool -= share;
      const days = Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${line.dueDate}T00:00:00Z`)) / DAY);
      if (room - share > 0) lines.push({ id: line.id, accountId: c.accountId, currency: c.currency, days, cents: room - share });
    }
  }
  return lines;
}

const bucketOf = (days: number) => (days < 0 ? 'notYetDue' : days <= 30 ? 'days0to30' : days <= 60 ? 'days31to60' : days <= 90 ? 'days61to90' : 'days90plus');

const viewers = () => [
  { name: 'rep', token: people.rep1.token, owners: new Set([people.rep1.id]) },
  { name: 'manager', token: people.manager.token, owners: new Set([people.manager.id, people.rep1.id, people.rep2.id]) },
  { name: 'admin', token: null, owners: null },
];

test('the overdue list holds exactly the instalments due before asOf and not fully paid, for each viewer', async () => {
  for (const viewer of viewers()) {
    const r = await requestAs(t, viewer.token, 'GET', `/api/v1/receivables/overdue?asOf=${asOf}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const expected = expectedLines(viewer.owners).filter((l) => l.days > 0);
    assert.ok(expected.length > 0, `${viewer.name} has overdue instalments to compare`);
    const got = r.body.data.map((row: { instalmentId: string; outstanding: string; daysOverdue: number }) => [row.instalmentId, row.outstanding, row.daysOverdue]);
    assert.deepEqual(got.toSorted(), expected.map((l) => [l.id, amount(l.cents), l.days]).toSorted(), viewer.name);
    assert.ok(r.body.data.every((row: { daysOverdue: number }, i: number, all: Array<{ daysOverdue: number }>) => i === 0 || all[i - 1]!.daysOverdue >= row.daysOverdue), 'longest overdue first');
  }
});

test('the ageing buckets equal the independent computation, boundaries included', async () => {
  for (const viewer of viewers()) {
    const r = await requestAs(t, viewer.token, 'GET', `/api/v1/receivables/ageing?asOf=${asOf}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const expected = new Map<string, Record<string, number>>();
    for (const line of expectedLines(viewer.owners)) {
      const key = `${line.accountId}/${line.currency}`;
      const cell = expected.get(key) ?? { notYetDue: 0, days0to30: 0, days31to60: 0, days61to90: 0, days90plus: 0 };
      cell[bucketOf(line.days)]! += line.cents;
      expected.set(key, cell);
    }
    const got = new Map<string, Record<string, number>>(
      r.body.rows.map((row: { accountId: string; currency: string; buckets: Record<string, string> }) => [
        `${row.accountId}/${row.currency}`,
        Object.fromEntries(Object.entries(row.buckets).map(([k, v]) => [k, Math.round(Number(v) * 100)])),
      ]),
    );
    assert.deepEqual(got, expected, viewer.name);
    for (const total of r.body.totals) {
      const sum = [...expected].filter(([key]) => key.endsWith(`/${total.currency}`)).reduce((a, [, cell]) => a + Object.values(cell).reduce((x, y) => x + y, 0), 0);
      assert.equal(Math.round(Number(total.total) * 100), sum, `${viewer.name} ${total.currency} total`);
    }
  }
});

test('30 days past due is in 0–30, 31 in 31–60; 90 in 61–90, 91 in 90+; the due day itself is not overdue', async () => {
  const accountId = (await t.create('accounts', { name: 'Boundary Ltd' })).id;
  const c = await t.create('contracts', { title: 'Boundaries', accountId, status: 'active', value: { amount: '1500', currency: 'EUR' } });
  for (const [n, offset] of [0, 30, 31, 90, 91].entries()) await t.create('paymentPlans', { contractId: c.id, number: n + 1, dueDate: dayFrom(offset), amount: { amount: String(100 * 10 ** n).slice(0, 6), currency: 'EUR' } });
  const report = (await t.api('GET', `/api/v1/receivables/ageing?asOf=${asOf}`)).body;
  const row = report.rows.find((r: { accountId: string }) => r.accountId === accountId);
  assert.deepEqual(row.buckets, { notYetDue: '0.00', days0to30: '1100.00', days31to60: '10000.00', days61to90: '100000.00', days90plus: '100000.00' });
  assert.equal(row.accountName, 'Boundary Ltd');
  const overdue = (await t.api('GET', `/api/v1/receivables/overdue?asOf=${asOf}`)).body.data.filter((r: { contractId: string }) => r.contractId === c.id);
  assert.deepEqual(overdue.map((r: { daysOverdue: number }) => r.daysOverdue), [91, 90, 31, 30]);
  assert.equal(overdue[0].contractTitle, 'Boundaries');
  assert.equal((await t.api('GET', '/api/v1/receivables/ageing?asOf=2031-02-30')).status, 400);
});
