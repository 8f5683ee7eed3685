// The duplicate check a create form makes, and the duplicate report, over HTTP on a real database.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../../testing.ts';
import { createApiKey } from '../../platform/auth/api-keys.ts';
import { duplicateReportJobs } from './duplicate-report.ts';

let t: TestContext;
let repToken: string;
let repId: string;

async function asRep(method: 'GET' | 'POST', url: string, body?: unknown) {
  const response = await t.app.inject({ method, url, headers: { authorization: `Bearer ${repToken}` }, ...(body === undefined ? {} : { payload: body as object }) });
  return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : null, raw: response.body };
}

const check = (object: string, record: Record<string, unknown>) => t.api('POST', `/api/v1/${object}/duplicates/check`, { record });

before(async () => {
  t = await startTestApp();
  const role = await t.api('POST', '/api/v1/admin/roles', {
    key: 'dup_rep',
    name: { en: 'Duplicate rep', 'zh-CN': '查重销售' },
    permissions: { objects: { accounts: ['read', 'create', 'edit'], contacts: ['read', 'create', 'edit'], '*': ['read'] }, fields: { contacts: { mobile: 'hidden' } } },
  });
  assert.equal(role.status, 201, JSON.stringify(role.body));
  const user = await t.api('POST', '/api/v1/admin/users', { email: 'dup.rep@example.com', name: 'Dup Rep', roleId: role.body.id });
  repId = user.body.id;
  repToken = (await createApiKey(t.db, repId, 'rep')).token;
});

after(async () => {
  await t?.close();
});

test('the default rules exist for accounts, contacts and leads', async () => {
  const rules = await t.api('GET', '/api/v1/duplicateRules?limit=100');
  assert.equal(rules.status, 200);
  const objects = new Set(rules.body.data.map((r: { objectName: string }) => r.objectName));
  assert.deepEqual([...objects].toSorted(), ['accounts', 'contacts', 'leads']);
});

test('a Chinese company written with its city in brackets is a strong duplicate; a shorter name only a weak one', async () => {
  const existing = await t.create('accounts', { name: '北京星空在线文化传播有限公司', city: '北京', phone: '+86 10 6000 0001' });
  const other = await t.create('accounts', { name: '星空在线文化', city: '上海', phone: '+86 21 6000 0002' });
  await t.create('accounts', { name: '蓝海物流有限公司' });

  const strong = await check('accounts', { name: '星空在线文化传播(北京)有限公司' });
  assert.equal(strong.status, 200, JSON.stringify(strong.body));
  const first = strong.body.data[0];
  assert.equal(first.id, existing.id);
  assert.equal(first.strength, 'strong');
  assert.equal(first.reasons[0].field, 'name');

  const weak = await check('accounts', { name: '星空在线', city: '广州', phone: '+86 20 6000 0003' });
  const byId = new Map(weak.body.data.map((m: { id: string; strength: string }) => [m.id, m.strength]));
  assert.equal(byId.get(other.id), 'weak');
  assert.equal(byId.get(existing.id), 'weak');
  assert.ok(weak.body.data.every((m: { strength: string }) => m.strength === 'weak'));
  assert.ok(!weak.body.data.some((m: { title: string }) => m.title === '蓝海物流有限公司'));
});

test('e-mail and phone match exactly, whatever the spelling', async () => {
  const contact = await t.create('contacts', { name: 'Li Lei', email: 'li.lei@example.com', phone: '+86 138 0013 8000' });
  const byEmail = await check('contacts', { name: 'Someone Else', email: '  LI.LEI@example.com ' });
  assert.equal(byEmail.body.data[0]?.id, contact.id);
  assert.equal(byEmail.body.data[0]?.strength, 'strong');
  const byPhone = await check('contacts', { name: 'Another', phone: '138-0013-8000' });
  assert.equal(byPhone.body.data[0]?.id, contact.id);
  assert.equal(byPhone.body.data[0]?.reasons[0].field, 'phone');
  const none = await check('contacts', { name: 'Nobody', email: 'li.lei@example.org', phone: '+86 138 0013 8001' });
  assert.deepEqual(none.body.data, []);
  const self = await t.api('POST', '/api/v1/contacts/duplicates/check', { record: { email: 'li.lei@example.com' }, excludeId: contact.id });
  assert.deepEqual(self.body.data, []);
});

test('a Latin name that is only similar is a weak match found by pg_trgm', async () => {
  const contact = await t.create('contacts', { name: 'Jonathan Smithers' });
  const similar = await check('contacts', { name: 'Jonathon Smithers' });
  const match = similar.body.data.find((m: { id: string }) => m.id === contact.id);
  assert.equal(match?.strength, 'weak');
});

test('a rep never sees a duplicate they cannot read, nor a match through a hidden field', async () => {
  const hidden = await t.create('accounts', { name: '深圳腾飞科技有限公司', email: 'info@tengfei.example' });
  const mine = await t.create('accounts', { name: '腾飞科技(深圳)有限公司', ownerId: repId });
  const reply = await asRep('POST', '/api/v1/accounts/duplicates/check', { record: { name: '腾飞科技有限公司', email: 'info@tengfei.example' } });
  assert.equal(reply.status, 200, reply.raw);
  assert.deepEqual(reply.body.data.map((m: { id: string }) => m.id), [mine.id]);
  assert.ok(!reply.raw.includes(hidden.id));

  await t.create('contacts', { name: 'Wang Fang', mobile: '+86 139 0000 0009', ownerId: repId });
  const byHiddenField = await asRep('POST', '/api/v1/contacts/duplicates/check', { record: { name: 'Zhang', mobile: '+86 139 0000 0009' } });
  assert.deepEqual(byHiddenField.body.data, []);
});

test('the check validates its input and knows its objects', async () => {
  assert.equal((await t.api('POST', '/api/v1/accounts/duplicates/check', {})).status, 400);
  assert.equal((await t.api('POST', '/api/v1/nothing/duplicates/check', { record: {} })).status, 404);
  assert.equal((await t.api('POST', '/api/v1/accounts/duplicates/check', { record: { name: 42, phone: {} } })).status, 200);
});

test('rules are changed by administrators only', async () => {
  const denied = await asRep('POST', '/api/v1/duplicateRules', { name: 'x', objectName: 'accounts', field: 'city', method: 'exact' });
  assert.equal(denied.status, 403);
  const created = await t.api('POST', '/api/v1/duplicateRules', { name: 'Account website', objectName: 'accounts', field: 'website', method: 'exact' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const unknownField = await t.api('POST', '/api/v1/duplicateRules', { name: 'x', objectName: 'accounts', field: 'nope', method: 'exact' });
  assert.equal(unknownField.status, 400);
  assert.equal(unknownField.body.errors[0].field, 'field');
  assert.equal((await t.api('POST', '/api/v1/duplicateRules', { name: 'x', objectName: 'nothing', field: 'name', method: 'exact' })).status, 400);
  assert.equal((await t.api('POST', '/api/v1/duplicateRules', { name: 'x', objectName: 'accounts', field: 'tags', method: 'exact' })).status, 400);
  // A rule on a number compares its text: no error, and equal numbers match.
  assert.equal((await t.api('POST', '/api/v1/duplicateRules', { name: 'Staff', objectName: 'accounts', field: 'employees', method: 'exact' })).status, 201);
  const counted = await t.create('accounts', { name: 'Numbers Ltd', employees: 4321, website: 'https://numbers.example' });
  const byNumber = await check('accounts', { name: 'Totally different', employees: 4321 });
  assert.equal(byNumber.status, 200);
  assert.deepEqual(byNumber.body.data.map((m: { id: string }) => m.id), [counted.id]);
  const byWebsite = await check('accounts', { website: 'HTTPS://numbers.example ' });
  assert.deepEqual(byWebsite.body.data.map((m: { id: string }) => m.id), [counted.id]);
});

test('the duplicate report groups records per object and shows a rep only what they may read', async () => {
  const refreshed = await t.api('POST', '/api/v1/accounts/duplicates/report');
  assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
  const group = refreshed.body.groups.find((g: { records: Array<{ title: string }> }) => g.records.some((r) => r.title === '深圳腾飞科技有限公司'));
  assert.ok(group, JSON.stringify(refreshed.body.groups));
  assert.equal(group.strength, 'strong');
  assert.equal(group.records.length, 2);
  const asRepReport = await asRep('GET', '/api/v1/accounts/duplicates/report');
  assert.equal(asRepReport.status, 200);
  assert.ok(!asRepReport.raw.includes('深圳腾飞科技有限公司'));
  assert.equal((await asRep('POST', '/api/v1/accounts/duplicates/report')).status, 403);
});

test('the nightly job writes the report of every object with rules', async () => {
  await t.create('leads', { name: '陈静', company: '杭州云帆网络科技有限公司', email: 'chen.jing@yunfan.example' });
  await t.create('leads', { name: '陈静', company: '云帆网络科技(杭州)有限公司', email: 'CHEN.JING@yunfan.example' });
  const [job] = duplicateReportJobs({ db: t.db, registry: t.registry, now: () => new Date('2026-03-01T03:41:00Z') });
  assert.equal(job!.name, 'data.duplicate-report');
  assert.ok(job!.schedule, 'scheduled');
  const logged: unknown[] = [];
  const log = { info: (details: unknown) => logged.push(details), warn: () => {}, error: () => {} };
  await job!.handler({}, { jobId: 'test', attempt: 0, signal: new AbortController().signal, log } as never);
  const report = await t.api('GET', '/api/v1/leads/duplicates/report');
  assert.equal(report.body.generatedAt, '2026-03-01T03:41:00.000Z');
  const group = report.body.groups.find((g: { records: Array<{ title: string }> }) => g.records.length === 2 && g.records.every((r) => r.title === '陈静'));
  assert.equal(group?.strength, 'strong');
  assert.deepEqual(group.reasons.map((r: { field: string }) => r.field).toSorted(), ['company', 'email', 'name']);
  assert.ok(logged.length >= 3, 'one line per object');
});
