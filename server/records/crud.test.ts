// Records over HTTP: create, read, update, delete and restore, field types on the way in and out,
// optimistic concurrency (ETag / If-Match), idempotent POSTs and read-only objects.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type ApiReply, type TestContext } from '../testing.ts';

let t: TestContext;
let n = 0;
/** A name no other test uses, so each test finds exactly its own records. */
const unique = (prefix: string) => `${prefix} ${++n} ${process.pid}`;
const q = encodeURIComponent;

before(async () => {
  t = await startTestApp();
  // A custom object carries the field types no standard object has (json, multiSelect, url, boolean).
  const created = await t.api('POST', '/api/v1/metadata/objects', {
    name: 'gadgets',
    label: { en: 'Gadget', 'zh-CN': '小工具' },
    labelPlural: { en: 'Gadgets', 'zh-CN': '小工具' },
    fields: [
      { name: 'specs', type: 'json', label: { en: 'Specs', 'zh-CN': '规格' } },
      {
        name: 'colors',
        type: 'multiSelect',
        label: { en: 'Colours', 'zh-CN': '颜色' },
        options: ['red', 'green', 'blue'].map((value) => ({ value, label: { en: value, 'zh-CN': value } })),
      },
      { name: 'site', type: 'url', label: { en: 'Site', 'zh-CN': '网址' } },
      { name: 'isLive', type: 'boolean', label: { en: 'Live', 'zh-CN': '上线' } },
      { name: 'weight', type: 'number', label: { en: 'Weight', 'zh-CN': '重量' } },
    ],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
});
after(() => t.close());

const create = (object: string, body: Record<string, unknown>) => t.create(object, body);

function assertProblem(r: ApiReply, status: number): void {
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.match(String(r.headers['content-type']), /^application\/problem\+json/);
  assert.equal(r.body.status, status);
  for (const key of ['type', 'title', 'detail']) assert.equal(typeof r.body[key], 'string', key);
}

/** Each named field has an error (a value failing every branch of a union may add a summary error). */
function assertFieldsNamed(r: ApiReply, fields: string[]): void {
  const named = new Set(r.body.errors.map((e: any) => e.field));
  for (const field of fields) assert.ok(named.has(field), `${field} in ${JSON.stringify(r.body.errors)}`);
}

test('create returns 201 with Location and ETag; GET returns the same record', async () => {
  const r = await t.api('POST', '/api/v1/accounts', { name: unique('Acme'), city: '上海' });
  assert.equal(r.status, 201);
  assert.equal(r.headers.location, `/api/v1/accounts/${r.body.id}`);
  assert.equal(r.headers.etag, '"1"');
  assert.match(r.body.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/); // UUIDv7
  assert.equal(r.body.version, 1);
  assert.equal(r.body.ownerId, t.adminId);
  assert.equal(r.body.createdBy, t.adminId);
  assert.equal(r.body.deletedAt, null);
  assert.match(r.body.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

  const got = await t.api('GET', `/api/v1/accounts/${r.body.id}`);
  assert.equal(got.status, 200);
  assert.equal(got.headers.etag, '"1"');
  assert.deepEqual(got.body, r.body);
});

test('text, email, phone, currency, address, tags and select fields of an account', async () => {
  const account = await create('accounts', {
    name: unique('北京星空在线文化传播有限公司'),
    email: 'Sales@XingKong.CN',
    phone: '010 6552 9988',
    website: 'https://xingkong.example.cn/about',
    annualRevenue: '12345678.9',
    address: { street: '建国路 88 号', city: '北京', province: '北京', postalCode: '100022', country: 'CN' },
    tags: ['重点', 'vip'],
    type: 'customer',
    employees: 120,
    description: '第一行\n第二行',
  });
  assert.equal(account.email, 'sales@xingkong.cn');
  assert.deepEqual(account.phone, { e164: '+861065529988', original: '010 6552 9988' });
  assert.deepEqual(account.annualRevenue, { amount: '12345678.90', currency: 'CNY' });
  assert.deepEqual(account.address, { street: '建国路 88 号', city: '北京', province: '北京', postalCode: '100022', country: 'CN' });
  assert.deepEqual(account.tags, ['重点', 'vip']);
  assert.equal(account.type, 'customer');
  assert.equal(account.employees, 120);
  assert.equal(account.description, '第一行\n第二行');
  assert.equal(account.industry, null);
  const got = await t.api('GET', `/api/v1/accounts/${account.id}`);
  assert.deepEqual(got.body, account);
});

test('phone numbers in other formats keep the original and store E.164', async () => {
  for (const [input, e164] of [
    ['+1 (415) 555-2671', '+14155552671'],
    ['13800138000', '+8613800138000'],
    ['+86 138-0013-8000', '+8613800138000'],
  ]) {
    const lead = await create('leads', { name: unique('Phone'), phone: input });
    assert.deepEqual(lead.phone, { e164, original: input });
  }
  const bad = await t.api('POST', '/api/v1/leads', { name: unique('Phone'), phone: 'call me maybe' });
  assertProblem(bad, 400);
  assert.deepEqual(bad.body.errors.map((e: any) => [e.field, e.code]), [['phone', 'invalid_phone']]);
});

test('currency keeps decimals exactly and a currency code; percent, date and select defaults', async () => {
  const opp = await create('opportunities', {
    name: unique('Deal'),
    amount: { amount: '1234567.8912', currency: 'USD' },
    probability: 12.5,
    closeDate: '2026-03-31',
  });
  assert.deepEqual(opp.amount, { amount: '1234567.8912', currency: 'USD' });
  assert.equal(opp.probability, 12.5);
  assert.equal(opp.closeDate, '2026-03-31');
  assert.equal(opp.stage, 'interest'); // the default

  // 0.1 + 0.2 as a decimal string stays exact; a JSON number is taken to four places.
  const exact = await create('opportunities', { name: unique('Deal'), amount: '0.30', stage: 'won' });
  assert.deepEqual(exact.amount, { amount: '0.30', currency: 'CNY' });
  const fromNumber = await create('opportunities', { name: unique('Deal'), amount: 99.5 });
  assert.deepEqual(fromNumber.amount, { amount: '99.50', currency: 'CNY' });
  const negative = await create('opportunities', { name: unique('Deal'), amount: '-0.0001' });
  assert.deepEqual(negative.amount, { amount: '-0.0001', currency: 'CNY' });

  const bad = await t.api('POST', '/api/v1/opportunities', { name: unique('Deal'), amount: { amount: '1', currency: 'usd' }, probability: 'high' });
  assertProblem(bad, 400);
  assertFieldsNamed(bad, ['amount.currency', 'probability']);
});

test('datetimes are stored in UTC; rich text is sanitised', async () => {
  const activity = await create('activities', {
    type: 'meeting',
    subject: unique('Kick-off'),
    startAt: '2026-05-01T08:00:00+08:00',
    endAt: '2026-05-01T01:30:00.250Z',
    dueDate: '2026-05-02',
    body: '<p>Agenda <b>见面</b><script>alert(1)</script><img src=x onerror="alert(2)"></p>',
  });
  assert.equal(activity.startAt, '2026-05-01T00:00:00.000Z');
  assert.equal(activity.endAt, '2026-05-01T01:30:00.250Z');
  assert.equal(activity.dueDate, '2026-05-02');
  assert.equal(activity.status, 'open');
  assert.equal(activity.body, '<p>Agenda <b>见面</b></p>');
});

test('boolean, json, multiSelect, url and number fields of a custom object', async () => {
  const specs = { size: [1, 2.5], 名称: '测试', nested: { ok: true, none: null } };
  const gadget = await create('gadgets', { name: unique('Widget'), specs, colors: ['red', 'blue'], site: 'http://w.example/x?y=1', isLive: false, weight: 0.125 });
  assert.deepEqual(gadget.specs, specs);
  assert.deepEqual(gadget.colors, ['red', 'blue']);
  assert.equal(gadget.site, 'http://w.example/x?y=1');
  assert.equal(gadget.isLive, false);
  assert.equal(gadget.weight, 0.125);
  const product = await create('products', { name: unique('Product') });
  assert.equal(product.isActive, true); // boolean default

  const bad = await t.api('POST', '/api/v1/gadgets', { name: unique('Widget'), colors: ['purple'], site: 'ftp://x', isLive: 'yes' });
  assertProblem(bad, 400);
  assertFieldsNamed(bad, ['colors.0', 'isLive', 'site']);
});

const sorted = (...ids: string[]) => ids.toSorted();

test('contacts: the primary account is always one of accountIds', async () => {
  const [a, b, c] = await Promise.all(['A', 'B', 'C'].map((x) => create('accounts', { name: unique(`Account ${x}`) })));

  const only = await create('contacts', { name: unique('张伟'), accountId: a!.id });
  assert.deepEqual(only.accountIds, [a!.id]);

  const both = await create('contacts', { name: unique('李娜'), accountId: a!.id, accountIds: [b!.id] });
  assert.deepEqual(both.accountIds, sorted(a!.id, b!.id));

  const moved = await t.api('PATCH', `/api/v1/contacts/${both.id}`, { accountId: c!.id });
  assert.equal(moved.status, 200);
  assert.equal(moved.body.accountId, c!.id);
  assert.deepEqual(moved.body.accountIds, sorted(a!.id, b!.id, c!.id));

  // Replacing the list keeps the primary in it.
  const replaced = await t.api('PATCH', `/api/v1/contacts/${both.id}`, { accountIds: [b!.id] });
  assert.equal(replaced.status, 200);
  assert.deepEqual(replaced.body.accountIds, sorted(b!.id, c!.id));
  const emptied = await t.api('PATCH', `/api/v1/contacts/${both.id}`, { accountIds: [] });
  assert.deepEqual(emptied.body.accountIds, [c!.id]);
  // Clearing the primary leaves the list alone.
  const cleared = await t.api('PATCH', `/api/v1/contacts/${both.id}`, { accountId: null });
  assert.equal(cleared.body.accountId, null);
  assert.deepEqual(cleared.body.accountIds, [c!.id]);
  assert.deepEqual((await t.api('GET', `/api/v1/contacts/${both.id}`)).body, cleared.body);
});

test('lookups must point at live records', async () => {
  const gone = await create('accounts', { name: unique('Gone') });
  assert.equal((await t.api('DELETE', `/api/v1/accounts/${gone.id}`)).status, 204);
  const missing = '01900000-0000-7000-8000-000000000000';
  for (const [body, field] of [
    [{ accountId: missing }, 'accountId'],
    [{ accountId: gone.id }, 'accountId'],
    [{ accountIds: [missing] }, 'accountIds'],
    [{ ownerId: missing }, 'ownerId'],
  ] as const) {
    const r = await t.api('POST', '/api/v1/contacts', { name: unique('Nobody'), ...body });
    assertProblem(r, 400);
    assert.ok(r.body.errors.some((e: any) => e.field === field && e.code === 'not_found'), JSON.stringify(r.body.errors));
  }
  const r = await t.api('POST', '/api/v1/contacts', { name: unique('Nobody'), accountId: 'not-a-uuid' });
  assert.deepEqual(r.body.errors.map((e: any) => [e.field, e.code]), [['accountId', 'format']]);
});

test('PATCH changes only the given fields, bumps the version and the ETag; null clears', async () => {
  const account = await create('accounts', { name: unique('Patch me'), city: '杭州', employees: 5 });
  const r = await t.api('PATCH', `/api/v1/accounts/${account.id}`, { city: '苏州', employees: null });
  assert.equal(r.status, 200);
  assert.equal(r.headers.etag, '"2"');
  assert.equal(r.body.version, 2);
  assert.equal(r.body.city, '苏州');
  assert.equal(r.body.employees, null);
  assert.equal(r.body.name, account.name);
  assert.equal(r.body.createdAt, account.createdAt);
  assert.ok(r.body.updatedAt > account.updatedAt);

  const required = await t.api('PATCH', `/api/v1/accounts/${account.id}`, { name: null });
  assertProblem(required, 400);
  assert.equal(required.body.errors[0].field, 'name');
  assert.equal((await t.api('GET', `/api/v1/accounts/${account.id}`)).body.version, 2);
});

test('If-Match: a stale version gives 412 and writes nothing; the current one succeeds', async () => {
  const account = await create('accounts', { name: unique('Versioned'), city: 'A' });
  assert.equal((await t.api('PATCH', `/api/v1/accounts/${account.id}`, { city: 'B' }, { 'if-match': '"1"' })).status, 200);

  const stale = await t.api('PATCH', `/api/v1/accounts/${account.id}`, { city: 'C' }, { 'if-match': '"1"' });
  assertProblem(stale, 412);
  const staleDelete = await t.api('DELETE', `/api/v1/accounts/${account.id}`, undefined, { 'if-match': '"1"' });
  assertProblem(staleDelete, 412);
  const now = await t.api('GET', `/api/v1/accounts/${account.id}`);
  assert.equal(now.body.city, 'B');
  assert.equal(now.headers.etag, '"2"');
  const history = await t.api('GET', `/api/v1/accounts/${account.id}/history`);
  assert.deepEqual(history.body.data.map((h: any) => h.action), ['update', 'create']);

  const weak = await t.api('PATCH', `/api/v1/accounts/${account.id}`, { city: 'D' }, { 'if-match': 'W/"2"' });
  assert.equal(weak.status, 200);
  const star = await t.api('PATCH', `/api/v1/accounts/${account.id}`, { city: 'E' }, { 'if-match': '*' });
  assert.equal(star.status, 200);
  assert.equal((await t.api('DELETE', `/api/v1/accounts/${account.id}`, undefined, { 'if-match': '"4"' })).status, 204);
});

test('two concurrent PATCHes with the same If-Match: exactly one wins', async () => {
  for (let round = 0; round < 5; round++) {
    const account = await create('accounts', { name: unique('Race') });
    const replies = await Promise.all(
      ['left', 'right'].map((city) => t.api('PATCH', `/api/v1/accounts/${account.id}`, { city }, { 'if-match': '"1"' })),
    );
    assert.deepEqual(replies.map((r) => r.status).toSorted(), [200, 412], `round ${round}`);
    const winner = replies.find((r) => r.status === 200)!;
    const now = await t.api('GET', `/api/v1/accounts/${account.id}`);
    assert.equal(now.body.version, 2);
    assert.equal(now.body.city, winner.body.city);
  }
});

test('soft delete: 404 afterwards, listed in the recycle bin, restorable, and in the history', async () => {
  const name = unique('Recycle');
  const account = await create('accounts', { name, city: '广州' });
  assert.equal((await t.api('DELETE', `/api/v1/accounts/${account.id}`)).status, 204);

  assertProblem(await t.api('GET', `/api/v1/accounts/${account.id}`), 404);
  assertProblem(await t.api('PATCH', `/api/v1/accounts/${account.id}`, { city: 'x' }), 404);
  assertProblem(await t.api('DELETE', `/api/v1/accounts/${account.id}`), 404);
  const live = await t.api('GET', `/api/v1/accounts?filter=${q(`name eq '${name}'`)}`);
  assert.deepEqual(live.body.data, []);
  const bin = await t.api('GET', `/api/v1/accounts?deleted=true&filter=${q(`name eq '${name}'`)}`);
  assert.equal(bin.body.data.length, 1);
  assert.equal(bin.body.data[0].id, account.id);
  assert.match(bin.body.data[0].deletedAt, /^\d{4}-\d\d-\d\dT.*Z$/);

  const restored = await t.api('POST', `/api/v1/accounts/${account.id}/restore`);
  assert.equal(restored.status, 200);
  assert.equal(restored.body.deletedAt, null);
  assert.equal(restored.body.city, '广州');
  assert.equal(restored.body.version, 3);
  assert.equal(restored.headers.etag, '"3"');
  assert.equal((await t.api('GET', `/api/v1/accounts/${account.id}`)).status, 200);
  assertProblem(await t.api('POST', `/api/v1/accounts/${account.id}/restore`), 404); // not deleted any more

  const history = await t.api('GET', `/api/v1/accounts/${account.id}/history`);
  assert.deepEqual(history.body.data.map((h: any) => h.action), ['restore', 'delete', 'create']);
  const [restore, del] = history.body.data;
  assert.equal(del.changes[0].field, 'deletedAt');
  assert.equal(del.changes[0].from, null);
  assert.match(del.changes[0].to, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.deepEqual(restore.changes, [{ field: 'deletedAt', from: del.changes[0].to, to: null }]);
});

test('unique values: a taken external id is a 409; deleting the holder frees it', async () => {
  const externalId = unique('EXT');
  const first = await create('accounts', { name: unique('Unique'), externalId });
  const taken = await t.api('POST', '/api/v1/accounts', { name: unique('Unique'), externalId });
  assertProblem(taken, 409);
  assert.equal((await t.api('DELETE', `/api/v1/accounts/${first.id}`)).status, 204);
  await create('accounts', { name: unique('Unique'), externalId });
  // The first one cannot come back while its value is taken again.
  assertProblem(await t.api('POST', `/api/v1/accounts/${first.id}/restore`), 409);
});

test('Idempotency-Key: a retry replays the first response and creates nothing new', async () => {
  const name = unique('Idempotent');
  const key = `key-${name}`.replace(/\s/g, '-');
  const first = await t.api('POST', '/api/v1/accounts', { name }, { 'idempotency-key': key });
  const retry = await t.api('POST', '/api/v1/accounts', { name }, { 'idempotency-key': key });
  assert.equal(first.status, 201);
  assert.equal(retry.status, 201);
  assert.equal(retry.headers['idempotent-replayed'], 'true');
  assert.deepEqual(retry.body, first.body);
  const list = await t.api('GET', `/api/v1/accounts?count=true&filter=${q(`name eq '${name}'`)}`);
  assert.equal(list.body.total, 1);

  const otherBody = await t.api('POST', '/api/v1/accounts', { name: `${name}!` }, { 'idempotency-key': key });
  assertProblem(otherBody, 422);
  assert.equal(otherBody.body.errors[0].field, 'Idempotency-Key');
  const otherPath = await t.api('POST', '/api/v1/leads', { name }, { 'idempotency-key': key });
  assertProblem(otherPath, 422);

  // Without a key, the same body creates a second record.
  await create('accounts', { name });
  assert.equal((await t.api('GET', `/api/v1/accounts?count=true&filter=${q(`name eq '${name}'`)}`)).body.total, 2);
});

test('Idempotency-Key: concurrent retries still create one record', async () => {
  const name = unique('Idempotent race');
  const key = `race-${n}-${process.pid}`;
  const replies = await Promise.all([1, 2, 3].map(() => t.api('POST', '/api/v1/accounts', { name }, { 'idempotency-key': key })));
  for (const r of replies) assert.ok(r.status === 201 || r.status === 409, `${r.status} ${JSON.stringify(r.body)}`);
  const ids = new Set(replies.filter((r) => r.status === 201).map((r) => r.body.id));
  assert.equal(ids.size, 1);
  assert.equal((await t.api('GET', `/api/v1/accounts?count=true&filter=${q(`name eq '${name}'`)}`)).body.total, 1);
});

test('Idempotency-Key: an error response is replayed too', async () => {
  const key = `invalid-${n}-${process.pid}`;
  const first = await t.api('POST', '/api/v1/accounts', { name: 5 }, { 'idempotency-key': key });
  assertProblem(first, 400);
  const retry = await t.api('POST', '/api/v1/accounts', { name: 5 }, { 'idempotency-key': key });
  assertProblem(retry, 400);
  assert.deepEqual(retry.body, first.body);
});

test('users are read-only through the records API', async () => {
  const list = await t.api('GET', '/api/v1/users');
  assert.equal(list.status, 200);
  assert.ok(list.body.data.some((u: any) => u.id === t.adminId));
  assert.equal((await t.api('GET', `/api/v1/users/${t.adminId}`)).body.email, 'admin@example.com');
  assertProblem(await t.api('POST', '/api/v1/users', { name: 'Mallory', email: 'm@example.com' }), 405);
  assertProblem(await t.api('PATCH', `/api/v1/users/${t.adminId}`, { name: 'Mallory' }), 405);
  assertProblem(await t.api('DELETE', `/api/v1/users/${t.adminId}`), 405);
  assertProblem(await t.api('POST', `/api/v1/users/${t.adminId}/restore`), 405);
  assertProblem(await t.api('POST', '/api/v1/users/bulk', { action: 'create', records: [{ name: 'x' }] }), 405);
  assert.equal((await t.api('GET', `/api/v1/users/${t.adminId}`)).body.name, 'Admin 管理员');
});

test('unknown objects and ids are 404 problems', async () => {
  assertProblem(await t.api('GET', '/api/v1/widgets'), 404);
  assertProblem(await t.api('GET', '/api/v1/accounts/01900000-0000-7000-8000-000000000000'), 404);
  assertProblem(await t.api('GET', '/api/v1/accounts/not-a-uuid'), 404);
  assertProblem(await t.api('PATCH', '/api/v1/accounts/not-a-uuid', { name: 'x' }), 404);
});

test('a PATCH that changes nothing keeps the version and writes no history', async () => {
  const created = await t.api('POST', '/api/v1/accounts', { name: 'Unchanged 不变', city: '上海' });
  for (const body of [{}, { city: '上海' }, { name: 'Unchanged 不变', city: '上海' }]) {
    const r = await t.api('PATCH', `/api/v1/accounts/${created.body.id}`, body, { 'if-match': '"1"' });
    assert.equal(r.status, 200);
    assert.equal(r.body.version, 1);
  }
  const history = await t.api('GET', `/api/v1/accounts/${created.body.id}/history`);
  assert.equal(history.body.data.length, 1);
});
