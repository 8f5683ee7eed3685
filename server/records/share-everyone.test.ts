// A share with everyone: every user reads (or edits) the record, users created after the share too;
// removing the share takes it away again. Lists, reads, counts and search all honour it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../testing.ts';
import { createApiKey } from '../platform/auth/api-keys.ts';
import { EVERYONE_PRINCIPAL_ID } from './index.ts';

let t: TestContext;
let repRoleId: string;

async function newRep(name: string) {
  const user = await t.api('POST', '/api/v1/admin/users', { email: `${name}@example.com`, name, roleId: repRoleId });
  const { token } = await createApiKey(t.db, user.body.id, name);
  return (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => t.api(method, url, body, { authorization: `Bearer ${token}` });
}

before(async () => {
  t = await startTestApp();
  repRoleId = (await t.api('GET', '/api/v1/admin/roles')).body.data.find((r: { key: string }) => r.key === 'sales_rep').id;
});
after(() => t.close());

test('a share with everyone reaches every user, present and future, on every read path, until removed', async () => {
  const early = await newRep('everyone-early');
  const account = await t.create('accounts', { name: 'Everyone Share 共享公司' });
  const url = `/api/v1/accounts/${account.id}`;
  assert.equal((await early('GET', url)).status, 404, 'private to its owner at first');

  const shared = await t.api('POST', `${url}/shares`, { principalType: 'everyone', principalId: EVERYONE_PRINCIPAL_ID, access: 'read' });
  assert.equal(shared.status, 201);
  const late = await newRep('everyone-late');
  for (const reader of [early, late]) {
    assert.equal((await reader('GET', url)).status, 200);
    const listed = await reader('GET', `/api/v1/accounts?filter=${encodeURIComponent(`id eq '${account.id}'`)}`);
    assert.equal(listed.body.data.length, 1);
    const found = await reader('GET', `/api/v1/search?q=${encodeURIComponent('Everyone Share')}`);
    assert.ok(found.body.data.some((hit: { id: string }) => hit.id === account.id));
    assert.equal((await reader('PATCH', url, { name: 'Mine' })).status, 403, 'read, not edit');
  }
  const shares = await t.api('GET', `${url}/shares`);
  assert.deepEqual(shares.body.data.map((s: { principalType: string }) => s.principalType), ['everyone']);

  const otherId = await t.api('POST', `${url}/shares`, { principalType: 'everyone', principalId: account.id, access: 'read' });
  assert.equal(otherId.status, 400, 'everyone has one principal id');

  assert.equal((await t.api('POST', `${url}/shares`, { principalType: 'everyone', principalId: EVERYONE_PRINCIPAL_ID, access: 'edit' })).status, 201);
  assert.equal((await late('PATCH', url, { description: 'edited by anyone' })).status, 200);

  assert.equal((await t.api('DELETE', `${url}/shares/everyone/${EVERYONE_PRINCIPAL_ID}`)).status, 204);
  assert.equal((await early('GET', url)).status, 404);
  assert.equal((await late('GET', `/api/v1/accounts?filter=${encodeURIComponent(`id eq '${account.id}'`)}`)).body.data.length, 0);
});

test('search follows a sharing rule made and removed between two searches (its statement is reused per access)', async () => {
  const rep = await newRep('rule-searcher');
  const account = await t.create('accounts', { name: 'Quasarwick Ltd', city: '厦门' });
  const found = async () => (await rep('GET', `/api/v1/search?q=${encodeURIComponent('quasarwick')}`)).body.data.map((hit: { id: string }) => hit.id);
  assert.deepEqual(await found(), []);
  const rule = await t.api('POST', '/api/v1/admin/sharing-rules', { objectName: 'accounts', name: '厦门', filter: "city eq '厦门'", principalType: 'role', principalId: repRoleId, access: 'read' });
  assert.equal(rule.status, 201, JSON.stringify(rule.body));
  assert.deepEqual(await found(), [account.id]);
  assert.equal((await t.api('DELETE', `/api/v1/admin/sharing-rules/${rule.body.id}`)).status, 204);
  assert.deepEqual(await found(), []);
});

test('lists and reads by id follow a sharing rule made and removed between two reads (statements reused per access)', async () => {
  const rep = await newRep('rule-reader');
  const account = await t.create('accounts', { name: 'Rulewick 规则公司', city: '泉州' });
  const byFilter = `/api/v1/accounts?filter=${encodeURIComponent("city eq '泉州'")}`;
  const firstPage = '/api/v1/accounts?limit=5';
  const listed = async (url: string) => (await rep('GET', url)).body.data.map((r: { id: string }) => r.id);
  // Each shape is read once before the rule exists, so its statement is built for the rep's old access.
  assert.deepEqual(await listed(byFilter), []);
  assert.ok(!(await listed(firstPage)).includes(account.id));
  assert.equal((await rep('GET', `/api/v1/accounts/${account.id}`)).status, 404);

  const rule = await t.api('POST', '/api/v1/admin/sharing-rules', { objectName: 'accounts', name: '泉州', filter: "city eq '泉州'", principalType: 'role', principalId: repRoleId, access: 'read' });
  assert.equal(rule.status, 201, JSON.stringify(rule.body));
  assert.deepEqual(await listed(byFilter), [account.id]);
  assert.ok((await listed(firstPage)).includes(account.id), 'the newest record the rep may now see');
  assert.equal((await rep('GET', `/api/v1/accounts/${account.id}`)).status, 200);

  assert.equal((await t.api('DELETE', `/api/v1/admin/sharing-rules/${rule.body.id}`)).status, 204);
  assert.deepEqual(await listed(byFilter), []);
  assert.equal((await rep('GET', `/api/v1/accounts/${account.id}`)).status, 404);
});

test('the same list asked by two callers runs with each one\'s access, and a cursor page with its own values', async () => {
  const [first, second] = [await newRep('shape-one'), await newRep('shape-two')];
  const mine = async (reader: typeof first, name: string) => {
    for (let i = 0; i < 3; i++) assert.equal((await reader('POST', '/api/v1/accounts', { name: `${name} ${i}`, city: '漳州' })).status, 201);
  };
  await mine(first, 'Shape One');
  await mine(second, 'Shape Two');
  const url = `/api/v1/accounts?limit=2&sort=name&filter=${encodeURIComponent("city eq '漳州'")}`;
  for (const [reader, name] of [[first, 'Shape One'], [second, 'Shape Two']] as const) {
    const page1 = (await reader('GET', url)).body;
    const page2 = (await reader('GET', `${url}&cursor=${page1.nextCursor}`)).body;
    assert.deepEqual([...page1.data, ...page2.data].map((r: { name: string }) => r.name), [0, 1, 2].map((i) => `${name} ${i}`));
    assert.equal(page2.nextCursor, null);
  }
});
