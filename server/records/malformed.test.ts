// No input yields a 5xx. Every error is application/problem+json with type, title, status and detail;
// a 400 lists `errors: [{field, code, message}]` naming what was wrong.
import { problemCodes } from '../platform/http/problem.ts';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startTestApp, type ApiReply, type TestContext } from '../testing.ts';

let t: TestContext;
let account: Record<string, any>;
const seed = Number(process.env.FC_SEED ?? 20260101);
// FC_RUNS=10 fuzzes ten times longer (locally); CI keeps the default.
const runs = (n: number) => n * Number(process.env.FC_RUNS ?? 1);
const q = encodeURIComponent;
const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

before(async () => {
  t = await startTestApp();
  account = (await t.api('POST', '/api/v1/accounts', { name: 'Malformed Ltd', city: '上海' })).body;
});
after(() => t.close());

/** Asserts the RFC 9457 shape; for 400s, that `errors` names each of `fields`. */
function assertProblem(r: ApiReply, status: number, fields: string[] = [], label = ''): void {
  const where = `${label} → ${r.status} ${JSON.stringify(r.body)?.slice(0, 300)}`;
  assert.equal(r.status, status, where);
  assert.match(String(r.headers['content-type']), /^application\/problem\+json/, where);
  assert.equal(r.body.status, status, where);
  for (const key of ['type', 'title', 'detail']) assert.ok(typeof r.body[key] === 'string' && r.body[key], `${key} ${where}`);
  // Every problem carries the stable code of its status, whatever produced it.
  assert.equal(r.body.code, problemCodes[status], `code ${where}`);
  if (status !== 400) return;
  assert.ok(Array.isArray(r.body.errors) && r.body.errors.length > 0, `errors ${where}`);
  for (const e of r.body.errors) {
    assert.deepEqual(Object.keys(e).toSorted(), ['code', 'field', 'message'], where);
    for (const value of Object.values(e)) assert.equal(typeof value, 'string', where);
  }
  const named = r.body.errors.map((e: any) => e.field);
  for (const field of fields) assert.ok(named.includes(field), `${field} not in ${named} ${where}`);
}

/** Asserts a reply is not a server error, and that any error is a well-formed problem. */
function assertHandled(r: ApiReply, label: string): void {
  assert.ok(r.status < 500, `${label} → ${r.status} ${JSON.stringify(r.body)?.slice(0, 300)}`);
  if (r.status >= 400) assertProblem(r, r.status, [], label);
}

test('wrong types and out-of-range values name their field', async () => {
  const cases: Array<[Record<string, unknown>, string[]]> = [
    [{ name: 5 }, ['name']],
    [{ name: 'x', employees: 'many' }, ['employees']],
    [{ name: 'x', employees: 1e16 }, ['employees']],
    [{ name: 'x', tags: 'vip' }, ['tags']],
    [{ name: 'x', tags: ['a', 'a'] }, ['tags']],
    [{ name: 'x', tags: [''] }, ['tags.0']],
    [{ name: 'x', type: 'friend' }, ['type']],
    [{ name: 'x', email: 'not an e-mail' }, ['email']],
    [{ name: 'x', website: 'javascript:alert(1)' }, ['website']],
    [{ name: 'x', phone: '12' }, ['phone']],
    [{ name: 'x', phone: 'abc-def-ghij' }, ['phone']],
    [{ name: 'x', annualRevenue: '1,000' }, ['annualRevenue']],
    [{ name: 'x', annualRevenue: 1e15 }, ['annualRevenue']], // numeric(19,4) holds 15 integer digits
    [{ name: 'x', annualRevenue: { amount: 1e300 } }, ['annualRevenue.amount']],
    [{ name: 'x', annualRevenue: { currency: 'USD' } }, ['annualRevenue.amount']],
    [{ name: 'x', address: 'Nanjing Road' }, ['address']],
    [{ name: 'x', address: { planet: 'Mars' } }, ['address.planet']],
    [{ name: 'x', parentAccountId: 'x' }, ['parentAccountId']],
    [{ name: 'x', ownerId: 42 }, ['ownerId']],
    [{ name: 'x'.repeat(256) }, ['name']],
    [{ name: 'x', description: 'x'.repeat(100_001) }, ['description']],
    [{ name: 'x', city: 'x'.repeat(101) }, ['city']],
    [{ name: 'NUL \u0000 inside' }, ['name']],
    [{ name: 'x', tags: ['ok', 'bad\u0000'] }, ['tags.1']],
    [{ name: 'x', address: { city: '\u0000' } }, ['address.city']],
    [{ name: 'lone \ud800 surrogate' }, ['name']],
    [{}, ['name']],
  ];
  for (const [body, fields] of cases) assertProblem(await t.api('POST', '/api/v1/accounts', body), 400, fields, JSON.stringify(body).slice(0, 80));

  const dated: Array<[string, Record<string, unknown>, string[]]> = [
    ['opportunities', { name: 'x', closeDate: '2026-02-30' }, ['closeDate']],
    ['opportunities', { name: 'x', closeDate: '0000-01-01' }, ['closeDate']],
    ['opportunities', { name: 'x', closeDate: '31/12/2026' }, ['closeDate']],
    ['opportunities', { name: 'x', probability: 1001 }, ['probability']],
    ['activities', { type: 'call', subject: 'x', startAt: '9999-12-31T23:59:60Z' }, ['startAt']],
    ['activities', { type: 'call', subject: 'x', startAt: '9999-12-31T22:00:00-05:00' }, ['startAt']],
    ['activities', { type: 'call', subject: 'x', startAt: '0000-01-01T00:00:00Z' }, ['startAt']],
    ['activities', { type: 'call', subject: 'x', startAt: '2026-01-01' }, ['startAt']],
    ['contacts', { name: 'x', accountIds: 'x' }, ['accountIds']],
    ['contacts', { name: 'x', accountIds: ['not-a-uuid'] }, ['accountIds.0']],
  ];
  for (const [object, body, fields] of dated) assertProblem(await t.api('POST', `/api/v1/${object}`, body), 400, fields, JSON.stringify(body));
});

test('unknown fields and system fields in the body are refused by name', async () => {
  const r = await t.api('POST', '/api/v1/accounts', { name: 'x', salary: 1, 名称: 'y' });
  assertProblem(r, 400, ['salary', '名称']);
  assert.ok(r.body.errors.every((e: any) => e.code === 'unknown_field'));
  for (const field of ['id', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'deletedAt']) {
    for (const [method, url] of [['POST', '/api/v1/accounts'], ['PATCH', `/api/v1/accounts/${account.id}`]] as const) {
      const reply = await t.api(method, url, { name: 'x', [field]: field === 'version' ? 9 : '01900000-0000-7000-8000-000000000000' });
      assertProblem(reply, 400, [field], `${method} ${field}`);
      assert.equal(reply.body.errors.find((e: any) => e.field === field).code, 'read_only');
    }
  }
  assert.equal((await t.api('GET', `/api/v1/accounts/${account.id}`)).body.version, 1);
});

test('bodies that are not a JSON object: invalid JSON, other types, wrong content type, too large', async () => {
  for (const payload of ['{bad', '{"name": "x",}', '', 'null', '[]', '"x"', '42', '{"name": "\\u0000"}']) {
    const r = await t.api('POST', '/api/v1/accounts', payload, { 'content-type': 'application/json' });
    assertProblem(r, 400, [], payload);
  }
  assertProblem(await t.api('POST', '/api/v1/accounts', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415);
  // Plain text is parsed as a string, which is not an object of field values.
  assertProblem(await t.api('POST', '/api/v1/accounts', 'name: x', { 'content-type': 'text/plain' }), 400);
  assertProblem(await t.api('PATCH', `/api/v1/accounts/${account.id}`, '<a/>', { 'content-type': 'application/xml' }), 415);
  assertProblem(await t.api('POST', '/api/v1/accounts', { name: 'x', description: 'x'.repeat(1_100_000) }), 413);
  assertProblem(await t.api('POST', '/api/v1/accounts/bulk', { action: 'create', records: Array.from({ length: 20_000 }, () => ({ name: 'x'.repeat(60) })) }), 413);
});

test('filters: bad syntax, unknown fields, wrong value types and SQL fragments', async () => {
  const filters = [
    "name eq 'x",
    'name eq',
    "name = 'x'",
    "salary gt 5",
    "account.salary eq 'x'",
    "name.city eq 'x'",
    "employees eq 'many'",
    "name eq 5",
    "createdAt gt 'yesterday'",
    "createdAt gt '2026-02-30'",
    "createdAt gt '+275760-09-13T00:00:00Z'",
    "ownerId eq 'me'",
    "id in ('x')",
    "tags startsWith 'v'",
    'tags eq null',
    'tags in (1, true)',
    "address eq '上海'",
    "address in ('上海')",
    "description gt 'a'",
    "annualRevenue contains '1'",
    "parentAccount.parentAccount.parentAccount.parentAccount.name eq 'x'",
    "accounts; drop table accounts",
    "name eq 'x'; drop table accounts --",
    "' or 1=1 --",
    "name eq 'x' or 1=1",
    "name eq '' or ''=''",
    "name eq 'NUL \u0000'",
    `name eq '${'x'.repeat(4001)}'`,
    `${'('.repeat(30)}name eq 'x'${')'.repeat(30)}`,
  ];
  for (const filter of filters) assertProblem(await t.api('GET', `/api/v1/accounts?filter=${q(filter)}`), 400, ['filter'], filter.slice(0, 60));
  // Quotes inside a value are data, not syntax.
  const quoted = await t.api('GET', `/api/v1/accounts?filter=${q("name eq 'x'' or ''1''=''1'")}`);
  assert.deepEqual(quoted.body.data, []);
  assert.equal((await t.api('GET', `/api/v1/accounts?count=true`)).body.total, 1);
});

test('sort, fields and cursor: unknown names, SQL fragments and tampered cursors', async () => {
  const sorts = ['salary', '-salary', 'name;drop table accounts', "' or 1=1 --", 'address', 'tags', 'accountIds', '-', 'a,b,c,d,e,f', 'name desc'];
  for (const sort of sorts) assertProblem(await t.api('GET', `/api/v1/accounts?sort=${q(sort)}`), 400, ['sort'], sort);
  for (const fields of ['salary', 'name,salary', "name) from accounts --", "' or 1=1 --", 'search_tokens', 'searchTokens']) {
    assertProblem(await t.api('GET', `/api/v1/accounts?fields=${q(fields)}`), 400, ['fields'], fields);
  }
  const byName = (await t.api('GET', '/api/v1/accounts?sort=name&limit=1&filter=' + q("name ne 'zzz'"))).body;
  await t.api('POST', '/api/v1/accounts', { name: 'Second Ltd' });
  const page = (await t.api('GET', '/api/v1/accounts?sort=name&limit=1')).body;
  assert.ok(page.nextCursor);
  const cursors = [
    'x',
    '%%%',
    b64('not json'),
    b64('null'),
    b64([]),
    b64({ s: ['name', 'id'] }),
    b64({ s: ['name', 'id'], v: ['x'] }),
    b64({ s: ['name', 'id'], v: ['x', null] }),
    b64({ s: ['name', 'id'], v: ['x', "' or 1=1 --"] }),
    b64({ s: ['name', 'id'], v: [{ x: 1 }, '01900000-0000-7000-8000-000000000000'] }),
    b64({ s: ['name', 'id'], v: ['x\u0000', '01900000-0000-7000-8000-000000000000'] }),
    b64({ s: ['-createdAt', '-id'], v: ['2026-01-01', '01900000-0000-7000-8000-000000000000'] }), // another sort's
    b64({ s: ['name', 'id'], v: ['x', 5] }),
    'A'.repeat(2001),
  ];
  for (const cursor of cursors) assertProblem(await t.api('GET', `/api/v1/accounts?sort=name&cursor=${q(cursor)}`), 400, ['cursor'], cursor.slice(0, 60));
  // A cursor is bound to its sort.
  assertProblem(await t.api('GET', `/api/v1/accounts?sort=-name&cursor=${page.nextCursor}`), 400, ['cursor']);
  assert.equal(byName.data.length, 1);
  const tampered: Array<[string, unknown[]]> = [
    ['-createdAt', ['garbage', '01900000-0000-7000-8000-000000000000']],
    ['-createdAt', ['2026-99-99 10:00:00+00', '01900000-0000-7000-8000-000000000000']],
    ['-createdAt', [5, true]],
    ['employees', ['many', '01900000-0000-7000-8000-000000000000']],
    ['annualRevenue', ['1e400', '01900000-0000-7000-8000-000000000000']],
    ['parentAccountId', ['x', '01900000-0000-7000-8000-000000000000']],
  ];
  for (const [sort, v] of tampered) {
    const s = [sort, sort.startsWith('-') ? '-id' : 'id'];
    assertProblem(await t.api('GET', `/api/v1/accounts?sort=${q(sort)}&cursor=${b64({ s, v })}`), 400, ['cursor'], JSON.stringify(v));
  }
  const history = `/api/v1/accounts/${account.id}`;
  for (const cursor of ['x', b64('2026-99-99 10:00:00Z|' + account.id), b64(`2026-01-01 10:00:00Z|${'-'.repeat(36)}`), b64('|')]) {
    assertProblem(await t.api('GET', `${history}/history?cursor=${q(cursor)}`), 400, ['cursor'], cursor);
    assertProblem(await t.api('GET', `${history}/timeline?cursor=${q(cursor)}`), 400, ['cursor'], cursor);
  }
});

test('object names, ids and paths: unknown, SQL fragments, non-uuid, over-long, badly encoded', async () => {
  for (const name of ['widgets', q('accounts; drop table accounts'), q("accounts' or 1=1 --"), '__proto__', 'constructor', 'record_changes', 'api_keys', 'x_accounts']) {
    assertProblem(await t.api('GET', `/api/v1/${name}`), 404, [], name);
    assertProblem(await t.api('POST', `/api/v1/${name}`, { name: 'x' }), 404, [], name);
  }
  for (const id of ['not-a-uuid', q("' or 1=1 --"), q(`${account.id}' or '1'='1`), '00000000-0000-0000-0000-000000000000', account.id.toUpperCase().replace(/-/g, '')]) {
    assertProblem(await t.api('GET', `/api/v1/accounts/${id}`), 404, [], id);
    assertProblem(await t.api('PATCH', `/api/v1/accounts/${id}`, { city: 'x' }), 404, [], id);
    assertProblem(await t.api('DELETE', `/api/v1/accounts/${id}`), 404, [], id);
    assertProblem(await t.api('GET', `/api/v1/accounts/${id}/history`), 404, [], id);
  }
  assertProblem(await t.api('GET', `/api/v1/accounts/${'x'.repeat(65)}`), 400, ['id']);
  assertProblem(await t.api('GET', `/api/v1/${'x'.repeat(64)}/${account.id}`), 400, ['object']);
  assertProblem(await t.api('GET', '/api/v1/accounts/%E0%A4%A'), 400, ['url']);
  assertProblem(await t.api('PUT', `/api/v1/accounts/by/externalId/${'x'.repeat(301)}`, { name: 'x' }), 414);
  assertProblem(await t.api('PUT', `/api/v1/accounts/by/externalId/${'x'.repeat(256)}`, { name: 'x' }), 400, ['value']);
  assertProblem(await t.api('PUT', `/api/v1/accounts/by/externalId/${'x'.repeat(101)}`, { name: 'x' }), 400, ['externalId']);
  assertProblem(await t.api('PUT', '/api/v1/accounts/by/externalId/a%00b', { name: 'x' }), 400, ['value']);
  assertProblem(await t.api('PUT', `/api/v1/accounts/by/${q('name; drop table accounts')}/x`, { name: 'x' }), 400, ['externalField']);
  assertProblem(await t.api('GET', '/api/v1/nowhere/at/all/here'), 404);
});

test('If-Match and Idempotency-Key headers must be well-formed', async () => {
  for (const ifMatch of ['abc', '"0"', '"-1"', '"1.5"', '"1", "2"', '""', 'W/']) {
    assertProblem(await t.api('PATCH', `/api/v1/accounts/${account.id}`, { city: 'x' }, { 'if-match': ifMatch }), 400, ['If-Match'], ifMatch);
    assertProblem(await t.api('DELETE', `/api/v1/accounts/${account.id}`, undefined, { 'if-match': ifMatch }), 400, ['If-Match'], ifMatch);
  }
  assertProblem(await t.api('PATCH', `/api/v1/accounts/${account.id}`, { city: 'x' }, { 'if-match': '"99999999999999999999"' }), 412);
  for (const key of ['', 'with space', 'x'.repeat(256), 'tab\there']) {
    assertProblem(await t.api('POST', '/api/v1/accounts', { name: 'Keyed' }, { 'idempotency-key': key }), 400, ['Idempotency-Key'], key);
  }
  assert.equal((await t.api('GET', `/api/v1/accounts?count=true&filter=${q("name eq 'Keyed'")}`)).body.total, 0);
  assert.equal((await t.api('GET', `/api/v1/accounts/${account.id}`)).body.version, 1);
});

test('search, history and bulk parameters out of range', async () => {
  assertProblem(await t.api('GET', '/api/v1/search'), 400, ['q']);
  assertProblem(await t.api('GET', '/api/v1/search?q='), 400, ['q']);
  assertProblem(await t.api('GET', `/api/v1/search?q=${'x'.repeat(201)}`), 400, ['q']);
  assertProblem(await t.api('GET', '/api/v1/search?q=ab%00cd'), 400, ['q']);
  assertProblem(await t.api('GET', '/api/v1/search?q=acme&limit=101'), 400, ['limit']);
  // Unknown object names are skipped like unreadable ones, so the parameter cannot probe what exists.
  const probe = await t.api('GET', `/api/v1/search?q=acme&objects=${q('accounts; drop table accounts')}`);
  assert.equal(probe.status, 200);
  assert.deepEqual(probe.body.data, []);
  for (const limit of ['0', '501', 'x']) {
    assertProblem(await t.api('GET', `/api/v1/accounts/${account.id}/history?limit=${limit}`), 400, ['limit'], limit);
    assertProblem(await t.api('GET', `/api/v1/accounts/${account.id}/timeline?limit=${limit}`), 400, ['limit'], limit);
  }
  const bulk: Array<[unknown, string[]]> = [
    [{ action: 'drop' }, ['action']],
    [{ action: 'create' }, []],
    [{ action: 'create', records: [] }, ['records']],
    [{ action: 'create', records: [{ name: 'ok' }], ids: [account.id] }, []],
    [{ action: 'delete', ids: ['x'] }, ['ids.0']],
    [{ action: 'delete', ids: [account.id, account.id] }, ['ids']],
    [{ action: 'update', records: [{ name: 'no id' }] }, ['records.0.id']],
    [{ action: 'update', records: [{ id: "' or 1=1 --", name: 'x' }] }, ['records.0.id']],
    [{ action: 'update', filter: "name eq 'x'", values: { salary: 1 } }, ['values.salary']],
    [{ action: 'delete', filter: 'accounts; drop table accounts' }, ['filter']],
    [[], []],
  ];
  for (const [body, fields] of bulk) assertProblem(await t.api('POST', '/api/v1/accounts/bulk', body), 400, fields, JSON.stringify(body));
  assert.equal((await t.api('GET', `/api/v1/accounts/${account.id}`)).body.version, 1);
});

test('property: random filter, sort, fields and cursor strings never cause a 5xx', async () => {
  const words = fc.constantFrom('name', 'city', 'employees', 'account.city', 'createdAt', 'tags', 'address.city', 'eq', 'ne', 'gt', 'in', 'contains', 'isNull', 'and', 'or', 'not', '(', ')', ',', "'上海'", "'x''y'", '5', '-1.5e3', 'true', 'null', "'2026-02-30'", "'2026-01-01T00:00:00Z'", '%', '_', ';', '--', '/*', "'");
  const phrase = fc.array(words, { maxLength: 10 }).map((w) => w.join(' '));
  const text = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 30 }), phrase);
  const cursorText = fc.oneof(
    text,
    text.map((s) => Buffer.from(s).toString('base64url')),
    fc.record({ s: fc.array(fc.constantFrom('name', '-name', 'id', '-id', 'createdAt', '-createdAt'), { maxLength: 3 }), v: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }) }).map(b64),
  );
  await fc.assert(
    fc.asyncProperty(text, text, text, cursorText, async (filter, sort, fields, cursor) => {
      for (const [param, value] of [['filter', filter], ['sort', sort], ['fields', fields], ['cursor', cursor]] as const) {
        const url = `/api/v1/contacts?${param}=${q(value)}`;
        assertHandled(await t.api('GET', url), url);
      }
      const url = `/api/v1/accounts?filter=${q(filter)}&sort=${q(sort.replace(/[^\w,+-]/g, ''))}&cursor=${q(cursor)}`;
      assertHandled(await t.api('GET', url), url);
    }),
    { seed, numRuns: runs(100) },
  );
});

test('property: random JSON bodies never cause a 5xx, and what they create reads back', async () => {
  const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom('2026-02-30', '9999-12-31T23:59:60Z', '+8613800138000', '1e15', 1e15, -0, '0.00001'));
  const body = fc.dictionary(fc.constantFrom('name', 'city', 'employees', 'annualRevenue', 'address', 'tags', 'phone', 'email', 'type', 'website', 'parentAccountId', 'ownerId', 'id', 'x'), value, { maxKeys: 4 });
  await fc.assert(
    fc.asyncProperty(body, async (b) => {
      const created = await t.api('POST', '/api/v1/accounts', b);
      assertHandled(created, `POST ${JSON.stringify(b)}`);
      if (created.status === 201) assertHandled(await t.api('GET', `/api/v1/accounts/${created.body.id}`), 'GET');
      assertHandled(await t.api('PATCH', `/api/v1/accounts/${account.id}`, b, { 'if-match': '"999"' }), `PATCH ${JSON.stringify(b)}`);
    }),
    { seed, numRuns: runs(100) },
  );
});

test('requests without a valid API key are 401 problems, whatever else is wrong with them', async () => {
  for (const authorization of [undefined, 'Bearer nope', 'Basic YWRtaW46YWRtaW4=', `Bearer ${t.token}x`]) {
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts?filter=${q("' or 1=1 --")}`,
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      payload: '{bad',
    });
    const reply: ApiReply = { status: r.statusCode, headers: r.headers, body: JSON.parse(r.body) };
    assertProblem(reply, 401, [], String(authorization));
  }
});
