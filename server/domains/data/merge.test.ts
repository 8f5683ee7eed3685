// Merging records and undoing it, over HTTP on a real database: links, activities, shares and history
// move to the survivor and come back; rights are the caller's.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../../testing.ts';
import { createApiKey } from '../../platform/auth/api-keys.ts';

let t: TestContext;
let repToken: string;
let repId: string;
let colleagueId: string;

async function asRep(method: 'GET' | 'POST', url: string, body?: unknown) {
  const response = await t.app.inject({ method, url, headers: { authorization: `Bearer ${repToken}` }, ...(body === undefined ? {} : { payload: body as object }) });
  return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : null };
}

before(async () => {
  t = await startTestApp();
  const role = await t.api('POST', '/api/v1/admin/roles', {
    key: 'merge_rep',
    name: { en: 'Merge rep', 'zh-CN': '合并销售' },
    permissions: { objects: { accounts: ['read', 'create', 'edit'], '*': ['read'] } },
  });
  const user = await t.api('POST', '/api/v1/admin/users', { email: 'merge.rep@example.com', name: 'Merge Rep', roleId: role.body.id });
  repId = user.body.id;
  repToken = (await createApiKey(t.db, repId, 'rep')).token;
  colleagueId = (await t.api('POST', '/api/v1/admin/users', { email: 'colleague@example.com', name: 'Colleague', roleId: role.body.id })).body.id;
});

after(async () => {
  await t?.close();
});

test('a merge keeps the chosen values and moves links, activities, shares and history; undo restores everything', async () => {
  const survivor = await t.create('accounts', { name: '北京星空在线文化传播有限公司', city: '北京', phone: '+86 10 6000 0001' });
  const loser = await t.create('accounts', { name: '星空在线文化传播(北京)有限公司', city: '北京市', email: 'hello@xingkong.example', externalId: 'XK-1' });
  await t.api('PATCH', `/api/v1/accounts/${loser.id}`, { website: 'https://xingkong.example' });
  const contact = await t.create('contacts', { name: '王芳', accountId: loser.id, accountIds: [loser.id, survivor.id] });
  const call = await t.create('activities', { type: 'call', subject: '首次电话', accountId: loser.id, relatedObject: 'accounts', relatedId: loser.id });
  const child = await t.create('accounts', { name: '星空在线上海分公司', parentAccountId: loser.id });
  const share = await t.api('POST', `/api/v1/accounts/${loser.id}/shares`, { principalType: 'user', principalId: colleagueId, access: 'read' });
  assert.equal(share.status, 201, JSON.stringify(share.body));

  const merged = await t.api('POST', '/api/v1/accounts/merge', {
    survivorId: survivor.id,
    loserIds: [loser.id],
    choices: { email: loser.id, externalId: loser.id, city: survivor.id, website: loser.id },
  });
  assert.equal(merged.status, 200, JSON.stringify(merged.body));
  assert.equal(merged.body.survivor.email, 'hello@xingkong.example');
  assert.equal(merged.body.survivor.externalId, 'XK-1');
  assert.equal(merged.body.survivor.city, '北京');

  assert.equal((await t.api('GET', `/api/v1/accounts/${loser.id}`)).status, 404);
  const movedContact = (await t.api('GET', `/api/v1/contacts/${contact.id}`)).body;
  assert.equal(movedContact.accountId, survivor.id);
  assert.deepEqual(movedContact.accountIds, [survivor.id]);
  const movedCall = (await t.api('GET', `/api/v1/activities/${call.id}`)).body;
  assert.equal(movedCall.accountId, survivor.id);
  assert.equal(movedCall.relatedId, survivor.id);
  assert.equal((await t.api('GET', `/api/v1/accounts/${child.id}`)).body.parentAccountId, survivor.id);
  const shares = (await t.api('GET', `/api/v1/accounts/${survivor.id}/shares`)).body.data;
  assert.deepEqual(shares.map((s: { principalId: string }) => s.principalId), [colleagueId]);
  const history = (await t.api('GET', `/api/v1/accounts/${survivor.id}/history?limit=100`)).body.data;
  assert.ok(JSON.stringify(history).includes('https://xingkong.example'), 'the loser’s history moved to the survivor');
  const timeline = (await t.api('GET', `/api/v1/accounts/${survivor.id}/timeline`)).body;
  assert.ok(JSON.stringify(timeline).includes('首次电话'));

  const audit = await t.api('GET', '/api/v1/admin/audit?limit=20');
  assert.ok(JSON.stringify(audit.body).includes('records.merge'), JSON.stringify(audit.body).slice(0, 300));

  const undone = await t.api('POST', `/api/v1/merges/${merged.body.mergeId}/undo`);
  assert.equal(undone.status, 200, JSON.stringify(undone.body));
  const back = (await t.api('GET', `/api/v1/accounts/${survivor.id}`)).body;
  assert.equal(back.email, null);
  assert.equal(back.externalId, null);
  assert.equal(back.website, null);
  const restoredLoser = (await t.api('GET', `/api/v1/accounts/${loser.id}`)).body;
  assert.equal(restoredLoser.externalId, 'XK-1');
  const contactBack = (await t.api('GET', `/api/v1/contacts/${contact.id}`)).body;
  assert.equal(contactBack.accountId, loser.id);
  assert.deepEqual([...contactBack.accountIds].toSorted(), [loser.id, survivor.id].toSorted());
  const callBack = (await t.api('GET', `/api/v1/activities/${call.id}`)).body;
  assert.equal(callBack.accountId, loser.id);
  assert.equal(callBack.relatedId, loser.id);
  assert.equal((await t.api('GET', `/api/v1/accounts/${child.id}`)).body.parentAccountId, loser.id);
  assert.deepEqual((await t.api('GET', `/api/v1/accounts/${survivor.id}/shares`)).body.data, []);
  assert.equal((await t.api('GET', `/api/v1/accounts/${loser.id}/shares`)).body.data.length, 1);
  const loserHistory = (await t.api('GET', `/api/v1/accounts/${loser.id}/history?limit=100`)).body.data;
  assert.ok(JSON.stringify(loserHistory).includes('https://xingkong.example'), 'history went back');

  const again = await t.api('POST', `/api/v1/merges/${merged.body.mergeId}/undo`);
  assert.equal(again.status, 409);
});

test('three records merge at once', async () => {
  const [a, b, c] = [await t.create('accounts', { name: 'Acme' }), await t.create('accounts', { name: 'ACME Inc' }), await t.create('accounts', { name: 'Acme Corp.', city: 'Shanghai' })];
  const merged = await t.api('POST', '/api/v1/accounts/merge', { survivorId: a.id, loserIds: [b.id, c.id], choices: { city: c.id } });
  assert.equal(merged.status, 200, JSON.stringify(merged.body));
  assert.equal(merged.body.survivor.city, 'Shanghai');
  assert.equal((await t.api('GET', `/api/v1/accounts/${b.id}`)).status, 404);
  assert.equal((await t.api('GET', `/api/v1/accounts/${c.id}`)).status, 404);
});

test('a merge needs edit on the survivor and delete on the others, and checks its input', async () => {
  const mine = await t.create('accounts', { name: 'Rep account', ownerId: repId });
  const mineToo = await t.create('accounts', { name: 'Rep account copy', ownerId: repId });
  const notMine = await t.create('accounts', { name: 'Someone else’s' });
  const withoutDelete = await asRep('POST', '/api/v1/accounts/merge', { survivorId: mine.id, loserIds: [mineToo.id] });
  assert.equal(withoutDelete.status, 403);
  const unseen = await asRep('POST', '/api/v1/accounts/merge', { survivorId: mine.id, loserIds: [notMine.id] });
  assert.equal(unseen.status, 404);
  assert.equal((await t.api('GET', `/api/v1/accounts/${mineToo.id}`)).status, 200, 'nothing happened');

  assert.equal((await t.api('POST', '/api/v1/accounts/merge', { survivorId: mine.id, loserIds: [mine.id] })).status, 400);
  assert.equal((await t.api('POST', '/api/v1/accounts/merge', { survivorId: mine.id, loserIds: [mineToo.id], choices: { nope: mine.id } })).status, 400);
  assert.equal((await t.api('POST', '/api/v1/accounts/merge', { survivorId: mine.id, loserIds: [mineToo.id], choices: { city: notMine.id } })).status, 400);
  assert.equal((await t.api('POST', '/api/v1/accounts/merge', { survivorId: mine.id, loserIds: [] })).status, 400);
  assert.equal((await t.api('POST', '/api/v1/merges/not-a-uuid/undo')).status, 400);
  assert.equal((await t.api('POST', '/api/v1/recordMerges', {})).status, 405, 'merge records are written by merges only');
});

test('a rep allowed to delete merges their own accounts; a colleague’s contact follows; only the rep and admins see the merge', async () => {
  const role = await t.api('POST', '/api/v1/admin/roles', {
    key: 'merge_deleter',
    name: { en: 'Merge deleter', 'zh-CN': '可删除销售' },
    permissions: { objects: { accounts: ['read', 'create', 'edit', 'delete', 'restore'], '*': ['read'] } },
  });
  const user = await t.api('POST', '/api/v1/admin/users', { email: 'deleter@example.com', name: 'Deleter', roleId: role.body.id });
  const token = (await createApiKey(t.db, user.body.id, 'deleter')).token;
  const as = async (method: 'GET' | 'POST', url: string, body?: unknown) => {
    const response = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });
    return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : null };
  };
  const keep = await t.create('accounts', { name: '云帆网络', ownerId: user.body.id });
  const drop = await t.create('accounts', { name: '云帆网络科技有限公司', ownerId: user.body.id, city: '杭州' });
  const colleaguesContact = await t.create('contacts', { name: '同事的联系人', accountId: drop.id });
  assert.equal((await as('GET', `/api/v1/contacts/${colleaguesContact.id}`)).status, 404, 'the rep cannot see it');

  const merged = await as('POST', '/api/v1/accounts/merge', { survivorId: keep.id, loserIds: [drop.id], choices: { city: drop.id } });
  assert.equal(merged.status, 200, JSON.stringify(merged.body));
  assert.ok(!JSON.stringify(merged.body).includes(colleaguesContact.id));
  assert.equal((await t.api('GET', `/api/v1/contacts/${colleaguesContact.id}`)).body.accountId, keep.id);
  assert.equal((await as('GET', `/api/v1/recordMerges/${merged.body.mergeId}`)).status, 200);
  assert.equal((await asRep('GET', `/api/v1/recordMerges/${merged.body.mergeId}`)).status, 404, 'another rep does not see it');
  assert.equal((await asRep('POST', `/api/v1/merges/${merged.body.mergeId}/undo`)).status, 404);

  const undone = await as('POST', `/api/v1/merges/${merged.body.mergeId}/undo`);
  assert.equal(undone.status, 200, JSON.stringify(undone.body));
  assert.equal(undone.body.survivor.city, null);
  assert.equal((await t.api('GET', `/api/v1/contacts/${colleaguesContact.id}`)).body.accountId, drop.id);
});
