// The administration API over HTTP: people and structure, roles, sharing rules, org-wide defaults,
// and that each change is audited and takes effect on the next request.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../testing.ts';
import { createApiKey } from '../platform/auth/api-keys.ts';
import { setPassword } from '../platform/auth/passwords.ts';

let t: TestContext;
let roleIds: Record<string, string>;
let sales: string;
let rep: { id: string; token: string };
let otherRep: { id: string; token: string };

async function as(token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, body?: unknown) {
  const r = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });
  return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null };
}

async function newUser(email: string, role: string, teamId?: string) {
  const r = await t.api('POST', '/api/v1/admin/users', { email, name: email, roleId: roleIds[role], ...(teamId ? { teamIds: [teamId] } : {}) });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return { id: r.body.id as string, token: (await createApiKey(t.db, r.body.id, 'test')).token };
}

before(async () => {
  t = await startTestApp();
  roleIds = Object.fromEntries((await t.api('GET', '/api/v1/admin/roles')).body.data.map((r: { key: string; id: string }) => [r.key, r.id]));
  sales = (await t.api('POST', '/api/v1/admin/teams', { name: 'Sales 销售部' })).body.id;
  rep = await newUser('rep@example.com', 'sales_rep', sales);
  otherRep = await newUser('other@example.com', 'sales_rep');
});

after(async () => {
  await t?.close();
});

test('only administrators reach the administration API', async () => {
  assert.equal((await as(rep.token, 'GET', '/api/v1/admin/users')).status, 403);
  assert.equal((await as(rep.token, 'POST', '/api/v1/admin/teams', { name: 'x' })).status, 403);
});

test('teams form a tree without cycles', async () => {
  const east = (await t.api('POST', '/api/v1/admin/teams', { name: 'East 华东', parentId: sales })).body.id;
  const moved = await t.api('PATCH', `/api/v1/admin/teams/${sales}`, { parentId: east });
  assert.equal(moved.status, 400);
  assert.equal(moved.body.errors[0].code, 'cycle');
  assert.equal((await t.api('DELETE', `/api/v1/admin/teams/${sales}`)).status, 409, 'a team with sub-teams stays');
  assert.equal((await t.api('DELETE', `/api/v1/admin/teams/${east}`)).status, 204);
});

test('users: validation, duplicates and manager cycles are refused', async () => {
  const bad = await t.api('POST', '/api/v1/admin/users', { email: 'not-an-email', name: 'x', roleId: roleIds.sales_rep });
  assert.equal(bad.status, 400);
  const unknownRole = await t.api('POST', '/api/v1/admin/users', { email: 'u@example.com', name: 'u', roleId: '01900000-0000-7000-8000-000000000000' });
  assert.equal(unknownRole.status, 400);
  assert.equal(unknownRole.body.errors[0].field, 'roleId');
  const dup = await t.api('POST', '/api/v1/admin/users', { email: 'REP@example.com', name: 'dup', roleId: roleIds.sales_rep });
  assert.equal(dup.status, 409);
  await t.api('PATCH', `/api/v1/admin/users/${otherRep.id}`, { managerId: rep.id });
  const cycle = await t.api('PATCH', `/api/v1/admin/users/${rep.id}`, { managerId: otherRep.id });
  assert.equal(cycle.status, 400);
  assert.equal(cycle.body.errors[0].code, 'cycle');
  await t.api('PATCH', `/api/v1/admin/users/${otherRep.id}`, { managerId: null });
});

test('a manager sees a subordinate’s records from the next request on', async () => {
  const account = (await as(otherRep.token, 'POST', '/api/v1/accounts', { name: 'Subordinate 下属客户' })).body.id;
  assert.equal((await as(rep.token, 'GET', `/api/v1/accounts/${account}`)).status, 404);
  await t.api('PATCH', `/api/v1/admin/users/${otherRep.id}`, { managerId: rep.id });
  assert.equal((await as(rep.token, 'GET', `/api/v1/accounts/${account}`)).status, 200);
  await t.api('PATCH', `/api/v1/admin/users/${otherRep.id}`, { managerId: null });
  assert.equal((await as(rep.token, 'GET', `/api/v1/accounts/${account}`)).status, 404);
});

test('sharing rules share matching records with a team, to read or to edit', async () => {
  const shanghai = (await t.api('POST', '/api/v1/accounts', { name: 'Rule 上海客户', city: '上海' })).body.id;
  const beijing = (await t.api('POST', '/api/v1/accounts', { name: 'Rule 北京客户', city: '北京' })).body.id;
  const invalid = await t.api('POST', '/api/v1/admin/sharing-rules', { objectName: 'accounts', name: 'bad', filter: 'nope eq 1', principalType: 'team', principalId: sales, access: 'read' });
  assert.equal(invalid.status, 400);
  const rule = await t.api('POST', '/api/v1/admin/sharing-rules', { objectName: 'accounts', name: '上海', filter: "city eq '上海'", principalType: 'team', principalId: sales, access: 'read' });
  assert.equal(rule.status, 201);
  assert.equal((await as(rep.token, 'GET', `/api/v1/accounts/${shanghai}`)).status, 200);
  assert.equal((await as(rep.token, 'GET', `/api/v1/accounts/${beijing}`)).status, 404);
  assert.equal((await as(rep.token, 'PATCH', `/api/v1/accounts/${shanghai}`, { name: 'x' })).status, 403);
  assert.equal((await as(otherRep.token, 'GET', `/api/v1/accounts/${shanghai}`)).status, 404, 'not in the team');
  const editRule = await t.api('POST', '/api/v1/admin/sharing-rules', { objectName: 'accounts', name: '上海 edit', filter: "city eq '上海'", principalType: 'role', principalId: roleIds.sales_rep, access: 'edit' });
  assert.equal((await as(otherRep.token, 'PATCH', `/api/v1/accounts/${shanghai}`, { name: 'Rule 上海客户 2' })).status, 200);
  await t.api('DELETE', `/api/v1/admin/sharing-rules/${rule.body.id}`);
  await t.api('DELETE', `/api/v1/admin/sharing-rules/${editRule.body.id}`);
  assert.equal((await as(rep.token, 'GET', `/api/v1/accounts/${shanghai}`)).status, 404);
});

test('org-wide defaults open an object to read or to read-write', async () => {
  const account = (await t.api('POST', '/api/v1/accounts', { name: 'OWD 公开客户' })).body.id;
  assert.equal((await as(rep.token, 'GET', `/api/v1/accounts/${account}`)).status, 404);
  await t.api('PUT', '/api/v1/admin/objects/accounts/access', { default: 'publicRead' });
  assert.equal((await as(rep.token, 'GET', `/api/v1/accounts/${account}`)).status, 200);
  assert.equal((await as(rep.token, 'PATCH', `/api/v1/accounts/${account}`, { name: 'y' })).status, 403);
  await t.api('PUT', '/api/v1/admin/objects/accounts/access', { default: 'publicReadWrite' });
  assert.equal((await as(rep.token, 'PATCH', `/api/v1/accounts/${account}`, { name: 'OWD 2' })).status, 200);
  await t.api('PUT', '/api/v1/admin/objects/accounts/access', { default: 'private' });
  assert.equal((await as(rep.token, 'GET', `/api/v1/accounts/${account}`)).status, 404);
  assert.equal((await t.api('PUT', '/api/v1/admin/objects/users/access', { default: 'private' })).status, 400);
});

test('roles: edits apply at once; the administrator role and default roles are protected', async () => {
  const custom = await t.api('POST', '/api/v1/admin/roles', { key: 'viewer', name: { en: 'Viewer', 'zh-CN': '查看者' }, permissions: { objects: { '*': ['read'] } } });
  assert.equal(custom.status, 201);
  const user = await newUser('viewer@example.com', 'sales_rep');
  await t.api('PATCH', `/api/v1/admin/users/${user.id}`, { roleId: custom.body.id });
  assert.equal((await as(user.token, 'POST', '/api/v1/accounts', { name: 'nope' })).status, 403);
  await t.api('PATCH', `/api/v1/admin/roles/${custom.body.id}`, { permissions: { objects: { '*': ['read', 'create'] } } });
  assert.equal((await as(user.token, 'POST', '/api/v1/accounts', { name: 'Viewer 客户' })).status, 201);
  assert.equal((await t.api('DELETE', `/api/v1/admin/roles/${custom.body.id}`)).status, 409, 'still held by a user');
  assert.equal((await t.api('PATCH', `/api/v1/admin/roles/${roleIds.administrator}`, { permissions: { objects: {} } })).status, 403);
  assert.equal((await t.api('DELETE', `/api/v1/admin/roles/${roleIds.sales_rep}`)).status, 403);
  const badPermissions = await t.api('POST', '/api/v1/admin/roles', { key: 'bad', name: { en: 'B', 'zh-CN': 'B' }, permissions: { objects: { accounts: ['fly'] } } });
  assert.equal(badPermissions.status, 400);
});

test('an API key with a narrower role can do only what both roles allow', async () => {
  const { token } = await createApiKey(t.db, t.adminId, 'read-only key', roleIds.read_only);
  assert.equal((await as(token, 'GET', '/api/v1/accounts')).status, 200);
  assert.equal((await as(token, 'POST', '/api/v1/accounts', { name: 'x' })).status, 403);
  assert.equal((await as(token, 'GET', '/api/v1/admin/users')).status, 403);
});

test('disabling a user ends their sessions and keys at once', async () => {
  const user = await newUser('leaver@example.com', 'sales_rep');
  await setPassword(t.db, user.id, 'correct horse battery staple');
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'leaver@example.com', password: 'correct horse battery staple' } });
  assert.equal(login.statusCode, 200, login.body);
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode, 200);
  await t.api('PATCH', `/api/v1/admin/users/${user.id}`, { isActive: false });
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode, 401);
  assert.equal((await as(user.token, 'GET', '/api/v1/accounts')).status, 401);
});

test('changes and refusals are in the audit log', async () => {
  await as(rep.token, 'DELETE', `/api/v1/products/01900000-0000-7000-8000-000000000000`);
  const events = (await t.api('GET', '/api/v1/admin/audit?limit=500')).body.data as Array<{ action: string; actorId: string }>;
  const actions = new Set(events.map((e) => e.action));
  for (const action of ['user.create', 'user.update', 'user.disable', 'team.create', 'role.create', 'role.update', 'sharing_rule.create', 'sharing_rule.delete', 'object.access_default']) {
    assert.ok(actions.has(action), action);
  }
  assert.ok(events.some((e) => e.action === 'auth.permission_denied' && e.actorId === rep.id));
});

test('refusals are worded in the caller’s language, with the counts that explain them', async () => {
  const zh = { 'accept-language': 'zh-CN' };
  const parent = (await t.api('POST', '/api/v1/admin/teams', { name: '华东大区' })).body.id;
  await t.api('POST', '/api/v1/admin/teams', { name: '上海组', parentId: parent });
  const team = await t.api('DELETE', `/api/v1/admin/teams/${parent}`, undefined, zh);
  assert.equal(team.status, 409);
  assert.equal(team.body.detail, '请先移走或删除其下级团队。');
  assert.equal((await t.api('DELETE', `/api/v1/admin/teams/${parent}`)).body.detail, 'Move or delete the sub-teams first.');

  const role = await t.api('POST', '/api/v1/admin/roles', { key: 'held_role', name: { en: 'Held', 'zh-CN': '在用' }, permissions: { objects: {} } });
  await t.api('POST', '/api/v1/admin/users', { email: 'held@example.com', name: '持有者', roleId: role.body.id });
  const held = await t.api('DELETE', `/api/v1/admin/roles/${role.body.id}`, undefined, zh);
  assert.equal(held.status, 409);
  assert.equal(held.body.detail, '仍有 1 名用户使用此角色，请先为他们换一个角色。');
  const admin = await t.api('PATCH', `/api/v1/admin/roles/${roleIds.administrator}`, { permissions: { objects: {} } }, zh);
  assert.equal(admin.status, 403);
  assert.equal(admin.body.detail, '系统管理员角色始终拥有全部权限，不能修改。');
});
