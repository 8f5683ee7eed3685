// The leak sweep: hidden fields and invisible records must not surface on any read path — get, list,
// field selection, sort, filter (also through lookups), counts, search and its ranking, history,
// timelines, bulk results, write responses, OpenAPI and metadata.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../testing.ts';
import { createApiKey } from '../platform/auth/api-keys.ts';

const SECRET_REVENUE = '9876543.21';
const SECRET_EMAIL = 'hiddensecret@leak.example';
const SECRET_BODY = 'secretbodytext';
const INVISIBLE_NAME = 'Invisiblecorp 隐形公司';

let t: TestContext;
let token: string;
let visibleAccount: string;
let invisibleAccount: string;
const seenBodies: string[] = [];

async function asUser(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) {
  const response = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });
  seenBodies.push(response.body);
  return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : null };
}

before(async () => {
  t = await startTestApp();
  const role = await t.api('POST', '/api/v1/admin/roles', {
    key: 'leak_probe',
    name: { en: 'Leak probe', 'zh-CN': '泄漏探针' },
    permissions: {
      objects: { accounts: ['read', 'create', 'edit'], contacts: ['read', 'create', 'edit'], activities: ['read'], '*': ['read'] },
      fields: { accounts: { annualRevenue: 'hidden', email: 'hidden', phone: 'readOnly' }, activities: { body: 'hidden' } },
    },
  });
  assert.equal(role.status, 201, JSON.stringify(role.body));
  const user = await t.api('POST', '/api/v1/admin/users', { email: 'probe@example.com', name: 'Probe', roleId: role.body.id });
  token = (await createApiKey(t.db, user.body.id, 'probe')).token;

  const mine = await t.api('POST', '/api/v1/accounts', {
    name: 'Visible 可见公司',
    annualRevenue: SECRET_REVENUE,
    email: SECRET_EMAIL,
    phone: '+86 138 0000 1111',
    ownerId: user.body.id,
  });
  visibleAccount = mine.body.id;
  await t.api('PATCH', `/api/v1/accounts/${visibleAccount}`, { annualRevenue: '1234567.89', email: `x${SECRET_EMAIL}` });
  invisibleAccount = (await t.api('POST', '/api/v1/accounts', { name: INVISIBLE_NAME, annualRevenue: SECRET_REVENUE })).body.id;
  await t.api('POST', '/api/v1/contacts', { name: 'Probe contact', accountId: invisibleAccount, ownerId: user.body.id });
  await t.api('POST', '/api/v1/activities', { type: 'note', subject: 'Mine', body: `<p>${SECRET_BODY}</p>`, accountId: visibleAccount, ownerId: user.body.id });
  await t.api('POST', '/api/v1/activities', { type: 'note', subject: INVISIBLE_NAME, accountId: visibleAccount });
});

after(async () => {
  await t?.close();
});

test('hidden fields are absent from get, list and write responses', async () => {
  const record = await asUser('GET', `/api/v1/accounts/${visibleAccount}`);
  assert.equal(record.status, 200);
  assert.ok(!('annualRevenue' in record.body) && !('email' in record.body));
  assert.ok('phone' in record.body, 'read-only fields stay readable');
  const list = await asUser('GET', '/api/v1/accounts?limit=500');
  for (const r of list.body.data) assert.ok(!('annualRevenue' in r) && !('email' in r));
  const patched = await asUser('PATCH', `/api/v1/accounts/${visibleAccount}`, { city: '杭州' });
  assert.equal(patched.status, 200);
  assert.ok(!('annualRevenue' in patched.body));
});

test('hidden fields cannot be selected, sorted or filtered on, also through a lookup', async () => {
  for (const query of ['fields=annualRevenue', 'sort=-annualRevenue', 'filter=annualRevenue%20gt%200', `filter=${encodeURIComponent(`email eq '${SECRET_EMAIL}'`)}`]) {
    const r = await asUser('GET', `/api/v1/accounts?${query}`);
    assert.equal(r.status, 400, query);
    assert.equal(r.body.errors[0].code, 'unknown_field');
  }
  const viaLookup = await asUser('GET', `/api/v1/contacts?filter=${encodeURIComponent('account.annualRevenue gt 0')}`);
  assert.equal(viaLookup.status, 400);
});

test('writing a hidden or read-only field is refused with 403 naming it, and nothing changes', async () => {
  for (const field of ['annualRevenue', 'phone']) {
    const r = await asUser('PATCH', `/api/v1/accounts/${visibleAccount}`, { [field]: field === 'phone' ? '+86 139 0000 0000' : '1' });
    assert.equal(r.status, 403);
    assert.equal(r.body.errors[0].field, field);
  }
  const history = await t.api('GET', `/api/v1/accounts/${visibleAccount}/history`);
  assert.ok(!JSON.stringify(history.body).includes('+8613900000000'));
});

test('search neither finds nor ranks by hidden values, and never shows invisible records', async () => {
  for (const q of ['hiddensecret', 'leak', 'Invisiblecorp', '隐形']) {
    const r = await asUser('GET', `/api/v1/search?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.data, [], q);
  }
  assert.equal((await asUser('GET', `/api/v1/search?q=${encodeURIComponent('可见')}`)).body.data.length, 1);
});

test('history and timeline leave out hidden fields and invisible activities', async () => {
  const history = await asUser('GET', `/api/v1/accounts/${visibleAccount}/history`);
  assert.equal(history.status, 200);
  for (const entry of history.body.data) for (const change of entry.changes) assert.ok(!['annualRevenue', 'email'].includes(change.field));
  const timeline = await asUser('GET', `/api/v1/accounts/${visibleAccount}/timeline`);
  const activities = timeline.body.data.filter((e: { kind: string }) => e.kind === 'activity');
  assert.equal(activities.length, 1);
  assert.ok(!('body' in activities[0].activity));
});

test('invisible records are 404 everywhere and absent from lists, counts, lookups and bulk', async () => {
  for (const path of ['', '/history', '/timeline', '/shares']) {
    assert.equal((await asUser('GET', `/api/v1/accounts/${invisibleAccount}${path}`)).status, 404, path);
  }
  assert.equal((await asUser('PATCH', `/api/v1/accounts/${invisibleAccount}`, { name: 'x' })).status, 404);
  const counted = await asUser('GET', '/api/v1/accounts?count=true');
  assert.equal(counted.body.total, 1);
  const throughLookup = await asUser('GET', `/api/v1/contacts?filter=${encodeURIComponent(`account.name eq '${INVISIBLE_NAME}'`)}`);
  assert.deepEqual(throughLookup.body.data, []);
  const linking = await asUser('POST', '/api/v1/contacts', { name: 'Linker', accountId: invisibleAccount });
  assert.equal(linking.status, 400);
  assert.equal(linking.body.errors[0].field, 'accountId');
  const bulk = await asUser('POST', '/api/v1/accounts/bulk', { action: 'update', filter: "name contains 'Invisible'", values: { city: 'x' } });
  assert.equal(bulk.body.count, 0);
});

test('the OpenAPI document and metadata shown to the caller omit hidden fields', async () => {
  const doc = await asUser('GET', '/api/v1/openapi.json');
  for (const schema of ['Accounts', 'AccountsCreate', 'AccountsUpdate']) {
    const properties = Object.keys(doc.body.components.schemas[schema].properties);
    assert.ok(!properties.includes('annualRevenue') && !properties.includes('email'), schema);
  }
  const meta = await asUser('GET', '/api/v1/metadata/objects/accounts');
  assert.ok(!meta.body.fields.some((f: { name: string }) => f.name === 'annualRevenue' || f.name === 'email'));
});

test('no response to the caller contained a hidden value or an invisible record', () => {
  const everything = seenBodies.join('\n');
  for (const secret of ['9876543', 'hiddensecret', SECRET_BODY, 'Invisiblecorp', '隐形公司']) {
    assert.ok(!everything.includes(secret), `leaked ${secret}`);
  }
});
