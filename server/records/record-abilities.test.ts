// What a caller may do with one record (`GET /{object}/{id}/lock`): the rights come from the same access
// condition the writes use, so a screen offers Edit, Delete and owner changes exactly when they succeed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../testing.ts';
import { createApiKey } from '../platform/auth/api-keys.ts';

let t: TestContext;
let repRoleId: string;

type Call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown) => ReturnType<TestContext['api']>;

async function newRep(name: string): Promise<{ id: string; call: Call }> {
  const user = await t.api('POST', '/api/v1/admin/users', { email: `${name}@example.com`, name, roleId: repRoleId });
  const { token } = await createApiKey(t.db, user.body.id, name);
  return { id: user.body.id, call: (method, url, body) => t.api(method, url, body, { authorization: `Bearer ${token}` }) };
}

const rights = (body: { canEdit: boolean; canDelete: boolean; canChangeOwner: boolean }) => ({
  canEdit: body.canEdit,
  canDelete: body.canDelete,
  canChangeOwner: body.canChangeOwner,
});

before(async () => {
  t = await startTestApp();
  repRoleId = (await t.api('GET', '/api/v1/admin/roles')).body.data.find((r: { key: string }) => r.key === 'sales_rep').id;
});
after(() => t.close());

test('a read share gives no edit rights, an edit share does; the owner and an administrator have them', async () => {
  const owner = await newRep('abilities-owner');
  const reader = await newRep('abilities-reader');
  const account = (await owner.call('POST', '/api/v1/accounts', { name: 'Abilities 能力公司' })).body;
  const url = `/api/v1/accounts/${account.id}`;

  const own = await owner.call('GET', `${url}/lock`);
  assert.equal(own.status, 200);
  assert.deepEqual(rights(own.body), { canEdit: true, canDelete: true, canChangeOwner: false }, 'a rep may not reassign records');
  assert.equal(own.body.isLocked, false);
  assert.deepEqual(rights((await t.api('GET', `${url}/lock`)).body), { canEdit: true, canDelete: true, canChangeOwner: true });
  assert.equal((await reader.call('GET', `${url}/lock`)).status, 404, 'no word about a record one cannot see');

  await owner.call('POST', `${url}/shares`, { principalType: 'user', principalId: reader.id, access: 'read' });
  const shared = await reader.call('GET', `${url}/lock`);
  assert.deepEqual(rights(shared.body), { canEdit: false, canDelete: false, canChangeOwner: false });
  assert.equal((await reader.call('PATCH', url, { description: 'no' })).status, 403, 'and the write agrees');

  await owner.call('POST', `${url}/shares`, { principalType: 'user', principalId: reader.id, access: 'edit' });
  assert.deepEqual(rights((await reader.call('GET', `${url}/lock`)).body), { canEdit: true, canDelete: true, canChangeOwner: false });
  assert.equal((await reader.call('PATCH', url, { description: 'yes' })).status, 200);
});

test('a record readable through a publicRead default is not editable; a read-only object offers nothing', async () => {
  const owner = await newRep('abilities-public-owner');
  const other = await newRep('abilities-public-other');
  assert.equal((await t.api('PUT', '/api/v1/admin/objects/accounts/access', { default: 'publicRead' })).status, 200);
  try {
    const account = (await owner.call('POST', '/api/v1/accounts', { name: 'Public 公开公司' })).body;
    const answer = await other.call('GET', `/api/v1/accounts/${account.id}/lock`);
    assert.equal(answer.status, 200);
    assert.deepEqual(rights(answer.body), { canEdit: false, canDelete: false, canChangeOwner: false });
  } finally {
    await t.api('PUT', '/api/v1/admin/objects/accounts/access', { default: 'private' });
  }
  const users = await owner.call('GET', `/api/v1/users/${owner.id}/lock`);
  assert.deepEqual(rights(users.body), { canEdit: false, canDelete: false, canChangeOwner: false }, 'a read-only object offers nothing');
});
