// POST /{object}/query over HTTP: the JSON filter finds what the same filter as text finds with GET
// (lookups, `ne` through a lookup, every operator), pages alike, reports mistakes at the node that
// made them, keeps other teams' private records and hidden fields out, and works for read-only keys.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../testing.ts';
import { createApiKey } from '../platform/auth/api-keys.ts';
import { filterFromJson, type JsonFilter } from './filter-json.ts';

let t: TestContext;
let roleIds: Record<string, string>;
const tag = `query-${process.pid}`;
const q = encodeURIComponent;

async function as(token: string, method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) {
  const r = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...headers }, ...(body === undefined ? {} : { payload: body as object }) });
  return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null };
}

async function userIn(team: string, role: string, email: string) {
  const user = await t.api('POST', '/api/v1/admin/users', { email, name: email, roleId: roleIds[role], teamIds: [team] });
  assert.equal(user.status, 201, JSON.stringify(user.body));
  return { id: user.body.id as string, token: (await createApiKey(t.db, user.body.id, email)).token };
}

const tagged = (filter: JsonFilter): JsonFilter => ({ and: [{ field: 'tags', op: 'eq', value: tag }, filter] });
const taggedText = (filter: string) => `tags eq '${tag}' and (${filter})`;

async function namesByGet(object: string, filter: string, token = t.token): Promise<string[]> {
  const r = await as(token, 'GET', `/api/v1/${object}?filter=${q(taggedText(filter))}&fields=name&limit=500`);
  assert.equal(r.status, 200, `${filter}: ${JSON.stringify(r.body)}`);
  return r.body.data.map((x: { name: string }) => x.name).toSorted();
}

async function namesByQuery(object: string, filter: JsonFilter, token = t.token): Promise<string[]> {
  const r = await as(token, 'POST', `/api/v1/${object}/query`, { filter: tagged(filter), fields: ['name'], limit: 500 });
  assert.equal(r.status, 200, `${JSON.stringify(filter)}: ${JSON.stringify(r.body)}`);
  return r.body.data.map((x: { name: string }) => x.name).toSorted();
}

before(async () => {
  t = await startTestApp();
  roleIds = Object.fromEntries((await t.api('GET', '/api/v1/admin/roles')).body.data.map((r: { key: string; id: string }) => [r.key, r.id]));
  const bulk = await t.api('POST', '/api/v1/accounts/bulk', {
    action: 'create',
    records: [
      { name: 'Alpha 阿尔法', city: '上海', employees: 10, type: 'customer', tags: [tag, 'vip'] },
      { name: 'Beta 贝塔', city: '北京', employees: 50, type: 'prospect', tags: [tag] },
      { name: 'Gamma 伽马', employees: 7, tags: [tag] },
      { name: "O'Neil", city: '上海', employees: 50, type: 'customer', tags: [tag] },
    ],
  });
  assert.equal(bulk.status, 200, JSON.stringify(bulk.body));
  const [alpha, beta] = bulk.body.data;
  const contacts = await t.api('POST', '/api/v1/contacts/bulk', {
    action: 'create',
    records: [
      { name: 'Chen 陈', accountId: alpha.id, tags: [tag] },
      { name: 'Wang 王', accountId: beta.id, tags: [tag] },
      { name: 'Zhou 周', tags: [tag] },
      { name: 'Liu 刘', accountIds: [alpha.id, beta.id], tags: [tag] },
    ],
  });
  assert.equal(contacts.status, 200, JSON.stringify(contacts.body));
});
after(() => t.close());

test('a JSON filter finds exactly what the same filter as text finds with GET', async () => {
  const cases: Array<[string, string, JsonFilter]> = [
    ['accounts', "city eq '上海'", { field: 'city', op: 'eq', value: '上海' }],
    ['accounts', "city ne '上海'", { field: 'city', op: 'ne', value: '上海' }],
    ['accounts', 'employees gte 10 and employees lt 50', { and: [{ field: 'employees', op: 'gte', value: 10 }, { field: 'employees', op: 'lt', value: 50 }] }],
    ['accounts', "type in ('customer', 'partner')", { field: 'type', op: 'in', value: ['customer', 'partner'] }],
    ['accounts', 'city isNull', { field: 'city', op: 'isNull' }],
    ['accounts', 'city isNull false', { field: 'city', op: 'isNull', value: false }],
    ['accounts', "name contains 'ETA' or name startsWith 'o'''", { or: [{ field: 'name', op: 'contains', value: 'ETA' }, { field: 'name', op: 'startsWith', value: "o'" }] }],
    ['accounts', "not (tags contains 'vip')", { not: { field: 'tags', op: 'contains', value: 'vip' } }],
    ['contacts', "account.city eq '上海'", { field: 'account.city', op: 'eq', value: '上海' }],
    ['contacts', "account.city ne '上海'", { field: 'account.city', op: 'ne', value: '上海' }],
    ['contacts', "accountId.employees gt 20", { field: 'accountId.employees', op: 'gt', value: 20 }],
    ['contacts', "accountIds.city eq '北京'", { field: 'accountIds.city', op: 'eq', value: '北京' }],
    ['contacts', 'not (account.type isNull)', { not: { field: 'account.type', op: 'isNull' } }],
  ];
  for (const [object, text, json] of cases) {
    const expected = await namesByGet(object, text);
    assert.deepEqual(await namesByQuery(object, json), expected, text);
  }
  // The cases are not vacuous: `ne` through a lookup keeps the contact without an account.
  assert.deepEqual(await namesByQuery('contacts', { field: 'account.city', op: 'ne', value: '上海' }), ['Liu 刘', 'Wang 王', 'Zhou 周']);
});

test('pages walk alike: the same records in the same order, and cursors work across both', async () => {
  const walk = async (next: (cursor: string | null) => Promise<{ data: Array<{ name: string }>; nextCursor: string | null }>) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await next(cursor);
      seen.push(...page.data.map((r) => r.name));
      cursor = page.nextCursor;
    } while (cursor);
    return seen;
  };
  const byQuery = await walk(async (cursor) => {
    const r = await t.api('POST', '/api/v1/accounts/query', { filter: { field: 'tags', op: 'eq', value: tag }, sort: ['-employees', 'name'], limit: 1, ...(cursor ? { cursor } : {}) });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  });
  const byGet = await walk(async (cursor) => {
    const r = await t.api('GET', `/api/v1/accounts?filter=${q(`tags eq '${tag}'`)}&sort=-employees,name&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
    return r.body;
  });
  assert.deepEqual(byQuery, ['Beta 贝塔', "O'Neil", 'Alpha 阿尔法', 'Gamma 伽马']);
  assert.deepEqual(byQuery, byGet);
  const first = await t.api('POST', '/api/v1/accounts/query', { filter: { field: 'tags', op: 'eq', value: tag }, sort: ['-employees', 'name'], limit: 2, count: true });
  assert.equal(first.body.total, 4);
  const second = await t.api('GET', `/api/v1/accounts?filter=${q(`tags eq '${tag}'`)}&sort=-employees,name&limit=2&cursor=${first.body.nextCursor}`);
  assert.deepEqual(second.body.data.map((r: { name: string }) => r.name), ['Alpha 阿尔法', 'Gamma 伽马']);
});

test('mistakes are 400 problems naming the node by JSON pointer', async () => {
  const bad = async (body: unknown) => {
    const r = await t.api('POST', '/api/v1/accounts/query', body);
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(r.body.code, 'validation_failed');
    return r.body.errors.map((e: { field: string; pointer: string; code: string }) => [e.pointer, e.field, e.code]);
  };
  assert.deepEqual(await bad({ filter: { and: [{ field: 'city', op: 'eq', value: 'x' }, { field: 'planet', op: 'eq', value: 'x' }] } }), [['/filter/and/1', 'filter.and.1', 'unknown_field']]);
  assert.deepEqual(await bad({ filter: { not: { field: 'city', op: 'like', value: 'x' } } }), [['/filter/not/op', 'filter.not.op', 'enum']]);
  assert.deepEqual(await bad({ filter: { field: 'city', op: 'in', value: 'x' } }), [['/filter/value', 'filter.value', 'type']]);
  assert.deepEqual(await bad({ filter: { field: 'city', op: 'eq' } }), [['/filter/value', 'filter.value', 'required']]);
  assert.deepEqual(await bad({ filter: { or: [{ field: 'city', op: 'eq', value: 'x', extra: 1 }] } }), [['/filter/or/0/extra', 'filter.or.0.extra', 'unknown_field']]);
  assert.deepEqual(await bad({ filter: { and: [] } }), [['/filter/and', 'filter.and', 'minItems']]);
  assert.deepEqual(await bad({ filter: { field: 'employees', op: 'gt', value: 'many' } }), [['/filter', 'filter', 'invalid_filter']]);
  assert.deepEqual(await bad({ filter: { field: 'name.first', op: 'eq', value: 'x' } }), [['/filter', 'filter', 'invalid_filter']]);
  assert.deepEqual(await bad({ filter: { field: 'account.city', op: 'eq', value: 'x' } }), [['/filter', 'filter', 'unknown_field']]);
  assert.deepEqual(await bad({ filter: { field: 'city', op: 'eq', value: 'x' }, sorting: 'name' }), [['/sorting', 'sorting', 'unknown_field']]);
  for (const payload of ['null', '[]', '"all"']) {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/accounts/query', headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' }, payload });
    assert.equal(r.statusCode, 400, payload);
  }
  const wrongSort = await t.api('POST', '/api/v1/accounts/query', { sort: ['planet'] });
  assert.deepEqual(wrongSort.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]), [['sort', 'unknown_field']]);
});

test('a filter nested too deeply or too large is refused before it is walked, never a 500', async () => {
  let deep: JsonFilter = { field: 'city', op: 'eq', value: 'x' };
  for (let i = 0; i < 21; i++) deep = { not: deep };
  const r = await t.api('POST', '/api/v1/accounts/query', { filter: deep }, { 'accept-language': 'zh-CN' });
  assert.equal(r.status, 400);
  assert.equal(r.body.errors[0].code, 'filter_too_deep');
  assert.equal(r.body.errors[0].pointer, `/filter${'/not'.repeat(20)}`);
  assert.match(r.body.errors[0].message, /最多 20 层/);
  assert.equal(r.body.detail, '筛选条件过大或嵌套过深，请查看标出的位置。');
  let twenty: JsonFilter = { field: 'city', op: 'eq', value: 'x' };
  for (let i = 0; i < 20; i++) twenty = { not: twenty };
  assert.equal((await t.api('POST', '/api/v1/accounts/query', { filter: twenty })).status, 200, 'twenty levels are allowed');
  // A body as deep as the size limit allows: would overflow any recursive walk.
  const abyss = `{"filter":${'{"not":'.repeat(100_000)}{"field":"city","op":"eq","value":"x"}${'}'.repeat(100_000)}}`;
  const huge = await t.app.inject({ method: 'POST', url: '/api/v1/accounts/query', headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' }, payload: abyss });
  assert.equal(huge.statusCode, 400, huge.body);
  assert.equal(JSON.parse(huge.body).errors[0].code, 'filter_too_deep');
  const many = { or: Array.from({ length: 3 }, () => ({ and: Array.from({ length: 100 }, (_, i) => ({ field: 'employees', op: 'eq', value: i })) })) };
  const large = await t.api('POST', '/api/v1/accounts/query', { filter: many });
  assert.equal(large.status, 400);
  assert.deepEqual([large.body.errors[0].code, large.body.errors[0].params], ['filter_too_large', undefined]);
});

test("a rep does not get another team's private records, directly or through a lookup", async () => {
  const north = (await t.api('POST', '/api/v1/admin/teams', { name: 'North 北区' })).body.id;
  const south = (await t.api('POST', '/api/v1/admin/teams', { name: 'South 南区' })).body.id;
  const rep = await userIn(north, 'sales_rep', 'rep.north@example.com');
  const other = await userIn(south, 'sales_rep', 'rep.south@example.com');
  const teammate = await userIn(south, 'sales_rep', 'mate.south@example.com');
  const theirs = await t.create('accounts', { name: 'South private 南区私有', city: '深圳', ownerId: other.id, tags: [tag] });
  await t.api('POST', `/api/v1/accounts/${theirs.id}/shares`, { principalType: 'team', principalId: south, access: 'read' });
  await t.create('accounts', { name: 'North own 北区自有', city: '深圳', ownerId: rep.id, tags: [tag] });
  await t.create('contacts', { name: 'North contact 北区联系人', accountId: theirs.id, ownerId: rep.id, tags: [tag] });

  const city: JsonFilter = { field: 'city', op: 'eq', value: '深圳' };
  assert.deepEqual(await namesByQuery('accounts', city, rep.token), ['North own 北区自有']);
  assert.deepEqual(await namesByQuery('accounts', city, teammate.token), ['South private 南区私有'], 'the team share reaches the teammate');
  assert.deepEqual(await namesByQuery('contacts', { field: 'account.city', op: 'eq', value: '深圳' }, rep.token), []);
  assert.deepEqual(await namesByQuery('contacts', { field: 'account.city', op: 'ne', value: '深圳' }, rep.token), await namesByGet('contacts', "account.city ne '深圳'", rep.token));
});

test('a hidden field is refused exactly like one that does not exist', async () => {
  const team = (await t.api('POST', '/api/v1/admin/teams', { name: 'Service 客服' })).body.id;
  const agent = await userIn(team, 'service_agent', 'agent@example.com'); // annualRevenue is hidden from this role
  const refusal = async (field: string) => {
    const r = await as(agent.token, 'POST', '/api/v1/accounts/query', { filter: { or: [{ field: 'city', op: 'isNull' }, { field, op: 'gt', value: 0 }] } });
    assert.equal(r.status, 400);
    return JSON.stringify(r.body).replaceAll(field, 'X');
  };
  assert.equal(await refusal('annualRevenue'), await refusal('annualRevenu'));
  const viaLookup = await as(agent.token, 'POST', '/api/v1/contacts/query', { filter: { field: 'account.annualRevenue', op: 'gt', value: 0 } });
  assert.deepEqual(viaLookup.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code]), [['/filter', 'unknown_field']]);
  const asText = await as(agent.token, 'GET', `/api/v1/accounts?filter=${q('annualRevenue gt 0')}`);
  assert.equal(asText.body.errors[0].code, 'unknown_field');
  assert.equal(asText.body.errors[0].message, (await as(agent.token, 'GET', `/api/v1/accounts?filter=${q('annualRevenuf gt 0')}`)).body.errors[0].message.replaceAll('annualRevenuf', 'annualRevenue'));
});

test('a read-only API key may query, though it may send no other POST; no Idempotency-Key is needed or replayed', async () => {
  const { token } = await createApiKey(t.db, t.adminId, 'read-only integration', roleIds.read_only);
  const read = await as(token, 'POST', '/api/v1/accounts/query', { filter: { field: 'tags', op: 'eq', value: tag }, fields: ['name'] });
  assert.equal(read.status, 200, JSON.stringify(read.body));
  assert.ok(read.body.data.length >= 4);
  assert.equal((await as(token, 'POST', '/api/v1/accounts', { name: 'Not allowed' })).status, 403);
  assert.equal((await as(token, 'POST', '/api/v1/accounts/bulk', { action: 'create', records: [{ name: 'Not allowed' }] })).status, 403);
  const withKey = (value: string) => as(token, 'POST', '/api/v1/accounts/query', { filter: { field: 'name', op: 'eq', value } }, { 'idempotency-key': 'same' });
  assert.equal((await withKey('Alpha 阿尔法')).body.data.length, 1);
  const again = await withKey('nobody');
  assert.equal(again.status, 200, 'a read is run again, not refused as a reused key');
  assert.deepEqual(again.body.data, []);
});

test('a web session queries with its CSRF token, like any POST', async () => {
  const { setPassword } = await import('../platform/auth/passwords.ts');
  await setPassword(t.db, t.adminId, 'correct horse battery staple 2026');
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'admin@example.com', password: 'correct horse battery staple 2026' } });
  assert.equal(login.statusCode, 200, login.body);
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const body = { filter: { field: 'tags', op: 'eq', value: tag } };
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/accounts/query', headers: { cookie }, payload: body })).statusCode, 403);
  const ok = await t.app.inject({ method: 'POST', url: '/api/v1/accounts/query', headers: { cookie, 'x-csrf-token': JSON.parse(login.body).csrfToken }, payload: body });
  assert.equal(ok.statusCode, 200, ok.body);
});

test('the OpenAPI document describes the body, the filter tree and the answer', async () => {
  const { body: doc } = await t.api('GET', '/api/v1/openapi.json');
  const operation = doc.paths['/api/v1/accounts/query'].post;
  assert.equal(operation.operationId, 'queryAccounts');
  assert.deepEqual(operation.requestBody.content['application/json'].schema, { $ref: '#/components/schemas/Query' });
  assert.deepEqual(operation.responses['200'].content['application/json'].schema, doc.paths['/api/v1/accounts'].get.responses['200'].content['application/json'].schema);
  const filter = doc.components.schemas.Filter;
  assert.deepEqual(filter.oneOf.map((b: { title: string }) => b.title), ['FilterAnd', 'FilterOr', 'FilterNot', 'FilterCompare', 'FilterIn', 'FilterIsNull']);
  assert.equal(filter.oneOf[0].properties.and.maxItems, 100);
  assert.deepEqual(filter.oneOf[3].properties.op.enum, ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'contains', 'startsWith']);
  assert.deepEqual(doc.components.schemas.Query.properties.filter, { $ref: '#/components/schemas/Filter' });
});

test('a text filter that spells a JSON query is parsed as text (and refused), even right after that query ran', async () => {
  const filter: JsonFilter = { field: 'tags', op: 'eq', value: tag };
  assert.equal((await as(t.token, 'POST', '/api/v1/accounts/query', { filter, limit: 1 })).status, 200);
  // The same list shape as the query's, with the parsed tree written out as the text filter.
  const asText = JSON.stringify(filterFromJson(filter));
  const r = await as(t.token, 'GET', `/api/v1/accounts?filter=${q(asText)}&limit=1`);
  assert.equal(r.status, 400, JSON.stringify(r.body));
});
