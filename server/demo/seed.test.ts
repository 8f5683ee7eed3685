// The demo company: counts, links, dates and the search examples, checked through the API.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../testing.ts';
import { systemContext } from '../platform/auth/context.ts';
import { seedDemo, type SeedSummary } from './seed.ts';
import { chineseCities, makeCompany, Random } from './names.ts';

const now = new Date('2026-06-15T10:00:00Z');
const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const makeSample = () => makeCompany(new Random(7), chineseCities[1]!);
const expected = { accounts: 200, contacts: 500, leads: 150, opportunities: 120, activities: 1000, products: 20 };
let t: TestContext;
let summary: SeedSummary;

before(async () => {
  t = await startTestApp();
  summary = await seedDemo({ db: t.db, registry: t.registry, ctx: systemContext(t.adminId) }, { now });
});
after(() => t?.close());

async function total(object: string, filter?: string): Promise<number> {
  const query = new URLSearchParams({ count: 'true', limit: '1', ...(filter ? { filter } : {}) });
  const reply = await t.api('GET', `/api/v1/${object}?${query}`);
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return reply.body.total;
}

async function search(q: string, objects?: string) {
  const query = new URLSearchParams({ q, ...(objects ? { objects } : {}) });
  const reply = await t.api('GET', `/api/v1/search?${query}`);
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return reply.body.data as { object: string; id: string; title: string }[];
}

test('the demo company has the documented number of records of each object', async () => {
  assert.deepEqual(summary, expected);
  for (const [object, count] of Object.entries(expected)) assert.equal(await total(object), count, object);
});

test('opportunities cover every stage, with amounts and close dates', async () => {
  for (const stage of ['interest', 'preference', 'negotiation', 'won', 'lost']) {
    assert.ok((await total('opportunities', `stage eq '${stage}'`)) > 0, stage);
  }
  assert.equal(await total('opportunities', 'amount isNull or closeDate isNull'), 0);
  assert.equal(await total('opportunities', "stage eq 'won' and closeDate gt '2026-06-15'"), 0);
});

test('contacts belong to accounts, and some to two', async () => {
  const reply = await t.api('GET', '/api/v1/contacts?limit=500&fields=name,accountId,accountIds');
  const contacts = reply.body.data as { name: string; accountId: string; accountIds: string[] }[];
  assert.equal(contacts.length, 500);
  for (const c of contacts) assert.ok(c.accountId && c.accountIds.includes(c.accountId), c.name);
  assert.ok(contacts.filter((c) => c.accountIds.length === 2).length >= 20);
  assert.ok((await total('accounts', `city eq '上海'`)) > 0);
  assert.ok((await total('accounts', `country eq 'United Kingdom'`)) > 0);
});

test('activities span the past year and the next month and point at their records', async () => {
  assert.equal(await total('activities', `startAt lt '${iso(now.getTime() - 367 * day)}' or startAt gt '${iso(now.getTime() + 32 * day)}'`), 0);
  assert.ok((await total('activities', `startAt lt '${iso(now.getTime() - 300 * day)}'`)) > 0);
  assert.ok((await total('activities', `startAt gt '${iso(now.getTime() + 7 * day)}'`)) > 0);
  assert.equal(await total('activities', 'relatedId isNull or relatedObject isNull'), 0);
  for (const type of ['task', 'meeting', 'call', 'visit', 'note']) assert.ok((await total('activities', `type eq '${type}'`)) > 0, type);
  const linked = await total('activities', "relatedObject eq 'opportunities' and (opportunityId isNull or accountId isNull)");
  assert.equal(linked, 0);
});

test('search finds the acceptance examples in Chinese and English', async () => {
  const star = await search('星空');
  assert.equal(star[0]?.title, '北京星空在线文化传播有限公司');
  const zhang = await search('zhang', 'contacts');
  assert.equal(zhang[0]?.title, 'Zhang Wei');
  const zhangWei = await search('张伟');
  assert.equal(zhangWei[0]?.title, '张伟');
  assert.equal(zhangWei[0]?.object, 'contacts');
});

test('running the seed again skips cleanly', async () => {
  const again = await seedDemo({ db: t.db, registry: t.registry, ctx: systemContext(t.adminId) }, { now });
  assert.deepEqual(Object.values(again), [0, 0, 0, 0, 0, 0]);
  assert.equal(await total('accounts'), 200);
});

test('the generators are deterministic for a seed', () => {
  assert.deepEqual(makeSample(), makeSample());
  assert.match(makeSample().name, /^上海.+(公司|中心|研究院)$/);
});

test('the sales team has a department tree and a reporting line that decide who sees what', async () => {
  const teams = (await t.api('GET', '/api/v1/admin/teams')).body.data as Array<{ name: string; parentId: string | null }>;
  assert.equal(teams.length, 3);
  const people = (await t.api('GET', '/api/v1/admin/users')).body.data as Array<{ id: string; email: string; managerId: string | null }>;
  const byEmail = (email: string) => people.find((p) => p.email === email)!;
  assert.equal(byEmail('emily.carter@guanxi.local').managerId, byEmail('li.na@guanxi.local').id);
  assert.equal(byEmail('wang.qiang@guanxi.local').managerId, byEmail('emily.carter@guanxi.local').id);
  // The rep's records are a share of the whole: the manager above sees them, a peer does not.
  const repId = byEmail('wang.qiang@guanxi.local').id;
  const owned = (await t.api('GET', `/api/v1/accounts?count=true&limit=1&filter=${encodeURIComponent(`ownerId eq '${repId}'`)}`)).body.total;
  assert.ok(owned > 10 && owned < 200);
});

test('the demo has two contracts with payment plans, one instalment overdue and partly paid', async () => {
  assert.equal(await total('contracts'), 2);
  const overdue = await t.api('GET', `/api/v1/receivables/overdue?asOf=${iso(now.getTime()).slice(0, 10)}`);
  assert.deepEqual(overdue.body.data.map((r: { outstanding: string; daysOverdue: number; contractTitle: string }) => [r.contractTitle, r.outstanding, r.daysOverdue]), [['年度软件服务合同', '70000.00', 40]]);
});

test('the demo has expenses in both languages at every stage: reimbursed, approved, pending, rejected', async () => {
  const expenses = (await t.api('GET', '/api/v1/expenses?limit=50')).body.data as Array<{ description: string; approvalStatus: string; reimbursementStatus: string }>;
  assert.ok(expenses.some((e) => /[\u4e00-\u9fff]/.test(e.description)) && expenses.some((e) => /^[A-Za-z]/.test(e.description)));
  assert.deepEqual([...new Set(expenses.map((e) => e.approvalStatus))].toSorted(), ['approved', 'none', 'pending', 'rejected']);
  assert.equal(expenses.filter((e) => e.reimbursementStatus === 'reimbursed').length, 1);
  const pending = (await t.api('GET', `/api/v1/approvalRequests?filter=${encodeURIComponent("status eq 'pending'")}`)).body.data;
  assert.equal(pending.length, 1, 'one request waits for the manager');
});
