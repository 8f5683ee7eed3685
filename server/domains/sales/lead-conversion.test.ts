// Converting a lead over HTTP: account, contact and opportunity made in one transaction (a failing
// part rolls everything back), a matched account reused, the lead marked with its links; the
// duplicate flag and the matches a viewer may read; a rep cannot read or convert another's lead.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../../testing.ts';
import { as, createRep, createTeam } from './lead-test-support.ts';

let t: TestContext;

before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const count = async (object: string, filter: string) =>
  (await t.api('GET', `/api/v1/${object}?filter=${encodeURIComponent(filter)}`)).body.data.length as number;

test('a conversion makes an account, a contact and an opportunity, and marks the lead with links to them', async () => {
  const lead = await t.create('leads', { name: '李娜', company: '云杉物流', email: 'lina@yunshan.example', phone: '+8613800138001', industry: 'logistics', province: '浙江', source: 'event' });
  const converted = await t.api('POST', `/api/v1/leads/${lead.id}/convert`, { opportunityName: '云杉 仓储系统' }, { 'if-match': `"${lead.version}"` });
  assert.equal(converted.status, 200, JSON.stringify(converted.body));
  const { account, contact, opportunity, lead: marked } = converted.body;
  assert.deepEqual([account.name, account.industry, account.province], ['云杉物流', 'logistics', '浙江']);
  assert.deepEqual([contact.name, contact.accountId, contact.email], ['李娜', account.id, 'lina@yunshan.example']);
  assert.deepEqual([opportunity.name, opportunity.accountId, opportunity.contactId, opportunity.source], ['云杉 仓储系统', account.id, contact.id, 'event']);
  assert.equal(marked.status, 'converted');
  assert.deepEqual([marked.convertedAccountId, marked.convertedContactId, marked.convertedOpportunityId], [account.id, contact.id, opportunity.id]);
  assert.ok(marked.convertedAt);
  // The opportunity's id is plain text (no foreign key); the metadata says what it names, so clients show its title.
  const fields = (await t.api('GET', '/api/v1/metadata/objects/leads')).body.fields as Array<{ name: string; refersTo?: string }>;
  assert.equal(fields.find((f) => f.name === 'convertedOpportunityId')?.refersTo, 'opportunities');

  const again = await t.api('POST', `/api/v1/leads/${lead.id}/convert`, {});
  assert.equal(again.status, 400);
  assert.equal(again.body.errors[0].code, 'already_converted');
  assert.equal((await t.api('PATCH', `/api/v1/leads/${lead.id}`, { status: 'working' })).status, 400, 'a converted lead stays converted');
  const imported = await t.create('leads', { name: 'Imported 导入', status: 'converted' });
  assert.equal(imported.status, 'converted', 'an import may bring leads converted elsewhere (the score learns from them)');
  const byHand = await t.create('leads', { name: 'By hand 手工' });
  const refused = await t.api('PATCH', `/api/v1/leads/${byHand.id}`, { status: 'converted' });
  assert.equal(refused.status, 400, 'only the conversion converts');
  assert.equal((await t.api('PATCH', `/api/v1/leads/${byHand.id}`, { convertedAccountId: account.id })).status, 400, 'the links are read-only');
});

test('all or nothing: a failing part leaves no account, contact or opportunity behind', async () => {
  // Marketing may create accounts? No: it only reads them, so the conversion fails at the account.
  const team = await createTeam(t, 'Marketing 市场');
  const marketer = await createRep(t, 'Mia', [team], 'marketing');
  const lead = (await as(t, marketer, 'POST', '/api/v1/leads', { name: 'Half 一半', company: '半途公司' })).body;
  const failed = await as(t, marketer, 'POST', `/api/v1/leads/${lead.id}/convert`, {});
  assert.equal(failed.status, 403);
  assert.equal(await count('accounts', "name eq '半途公司'"), 0);

  // A stale version fails at the very end, after the account, contact and opportunity were written.
  const stale = await t.create('leads', { name: 'Stale 过期', company: '过期公司' });
  await t.api('PATCH', `/api/v1/leads/${stale.id}`, { phone: '+8613800138002' });
  const refused = await t.api('POST', `/api/v1/leads/${stale.id}/convert`, {}, { 'if-match': `"${stale.version}"` });
  assert.equal(refused.status, 412);
  assert.equal(await count('accounts', "name eq '过期公司'"), 0, 'the account rolled back');
  assert.equal(await count('contacts', "name eq 'Stale 过期'"), 0, 'the contact rolled back');
  assert.equal(await count('opportunities', "name startsWith '过期公司'"), 0, 'the opportunity rolled back');
  assert.equal((await t.api('GET', `/api/v1/leads/${stale.id}`)).body.status, 'new');

  // A bad opportunity name fails at the opportunity, after the account and contact.
  const badName = await t.api('POST', `/api/v1/leads/${stale.id}/convert`, { opportunityName: 'x'.repeat(300) });
  assert.equal(badName.status, 400);
  assert.equal(await count('accounts', "name eq '过期公司'"), 0);
});

test('the duplicate check flags a lead and lists only the matches the viewer may read; a matched account is reused', async () => {
  const north = await createTeam(t, 'North 北区');
  const south = await createTeam(t, 'South 南区');
  const [nora, sam] = [await createRep(t, 'Nora', [north]), await createRep(t, 'Sam', [south])];
  const account = await t.create('accounts', { name: '北辰制造', ownerId: nora.id });
  await t.create('contacts', { name: 'Old contact 老联系人', email: 'zhao@beichen.example', ownerId: sam.id });

  const lead = (await as(t, nora, 'POST', '/api/v1/leads', { name: '赵强', company: '北辰制造', email: 'ZHAO@beichen.example', ownerId: nora.id })).body;
  assert.equal(lead.isDuplicate, true);
  const seen = await as(t, nora, 'GET', `/api/v1/leads/${lead.id}/duplicates`);
  assert.equal(seen.status, 200);
  assert.deepEqual(seen.body.data.map((m: { object: string; id: string }) => `${m.object}:${m.id}`), [`accounts:${account.id}`], "Sam's contact matches too, but Nora may not read it");
  const all = await t.api('GET', `/api/v1/leads/${lead.id}/duplicates`);
  assert.deepEqual(all.body.data.map((m: { object: string }) => m.object).toSorted(), ['accounts', 'contacts']);

  // A phone matches however it was typed: both are compared as E.164.
  const mobileOwner = await t.create('contacts', { name: 'Mobile 手机', mobile: '+86 138 0013 8077' });
  const byPhone = await t.create('leads', { name: 'By phone 电话', phone: '+8613800138077' });
  assert.equal(byPhone.isDuplicate, true);
  const phoneMatches = (await t.api('GET', `/api/v1/leads/${byPhone.id}/duplicates`)).body.data;
  assert.deepEqual(phoneMatches.map((m: { id: string; fields: string[] }) => [m.id, m.fields]), [[mobileOwner.id, ['mobile']]]);

  const unique = (await as(t, nora, 'POST', '/api/v1/leads', { name: 'Unique 独特', company: '独一无二', email: 'one@unique.example' })).body;
  assert.equal(unique.isDuplicate, false);

  const converted = await as(t, nora, 'POST', `/api/v1/leads/${lead.id}/convert`, { accountId: account.id, isCreatingOpportunity: false });
  assert.equal(converted.status, 200, JSON.stringify(converted.body));
  assert.equal(converted.body.account.id, account.id);
  assert.equal(converted.body.opportunity, null);
  assert.equal(converted.body.contact.accountId, account.id);
  assert.equal(await count('accounts', "name eq '北辰制造'"), 1, 'no second account');

  // Reusing an account the rep may not read is refused, and nothing is written.
  const other = await t.create('accounts', { name: '南方电子', ownerId: sam.id });
  const second = (await as(t, nora, 'POST', '/api/v1/leads', { name: 'Second 第二', ownerId: nora.id })).body;
  assert.equal((await as(t, nora, 'POST', `/api/v1/leads/${second.id}/convert`, { accountId: other.id })).status, 404);
  assert.equal(await count('contacts', "name eq 'Second 第二'"), 0);
});

test("a rep cannot read, list, check or convert another team's lead", async () => {
  const east = await createTeam(t, 'East 东区');
  const west = await createTeam(t, 'West 西区');
  const [erin, will] = [await createRep(t, 'Erin', [east]), await createRep(t, 'Will', [west])];
  const lead = await t.create('leads', { name: 'Private 私有', company: '私有公司', ownerId: erin.id });
  assert.equal((await as(t, will, 'GET', `/api/v1/leads/${lead.id}`)).status, 404);
  assert.equal((await as(t, will, 'GET', `/api/v1/leads?filter=${encodeURIComponent("name eq 'Private 私有'")}`)).body.data.length, 0);
  assert.equal((await as(t, will, 'GET', `/api/v1/leads/${lead.id}/duplicates`)).status, 404);
  assert.equal((await as(t, will, 'POST', `/api/v1/leads/${lead.id}/convert`, {})).status, 404);
  assert.equal(await count('accounts', "name eq '私有公司'"), 0);
  assert.equal((await as(t, erin, 'GET', `/api/v1/leads/${lead.id}`)).status, 200, 'its owner reads it');
  const anonymous = await t.app.inject({ method: 'POST', url: `/api/v1/leads/${lead.id}/convert`, payload: {} });
  assert.equal(anonymous.statusCode, 401);
});
