// Record-engine findings of the foundation review, each pinned by a test that fails without its fix:
// upsert existence leaks, unchecked polymorphic references, the phone region of filters, "ne" across a
// lookup, search candidates crowded out by hidden matches, the rich-text allow-list, logged reloads.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../testing.ts';
import { createApiKey } from '../platform/auth/api-keys.ts';
import { Registry } from './registry.ts';

let t: TestContext;
let rep: { id: string; token: string };

async function as(token: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown) {
  const r = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });
  return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null };
}

async function userWithRole(key: string, permissions: object) {
  const roleId = (await t.api('POST', '/api/v1/admin/roles', { key, name: { en: key, 'zh-CN': key }, permissions })).body.id;
  const user = await t.api('POST', '/api/v1/admin/users', { email: `${key}@example.com`, name: key, roleId });
  return { id: user.body.id as string, token: (await createApiKey(t.db, user.body.id, key)).token };
}

before(async () => {
  t = await startTestApp();
  const roles = (await t.api('GET', '/api/v1/admin/roles')).body.data as Array<{ key: string; id: string }>;
  const repRole = roles.find((r) => r.key === 'sales_rep')!.id;
  const user = await t.api('POST', '/api/v1/admin/users', { email: 'rep@example.com', name: 'Rep 销售', roleId: repRole });
  rep = { id: user.body.id, token: (await createApiKey(t.db, user.body.id, 'rep')).token };
});
after(() => t.close());

test("upsert by external id answers alike for someone else's invisible record and a new key", async () => {
  await t.api('POST', '/api/v1/metadata/objects/accounts/fields', { name: 'erpCode', type: 'text', label: { en: 'ERP code', 'zh-CN': 'ERP 编码' }, isExternalId: true });
  const hidden = await t.create('accounts', { name: 'Private 私有', erpCode: 'ERP-HIDDEN' });
  const taken = await as(rep.token, 'PUT', '/api/v1/accounts/by/erpCode/ERP-HIDDEN', { name: 'Mine' });
  assert.equal(taken.status, 409, JSON.stringify(taken.body));
  assert.ok(!JSON.stringify(taken.body).includes(hidden.id), 'the conflict names no record');
  assert.ok(!JSON.stringify(taken.body).includes('Private'), 'nor its values');
  const fresh = await as(rep.token, 'PUT', '/api/v1/accounts/by/erpCode/ERP-NEW', { name: 'Mine 新' });
  assert.equal(fresh.status, 201, JSON.stringify(fresh.body));
  const again = await as(rep.token, 'PUT', '/api/v1/accounts/by/erpCode/ERP-NEW', { name: 'Mine 更新' });
  assert.equal(again.status, 200);
  assert.equal(again.body.name, 'Mine 更新');
  assert.equal((await t.api('GET', `/api/v1/accounts/${hidden.id}`)).body.name, 'Private 私有', 'the hidden record is untouched');
});

test("an activity's related record must exist and be readable by the caller", async () => {
  const privateAccount = await t.create('accounts', { name: 'Other team 其他团队' });
  const own = await as(rep.token, 'POST', '/api/v1/accounts', { name: 'Own 自己的' });
  const note = (relatedObject: unknown, relatedId: unknown) =>
    as(rep.token, 'POST', '/api/v1/activities', { type: 'note', subject: 'n', relatedObject, relatedId });
  for (const [object, id] of [
    ['accounts', privateAccount.id],
    ['accounts', '01890000-0000-7000-8000-000000000000'],
    ['no_such_object', own.body.id],
    [undefined, own.body.id],
  ] as const) {
    const r = await note(object, id);
    assert.equal(r.status, 400, `${object} ${id}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.errors[0].field, 'relatedId');
  }
  const ok = await note('accounts', own.body.id);
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  // Re-pointing only the object is checked against the unchanged id too.
  const moved = await as(rep.token, 'PATCH', `/api/v1/activities/${ok.body.id}`, { relatedObject: 'contacts' });
  assert.equal(moved.status, 400);
});

test('phone filters read numbers with the configured default region', async () => {
  const previous = process.env.GUANXI_DEFAULT_PHONE_REGION;
  process.env.GUANXI_DEFAULT_PHONE_REGION = 'US';
  try {
    const contact = await t.create('contacts', { name: 'Region US', mobile: '(415) 555-2671' });
    assert.equal(contact.mobile.e164, '+14155552671');
    const found = await t.api('GET', `/api/v1/contacts?filter=${encodeURIComponent("mobile eq '415 555 2671'")}`);
    assert.deepEqual(found.body.data.map((c: { id: string }) => c.id), [contact.id]);
  } finally {
    if (previous === undefined) delete process.env.GUANXI_DEFAULT_PHONE_REGION;
    else process.env.GUANXI_DEFAULT_PHONE_REGION = previous;
  }
});

test("account.city ne 'x' keeps contacts without an account", async () => {
  const city = `城${Date.now()}`;
  const inCity = await t.create('accounts', { name: 'In city', city });
  const elsewhere = await t.create('accounts', { name: 'Elsewhere', city: '别处' });
  const a = await t.create('contacts', { name: 'NE in city', accountId: inCity.id });
  const b = await t.create('contacts', { name: 'NE elsewhere', accountId: elsewhere.id });
  const c = await t.create('contacts', { name: 'NE no account' });
  const r = await t.api('GET', `/api/v1/contacts?limit=500&filter=${encodeURIComponent(`account.city ne '${city}' and name startsWith 'NE '`)}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const ids = r.body.data.map((x: { id: string }) => x.id).toSorted();
  assert.deepEqual(ids, [b.id, c.id].toSorted());
  assert.ok(!ids.includes(a.id));
});

test('matches on hidden fields cannot crowd visible matches out of search', async () => {
  await t.api('POST', '/api/v1/metadata/objects/accounts/fields', { name: 'secretTag', type: 'text', label: { en: 'Secret', 'zh-CN': '机密' }, isSearchable: true });
  const viewer = await userWithRole('hidden_viewer', { objects: { accounts: ['read', 'readAll'] }, fields: { accounts: { secretTag: 'hidden' } } });
  for (let i = 0; i < 150; i++) await t.create('accounts', { name: `Hidden match ${i}`, secretTag: 'zebracode' });
  const visible = await t.create('accounts', { name: 'Zebracode Visible 斑马' });
  const r = await as(viewer.token, 'GET', '/api/v1/search?q=zebracode');
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.data.map((h: { id: string }) => h.id), [visible.id]);
  // The administrator sees every match through the field.
  assert.equal((await t.api('GET', '/api/v1/search?q=zebracode&limit=100')).body.data.length, 100);
});

test('rich text keeps formatting and links but no scripts, styles, frames or images; new-tab links get noopener', async () => {
  const body = [
    '<p onclick="x()">Hi <b>粗体</b> <a href="https://example.com" target="_blank" rel="opener">link</a>',
    '<a href="javascript:alert(1)">bad</a><script>alert(1)</script><style>p{}</style><iframe src="https://e.x"></iframe>',
    '<img src="https://example.com/a.png" onerror="x()"><img src="data:image/png;base64,AAAA"></p>',
  ].join('');
  const note = await t.create('activities', { type: 'note', subject: 'Rich', body });
  assert.equal(
    note.body,
    '<p>Hi <b>粗体</b> <a href="https://example.com" target="_blank" rel="noopener noreferrer">link</a><a>bad</a></p>',
  );
});

test('a failed reload of definitions from another process is reported, not swallowed', async () => {
  const registry = new Registry(t.registry.modules);
  await registry.load(t.db);
  let report!: (error: unknown) => void;
  const reported = new Promise<unknown>((resolve) => (report = resolve));
  const stop = await registry.watch(t.db, report);
  await t.db.exec('ALTER TABLE custom_fields RENAME TO custom_fields_away');
  try {
    await t.db.exec('NOTIFY guanxi_metadata');
    assert.match(String(await reported), /custom_fields/);
  } finally {
    await t.db.exec('ALTER TABLE custom_fields_away RENAME TO custom_fields');
    await stop();
  }
});

test('lists, histories and timelines page with one cursor format, checked against its own order', async () => {
  const account = await t.create('accounts', { name: 'Cursor 游标' });
  for (const city of ['a', 'b', 'c']) await t.api('PATCH', `/api/v1/accounts/${account.id}`, { city });
  const history = await t.api('GET', `/api/v1/accounts/${account.id}/history?limit=1`);
  const list = await t.api('GET', '/api/v1/accounts?limit=1');
  const decode = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  assert.deepEqual(Object.keys(decode(history.body.nextCursor)), ['s', 'v']);
  assert.deepEqual(Object.keys(decode(list.body.nextCursor)), ['s', 'v']);
  // A cursor only fits the order it was made for.
  assert.equal((await t.api('GET', `/api/v1/accounts/${account.id}/history?cursor=${list.body.nextCursor}`)).status, 400);
  assert.equal((await t.api('GET', `/api/v1/accounts?cursor=${history.body.nextCursor}`)).status, 400);
});

test('a required text cannot be empty or blank, and JSON bodies are taken as typed (no coercion)', async () => {
  for (const name of ['', '   ', '\t']) {
    const r = await t.api('POST', '/api/v1/accounts', { name });
    assert.equal(r.status, 400, JSON.stringify(name));
    assert.equal(r.body.errors[0].field, 'name');
  }
  // A number where the API wants text is an error, not quietly "123".
  const user = await t.api('POST', '/api/v1/admin/users', { email: 123, name: 'Typed' });
  assert.equal(user.status, 400, JSON.stringify(user.body));
  const view = await t.api('POST', '/api/v1/views', { objectName: 'accounts', name: 42, settings: { kind: 'list' } });
  assert.equal(view.status, 400);
  // Query strings are text: their numbers are still read.
  assert.equal((await t.api('GET', '/api/v1/accounts?limit=2')).status, 200);
});

test('a URL over the header limit (2,000 Chinese characters in q) answers 431 as problem+json', async () => {
  const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const response = await fetch(`${base}/api/v1/search?q=${encodeURIComponent('星'.repeat(2000))}`, { headers: { authorization: `Bearer ${t.token}` } });
    assert.equal(response.status, 431);
    assert.match(response.headers.get('content-type') ?? '', /application\/problem\+json/);
    const problem = (await response.json()) as { status: number; detail: string };
    assert.equal(problem.status, 431);
  } finally {
    await t.app.server.close();
  }
});
