// Bulk writes (all or nothing) and the idempotent upsert by external id, over HTTP.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type ApiReply, type TestContext } from '../testing.ts';

let t: TestContext;
let run = 0;
const q = encodeURIComponent;

before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const newTag = () => `bulk-${++run}-${process.pid}`;
const bulk = (object: string, body: unknown) => t.api('POST', `/api/v1/${object}/bulk`, body);

/** The tagged live accounts, by name. */
async function tagged(tag: string, deleted = false): Promise<Record<string, any>[]> {
  const r = await t.api('GET', `/api/v1/accounts?limit=500&sort=name${deleted ? '&deleted=true' : ''}&filter=${q(`tags eq '${tag}'`)}`);
  assert.equal(r.status, 200);
  return r.body.data;
}

function assertBadRequest(r: ApiReply, field: string, code?: string): void {
  assert.equal(r.status, 400, JSON.stringify(r.body));
  assert.match(String(r.headers['content-type']), /^application\/problem\+json/);
  const error = r.body.errors.find((e: any) => e.field === field);
  assert.ok(error, `${field} not in ${JSON.stringify(r.body.errors)}`);
  if (code) assert.equal(error.code, code);
}

test('bulk create writes every record with its history and search tokens', async () => {
  const tag = newTag();
  const r = await bulk('accounts', { action: 'create', records: [
    { name: `星辰科技 ${tag}`, tags: [tag] },
    { name: `Aurora Ltd ${tag}`, tags: [tag], employees: 3 },
    { name: `Borealis ${tag}`, tags: [tag], email: 'Ops@Borealis.example' },
  ] });
  assert.equal(r.status, 200);
  assert.equal(r.body.action, 'create');
  assert.equal(r.body.count, 3);
  assert.equal(r.body.data[2].email, 'ops@borealis.example');
  assert.deepEqual((await tagged(tag)).map((a) => a.id).toSorted(), r.body.data.map((a: any) => a.id).toSorted());
  const history = await t.api('GET', `/api/v1/accounts/${r.body.data[0].id}/history`);
  assert.deepEqual(history.body.data.map((h: any) => h.action), ['create']);
  const found = await t.api('GET', `/api/v1/search?q=${q('星辰')}`);
  assert.ok(found.body.data.some((h: any) => h.id === r.body.data[0].id));
});

test('bulk create is all or nothing: one bad record writes none and names records.N.field', async () => {
  const tag = newTag();
  const ok = (i: number) => ({ name: `ok ${i}`, tags: [tag] });
  assertBadRequest(await bulk('accounts', { action: 'create', records: [ok(0), ok(1), { name: 5, tags: [tag] }] }), 'records.2.name', 'type');
  assertBadRequest(await bulk('accounts', { action: 'create', records: [ok(0), { salary: 1, name: 'x', tags: [tag] }] }), 'records.1.salary', 'unknown_field');
  assertBadRequest(await bulk('accounts', { action: 'create', records: [{ ...ok(0), id: '01900000-0000-7000-8000-000000000000' }] }), 'records.0.id', 'read_only');
  assertBadRequest(await bulk('accounts', { action: 'create', records: [ok(0), { ...ok(1), phone: 'nope' }] }), 'records.1.phone', 'invalid_phone');
  assertBadRequest(
    await bulk('accounts', { action: 'create', records: [ok(0), { ...ok(1), parentAccountId: '01900000-0000-7000-8000-000000000000' }] }),
    'records.1.parentAccountId',
    'not_found',
  );
  assertBadRequest(await bulk('accounts', { action: 'create', records: [ok(0), 'not an object'] }), 'records.1');
  const twice = await bulk('accounts', { action: 'create', records: [{ ...ok(0), externalId: tag }, { ...ok(1), externalId: tag }] });
  assert.equal(twice.status, 409);
  assert.deepEqual(await tagged(tag), []);
});

test('bulk update by records changes each one; any bad item changes nothing', async () => {
  const tag = newTag();
  const created = (await bulk('accounts', { action: 'create', records: [1, 2, 3].map((i) => ({ name: `u${i}`, tags: [tag], employees: i })) })).body.data;
  const r = await bulk('accounts', { action: 'update', records: created.map((a: any) => ({ id: a.id, employees: a.employees * 10 })) });
  assert.equal(r.status, 200);
  assert.equal(r.body.count, 3);
  assert.deepEqual(r.body.data.map((a: any) => [a.employees, a.version]), [[10, 2], [20, 2], [30, 2]]);

  const unknown = '01900000-0000-7000-8000-000000000000';
  assertBadRequest(await bulk('accounts', { action: 'update', records: [{ id: created[0].id, city: 'x' }, { id: created[1].id, employees: 'many' }] }), 'records.1.employees');
  assertBadRequest(await bulk('accounts', { action: 'update', records: [{ id: created[0].id, city: 'x' }, { id: unknown, city: 'x' }] }), 'records.1.id', 'not_found');
  assertBadRequest(await bulk('accounts', { action: 'update', records: [{ id: created[0].id, city: 'x' }, { city: 'x' }] }), 'records.1.id', 'format');
  assertBadRequest(await bulk('accounts', { action: 'update', records: [{ id: created[0].id, version: 1 }] }), 'records.0.version', 'read_only');
  const now = await tagged(tag);
  assert.deepEqual(now.map((a) => [a.city, a.version]), [[null, 2], [null, 2], [null, 2]]);
});

test('bulk update by filter touches the matching records only, and needs a filter', async () => {
  const tag = newTag();
  await bulk('accounts', { action: 'create', records: [
    { name: 'a', city: '上海', tags: [tag] },
    { name: 'b', city: '上海', tags: [tag] },
    { name: 'c', city: '北京', tags: [tag] },
  ] });
  const r = await bulk('accounts', { action: 'update', filter: `tags eq '${tag}' and city eq '上海'`, values: { rating: 'A' } });
  assert.equal(r.status, 200);
  assert.equal(r.body.count, 2);
  assert.equal(r.body.ids.length, 2);
  assert.deepEqual((await tagged(tag)).map((a) => [a.name, a.rating, a.version]), [['a', 'A', 2], ['b', 'A', 2], ['c', null, 1]]);

  for (const filter of ['', '   ']) assertBadRequest(await bulk('accounts', { action: 'update', filter, values: { rating: 'B' } }), 'filter', 'required');
  assertBadRequest(await bulk('accounts', { action: 'update', filter: `tags eq '${tag}'`, values: { rating: 'Z' } }), 'values.rating');
  assertBadRequest(await bulk('accounts', { action: 'update', filter: `tags eq '${tag}' and`, values: { rating: 'B' } }), 'filter');
  assertBadRequest(await bulk('accounts', { action: 'update', filter: `tags eq '${tag}'`, values: { name: null } }), 'values.name');
  assert.deepEqual((await tagged(tag)).map((a) => a.rating), ['A', 'A', null]);
  const none = await bulk('accounts', { action: 'update', filter: `tags eq '${tag}' and name eq 'nobody'`, values: { rating: 'B' } });
  assert.deepEqual(none.body, { action: 'update', count: 0, ids: [] });
});

test('bulk delete by ids and by filter; unknown ids and empty filters delete nothing', async () => {
  const tag = newTag();
  const created = (await bulk('accounts', { action: 'create', records: ['a', 'b', 'c', 'd'].map((name) => ({ name, tags: [tag] })) })).body.data;
  const [a, b, c, d] = created.map((r: any) => r.id as string);

  assertBadRequest(await bulk('accounts', { action: 'delete', ids: [a, '01900000-0000-7000-8000-000000000000'] }), 'ids.1', 'not_found');
  for (const filter of ['', ' \n ']) assertBadRequest(await bulk('accounts', { action: 'delete', filter }), 'filter', 'required');
  assert.equal((await tagged(tag)).length, 4);

  const byIds = await bulk('accounts', { action: 'delete', ids: [a, b] });
  assert.deepEqual(byIds.body, { action: 'delete', count: 2, ids: [a, b] });
  assertBadRequest(await bulk('accounts', { action: 'delete', ids: [a] }), 'ids.0', 'not_found'); // already in the bin
  const byFilter = await bulk('accounts', { action: 'delete', filter: `tags eq '${tag}' and name eq 'c'` });
  assert.deepEqual(byFilter.body, { action: 'delete', count: 1, ids: [c] });

  assert.deepEqual((await tagged(tag)).map((r) => r.id), [d]);
  assert.deepEqual((await tagged(tag, true)).map((r) => r.id), [a, b, c]);
  const history = await t.api('GET', `/api/v1/accounts/${a}/history`);
  assert.deepEqual(history.body.data.map((h: any) => h.action), ['delete', 'create']);
});

test('bulk bodies: at most 500 records, one action shape at a time', async () => {
  const tag = newTag();
  const many = Array.from({ length: 501 }, (_, i) => ({ name: `m${i}`, tags: [tag] }));
  assertBadRequest(await bulk('accounts', { action: 'create', records: many }), 'records');
  const full = await bulk('accounts', { action: 'create', records: many.slice(0, 500) });
  assert.equal(full.status, 200);
  assert.equal(full.body.count, 500);
  assert.equal((await bulk('accounts', { action: 'create', records: [{ name: 'x' }], filter: "name eq 'x'" })).status, 400);
  assert.equal((await bulk('accounts', { action: 'delete', ids: [full.body.data[0].id], filter: `tags eq '${tag}'` })).status, 400);
  assert.equal((await bulk('nothing', { action: 'create', records: [{ name: 'x' }] })).status, 404);
});

test('PUT /by/{externalField}/{value}: the first call creates (201), the next updates the same record (200)', async () => {
  const key = `ERP-${newTag()}`;
  const first = await t.api('PUT', `/api/v1/accounts/by/externalId/${q(key)}`, { name: '华东贸易', city: '杭州' });
  assert.equal(first.status, 201, JSON.stringify(first.body));
  assert.equal(first.body.externalId, key);
  assert.equal(first.headers.etag, '"1"');
  const second = await t.api('PUT', `/api/v1/accounts/by/externalId/${q(key)}`, { city: '宁波', externalId: key });
  assert.equal(second.status, 200);
  assert.equal(second.body.id, first.body.id);
  assert.equal(second.body.version, 2);
  assert.equal(second.body.name, '华东贸易');
  assert.equal(second.body.city, '宁波');
  const again = await t.api('PUT', `/api/v1/accounts/by/externalId/${q(key)}`, { city: '宁波' });
  assert.equal(again.status, 200);
  assert.equal(again.body.id, first.body.id);
  const list = await t.api('GET', `/api/v1/accounts?count=true&filter=${q(`externalId eq '${key}'`)}`);
  assert.equal(list.body.total, 1);

  const product = await t.api('PUT', `/api/v1/products/by/code/${q(`SKU/${key}`)}`, { name: '旗舰版' });
  assert.equal(product.status, 201);
  assert.equal(product.body.code, `SKU/${key}`);
});

test('PUT upsert: concurrent calls with one key create one record', async () => {
  const key = `race-${newTag()}`;
  const replies = await Promise.all([1, 2, 3, 4].map((i) => t.api('PUT', `/api/v1/accounts/by/externalId/${key}`, { name: `Racer ${i}` })));
  assert.deepEqual(replies.map((r) => r.status).toSorted(), [200, 200, 200, 201]);
  assert.equal(new Set(replies.map((r) => r.body.id)).size, 1);
  const list = await t.api('GET', `/api/v1/accounts?count=true&filter=${q(`externalId eq '${key}'`)}`);
  assert.equal(list.body.total, 1);
});

test('PUT upsert: only external-id fields; the body may not contradict the path; bad bodies write nothing', async () => {
  const key = `ext-${newTag()}`;
  assertBadRequest(await t.api('PUT', `/api/v1/accounts/by/name/${key}`, { city: 'x' }), 'externalField', 'not_external_id');
  assertBadRequest(await t.api('PUT', `/api/v1/accounts/by/nothing/${key}`, { city: 'x' }), 'externalField', 'not_external_id');
  assertBadRequest(await t.api('PUT', `/api/v1/accounts/by/externalId/${key}`, { name: 'x', externalId: 'other' }), 'externalId', 'mismatch');
  assertBadRequest(await t.api('PUT', `/api/v1/accounts/by/externalId/${key}`, { city: 'no name' }), 'name', 'required');
  assertBadRequest(await t.api('PUT', `/api/v1/accounts/by/externalId/${key}`, { name: 'x', employees: 'many' }), 'employees');
  assert.equal((await t.api('PUT', `/api/v1/users/by/email/${key}`, { name: 'x' })).status, 400);
  assert.equal((await t.api('PUT', `/api/v1/nothing/by/externalId/${key}`, { name: 'x' })).status, 404);
  const list = await t.api('GET', `/api/v1/accounts?count=true&filter=${q(`externalId eq '${key}'`)}`);
  assert.equal(list.body.total, 0);
});

test('PUT upsert after the holder was deleted creates a new record', async () => {
  const key = `gone-${newTag()}`;
  const first = await t.api('PUT', `/api/v1/accounts/by/externalId/${key}`, { name: 'Old' });
  assert.equal((await t.api('DELETE', `/api/v1/accounts/${first.body.id}`)).status, 204);
  const second = await t.api('PUT', `/api/v1/accounts/by/externalId/${key}`, { name: 'New' });
  assert.equal(second.status, 201);
  assert.notEqual(second.body.id, first.body.id);
});

test('PUT upsert by a number, e-mail or phone external id finds the record it created', async () => {
  const label = { en: 'Member', 'zh-CN': '会员' };
  const created = await t.api('POST', '/api/v1/metadata/objects', { name: 'members', label, labelPlural: label, fields: [
    { name: 'memberNo', type: 'number', isExternalId: true, label },
    { name: 'email', type: 'email', isExternalId: true, label },
    { name: 'mobile', type: 'phone', isExternalId: true, label },
  ] });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const upsert = (field: string, value: string, body: Record<string, unknown> = { name: `by ${field}` }) =>
    t.api('PUT', `/api/v1/members/by/${field}/${q(value)}`, body);

  for (const [field, first, again] of [['memberNo', '42', '42.0'], ['email', 'Li.Na@Example.com', 'li.na@example.COM'], ['mobile', '138 0013 8000', '+8613800138000']]) {
    const one = await upsert(field!, first!);
    assert.equal(one.status, 201, JSON.stringify(one.body));
    const two = await upsert(field!, again!, { name: `again by ${field}` });
    assert.equal(two.status, 200, `${field}: ${JSON.stringify(two.body)}`);
    assert.equal(two.body.id, one.body.id);
  }
  const list = await t.api('GET', '/api/v1/members?count=true');
  assert.equal(list.body.total, 3);
  assertBadRequest(await upsert('memberNo', 'forty-two'), 'value', 'type');
  assertBadRequest(await upsert('mobile', 'no phone'), 'mobile', 'invalid_phone');
  assertBadRequest(await upsert('memberNo', '42', { name: 'x', memberNo: 43 }), 'memberNo', 'mismatch');
  assert.equal((await upsert('email', 'li.na@example.com', { email: 'LI.NA@EXAMPLE.COM' })).status, 200); // the same e-mail
});
