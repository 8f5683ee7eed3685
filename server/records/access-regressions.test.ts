// Access-control holes found in review, each pinned by a test: narrower API-key roles, roles without
// read permission, hidden titles, idempotent replays, sharing, bulk, primaries, and the last admin.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../testing.ts';
import { createApiKey } from '../platform/auth/api-keys.ts';

let t: TestContext;
let roleIds: Record<string, string>;
let sales: string;

async function as(token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) {
  const r = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...headers }, ...(body === undefined ? {} : { payload: body as object }) });
  return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null };
}

async function userWith(role: string, permissions?: object) {
  const roleId = permissions
    ? (await t.api('POST', '/api/v1/admin/roles', { key: role, name: { en: role, 'zh-CN': role }, permissions })).body.id
    : roleIds[role];
  const user = await t.api('POST', '/api/v1/admin/users', { email: `${role}@example.com`, name: role, roleId, teamIds: [sales] });
  return { id: user.body.id as string, roleId, token: (await createApiKey(t.db, user.body.id, role)).token };
}

before(async () => {
  t = await startTestApp();
  roleIds = Object.fromEntries((await t.api('GET', '/api/v1/admin/roles')).body.data.map((r: { key: string; id: string }) => [r.key, r.id]));
  sales = (await t.api('POST', '/api/v1/admin/teams', { name: 'Sales' })).body.id;
});

after(async () => {
  await t?.close();
});

test("an API key's narrower role never brings its own sharing rules", async () => {
  const rep = await userWith('sales_rep');
  const shanghai = (await t.api('POST', '/api/v1/accounts', { name: 'Key rule 上海', city: '上海' })).body.id;
  await t.api('POST', '/api/v1/admin/sharing-rules', { objectName: 'accounts', name: 'managers', filter: "city eq '上海'", principalType: 'role', principalId: roleIds.sales_manager, access: 'edit' });
  // Keys are minted from a web session only; the rep's own key with the managers' role is made directly.
  const key = await createApiKey(t.db, rep.id, 'widen', roleIds.sales_manager);
  assert.equal((await as(key.token, 'GET', `/api/v1/accounts/${shanghai}`)).status, 404);
});

test('a key limited to a role stops working rather than widen when the role goes', async () => {
  const custom = await t.api('POST', '/api/v1/admin/roles', { key: 'narrow', name: { en: 'n', 'zh-CN': 'n' }, permissions: { objects: { '*': ['read'] } } });
  const { token } = await createApiKey(t.db, t.adminId, 'narrow', custom.body.id);
  assert.equal((await as(token, 'POST', '/api/v1/accounts', { name: 'x' })).status, 403);
  assert.equal((await t.api('DELETE', `/api/v1/admin/roles/${custom.body.id}`)).status, 409, 'a key still uses it');
  await t.db.exec(`DELETE FROM roles WHERE id = '${custom.body.id}'`);
  assert.equal((await as(token, 'POST', '/api/v1/accounts', { name: 'x' })).status, 401);
});

test('an object the role may not read stays out of lookups, search, timelines and references', async () => {
  const user = await userWith('no_accounts', { objects: { contacts: ['read', 'create', 'edit'], '*': [] } });
  await t.api('PUT', '/api/v1/admin/objects/accounts/access', { default: 'publicRead' });
  await t.api('PUT', '/api/v1/admin/objects/activities/access', { default: 'publicRead' });
  try {
    const account = (await t.api('POST', '/api/v1/accounts', { name: 'Unreadable 不可读', annualRevenue: '5000000' })).body.id;
    await t.api('POST', '/api/v1/contacts', { name: 'Visible contact', accountId: account, ownerId: user.id });
    const contact = (await t.api('POST', '/api/v1/contacts', { name: 'Own contact', ownerId: user.id })).body.id;
    await t.api('POST', '/api/v1/activities', { type: 'note', subject: 'Unreadable note', contactId: contact, accountId: account });
    assert.equal((await as(user.token, 'GET', '/api/v1/accounts')).status, 403);
    const oracle = await as(user.token, 'GET', `/api/v1/contacts?filter=${encodeURIComponent('account.annualRevenue gt 1000000')}`);
    assert.deepEqual(oracle.body.data, []);
    assert.deepEqual((await as(user.token, 'GET', '/api/v1/search?q=Unreadable')).body.data, []);
    assert.equal((await as(user.token, 'POST', '/api/v1/contacts', { name: 'Linker', accountId: account })).status, 400);
    const timeline = await as(user.token, 'GET', `/api/v1/contacts/${contact}/timeline`);
    assert.ok(!timeline.body.data.some((e: { kind: string }) => e.kind === 'activity'), 'activities are not readable');
  } finally {
    await t.api('PUT', '/api/v1/admin/objects/accounts/access', { default: 'private' });
    await t.api('PUT', '/api/v1/admin/objects/activities/access', { default: 'private' });
  }
});

test('search shows no hidden title, and copes when every searchable field is hidden', async () => {
  const user = await userWith('hidden_titles', {
    objects: { '*': ['read'] },
    fields: { accounts: { name: 'hidden' }, contacts: { name: 'hidden', title: 'hidden', email: 'hidden', phone: 'hidden', mobile: 'hidden', wechat: 'hidden' } },
  });
  await t.api('POST', '/api/v1/accounts', { name: 'Secret title 秘密', city: '杭州', ownerId: user.id });
  await t.api('POST', '/api/v1/contacts', { name: 'Hiddenperson', ownerId: user.id });
  const hits = await as(user.token, 'GET', `/api/v1/search?q=${encodeURIComponent('杭州')}`);
  assert.equal(hits.status, 200);
  assert.equal(hits.body.data.length, 1);
  assert.equal(hits.body.data[0].title, null);
  assert.deepEqual((await as(user.token, 'GET', '/api/v1/search?q=Hiddenperson')).body.data, []);
});

test('an idempotent replay belongs to the credential that made it', async () => {
  const { token } = await createApiKey(t.db, t.adminId, 'read only', roleIds.read_only);
  const first = await t.api('POST', '/api/v1/accounts', { name: 'Replay' }, { 'idempotency-key': 'same-key' });
  assert.equal(first.status, 201);
  assert.equal((await as(token, 'POST', '/api/v1/accounts', { name: 'Replay' }, { 'idempotency-key': 'same-key' })).status, 403);
});

test('sharing needs the edit permission on the object, and a primary lookup respects a read-only list', async () => {
  const marketer = await userWith('marketing');
  const account = (await t.api('POST', '/api/v1/accounts', { name: 'Marketing owned', ownerId: marketer.id })).body.id;
  const share = await as(marketer.token, 'POST', `/api/v1/accounts/${account}/shares`, { principalType: 'user', principalId: t.adminId, access: 'edit' });
  assert.equal(share.status, 403);
  const restricted = await userWith('list_read_only', { objects: { '*': ['read', 'create', 'edit'] }, fields: { contacts: { accountIds: 'readOnly' } } });
  const mine = (await t.api('POST', '/api/v1/accounts', { name: 'Mine', ownerId: restricted.id })).body.id;
  const contact = (await as(restricted.token, 'POST', '/api/v1/contacts', { name: 'Primary' })).body.id;
  const patched = await as(restricted.token, 'PATCH', `/api/v1/contacts/${contact}`, { accountId: mine });
  assert.equal(patched.status, 403);
  assert.equal(patched.body.errors[0].field, 'accountIds');
});

test('bulk is refused before any filter runs when the role may not act', async () => {
  const reader = await userWith('bulk_reader', { objects: { '*': ['read'] } });
  const r = await as(reader.token, 'POST', '/api/v1/accounts/bulk', { action: 'delete', filter: "name eq 'nothing'" });
  assert.equal(r.status, 403);
});

test('long custom names and indexed long text are refused instead of failing later', async () => {
  const longObject = await t.api('POST', '/api/v1/metadata/objects', {
    name: 'customerSatisfactionSurveyResponseRecordsX',
    label: { en: 'x', 'zh-CN': 'x' },
    labelPlural: { en: 'x', 'zh-CN': 'x' },
  });
  assert.equal(longObject.status, 400);
  const indexed = await t.api('POST', '/api/v1/metadata/objects/accounts/fields', { name: 'essay', type: 'longText', isIndexed: true, label: { en: 'e', 'zh-CN': 'e' } });
  assert.equal(indexed.status, 400);
  const wide = await t.api('POST', '/api/v1/metadata/objects/accounts/fields', { name: 'code', type: 'text', isUnique: true, maxLength: 5000, label: { en: 'c', 'zh-CN': 'c' } });
  assert.equal(wide.status, 400);
});

test('the last active administrator cannot be disabled or demoted', async () => {
  assert.equal((await t.api('PATCH', `/api/v1/admin/users/${t.adminId}`, { roleId: roleIds.sales_rep })).status, 409);
  const second = await t.api('POST', '/api/v1/admin/users', { email: 'admin2@example.com', name: 'Admin 2', roleId: roleIds.administrator });
  assert.equal((await t.api('PATCH', `/api/v1/admin/users/${second.body.id}`, { isActive: false })).status, 200);
});

test('a create-only role can create (web-form style) and gets its record back, but cannot read others', async () => {
  const intake = await userWith('lead_intake', { objects: { leads: ['create'] } });
  const created = await as(intake.token, 'POST', '/api/v1/leads', { name: 'Web form 线索' });
  assert.equal(created.status, 201);
  assert.equal(created.body.name, 'Web form 线索');
  assert.equal((await as(intake.token, 'GET', `/api/v1/leads/${created.body.id}`)).status, 403);
});
