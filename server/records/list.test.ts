// Lists over HTTP: the filter language on every kind of field (system fields, lookups, address
// parts), multi-field sorts with nulls, keyset pagination, field selection, totals and limits.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startTestApp, type TestContext } from '../testing.ts';
import { ensureUser } from '../platform/auth/users.ts';

let t: TestContext;
let otherUserId: string;
let run = 0;
const seed = Number(process.env.FC_SEED ?? 20260101);
// FC_RUNS=10 explores ten times more cases (locally); CI keeps the default.
const runs = (n: number) => n * Number(process.env.FC_RUNS ?? 1);
const q = encodeURIComponent;

before(async () => {
  t = await startTestApp();
  ({ id: otherUserId } = await ensureUser(t.db, { email: 'li.na@example.com', name: '李娜 Li Na' }));
});
after(() => t.close());

/** A tag no other test uses: every list below filters on it, so tests see only their own records. */
const newTag = () => `run-${++run}-${process.pid}`;

async function createAll(object: string, records: Record<string, unknown>[]): Promise<Record<string, any>[]> {
  const r = await t.api('POST', `/api/v1/${object}/bulk`, { action: 'create', records });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.data;
}

async function list(object: string, params: Record<string, string | number | boolean>) {
  const query = Object.entries(params).map(([k, v]) => `${k}=${q(String(v))}`).join('&');
  const r = await t.api('GET', `/api/v1/${object}?${query}`);
  assert.equal(r.status, 200, `${query}: ${JSON.stringify(r.body)}`);
  return r.body as { data: Record<string, any>[]; nextCursor: string | null; total?: number };
}

/** Names of the tagged records matching the filter, sorted (order is not under test here). */
async function names(object: string, tag: string, filter: string): Promise<string[]> {
  const page = await list(object, { filter: `tags eq '${tag}' and (${filter})`, fields: 'name', limit: 500 });
  return page.data.map((r) => r.name).toSorted();
}

test('comparison operators, in, contains, startsWith and isNull', async () => {
  const tag = newTag();
  await createAll('accounts', [
    { name: 'Alpha', city: '上海', employees: 10, annualRevenue: '100.00', type: 'customer', email: 'Alpha@Example.com', tags: [tag, 'vip'] },
    { name: 'Beta', city: '北京', employees: 50, annualRevenue: '2500.50', type: 'prospect', phone: '010 6552 9988', tags: [tag] },
    { name: 'Gamma', tags: [tag] },
    { name: "O'Neil", city: '上海', employees: 50, type: 'customer', tags: [tag] },
    { name: 'Sale 100%_off', city: 'Shenzhen', employees: 7, tags: [tag] },
  ]);
  const cases: Array<[string, string[]]> = [
    ["city eq '上海'", ['Alpha', "O'Neil"]],
    ["city ne '上海'", ['Beta', 'Gamma', 'Sale 100%_off']], // ne keeps empty values
    ['employees lt 50', ['Alpha', 'Sale 100%_off']],
    ['employees lte 50', ['Alpha', 'Beta', "O'Neil", 'Sale 100%_off']],
    ['employees gt 10', ['Beta', "O'Neil"]],
    ['employees gte 10', ['Alpha', 'Beta', "O'Neil"]],
    ['annualRevenue gt 100', ['Beta']],
    ['annualRevenue gte 100.00', ['Alpha', 'Beta']],
    ["type in ('customer', 'partner')", ['Alpha', "O'Neil"]],
    ["name in ('Alpha', 'Nobody', 'Gamma')", ['Alpha', 'Gamma']],
    ["name contains 'ETA'", ['Beta']], // case-insensitive
    ["name contains '%'", ['Sale 100%_off']], // LIKE wildcards are literal
    ["name contains '_'", ['Sale 100%_off']],
    ["name startsWith 'o'''", ["O'Neil"]],
    ["name eq 'O''Neil'", ["O'Neil"]],
    ["city startsWith '上'", ['Alpha', "O'Neil"]],
    ['city isNull', ['Gamma']],
    ['city isNull false', ['Alpha', 'Beta', "O'Neil", 'Sale 100%_off']],
    ["email eq 'ALPHA@example.COM'", ['Alpha']], // e-mails compare lower-cased
    ["phone eq '+86 10 6552 9988'", ['Beta']], // phones compare in E.164
    ["tags contains 'vip'", ['Alpha']],
    ["tags in ('vip', 'nothing')", ['Alpha']],
    ["tags ne 'vip'", ['Beta', 'Gamma', "O'Neil", 'Sale 100%_off']],
  ];
  for (const [filter, expected] of cases) assert.deepEqual(await names('accounts', tag, filter), expected, filter);
});

test('and, or, not and parentheses', async () => {
  const tag = newTag();
  await createAll('accounts', [
    { name: 'A', city: '上海', employees: 1, tags: [tag] },
    { name: 'B', city: '上海', employees: 2, tags: [tag] },
    { name: 'C', city: '北京', employees: 1, tags: [tag] },
    { name: 'D', employees: 2, tags: [tag] },
  ]);
  const cases: Array<[string, string[]]> = [
    ["city eq '上海' and employees eq 1", ['A']],
    ["city eq '北京' or employees eq 2", ['B', 'C', 'D']],
    ["city eq '北京' or city eq '上海' and employees eq 2", ['B', 'C']],
    ["(city eq '北京' or city eq '上海') and employees eq 2", ['B']],
    ["not city eq '上海'", ['C', 'D']], // not keeps the empty city
    ["not (city eq '上海' or employees eq 2)", ['C']],
    ["not not city eq '北京'", ['C']],
    ["not (city isNull) and not (employees eq 1)", ['B']],
  ];
  for (const [filter, expected] of cases) assert.deepEqual(await names('accounts', tag, filter), expected, filter);
});

/** The API shows milliseconds; the database keeps microseconds, so "after" starts a millisecond later. */
const afterMs = (iso: string) => new Date(Date.parse(iso) + 1).toISOString();

test('filters on system fields: createdAt, updatedAt, ownerId, id, version', async () => {
  const tag = newTag();
  const [first] = await createAll('accounts', [{ name: 'First', tags: [tag] }]);
  const [second, third] = await createAll('accounts', [
    { name: 'Second', tags: [tag], ownerId: otherUserId },
    { name: 'Third', tags: [tag] },
  ]);
  assert.ok(second!.createdAt > first!.createdAt);
  await t.api('PATCH', `/api/v1/accounts/${third!.id}`, { city: 'x' });
  const cases: Array<[string, string[]]> = [
    [`createdAt gte '${second!.createdAt}'`, ['Second', 'Third']],
    [`createdAt lt '${second!.createdAt}'`, ['First']],
    [`updatedAt gt '${afterMs(second!.updatedAt)}'`, ['Third']],
    [`ownerId eq '${otherUserId}'`, ['Second']],
    [`ownerId ne '${otherUserId}'`, ['First', 'Third']],
    [`owner.name contains 'Li Na'`, ['Second']],
    [`createdBy eq '${t.adminId}'`, ['First', 'Second', 'Third']],
    [`id in ('${first!.id}', '${third!.id}')`, ['First', 'Third']],
    [`id eq '${second!.id}'`, ['Second']],
    ['version eq 2', ['Third']],
    ['deletedAt isNull', ['First', 'Second', 'Third']],
  ];
  for (const [filter, expected] of cases) assert.deepEqual(await names('accounts', tag, filter), expected, filter);
});

test('filters through lookups and multi-lookups, and on address parts', async () => {
  const tag = newTag();
  const [shanghai, beijing, nowhere] = await createAll('accounts', [
    { name: 'SH Co', city: '上海', address: { city: '上海', street: '南京路 1 号' }, tags: [tag], ownerId: otherUserId },
    { name: 'BJ Co', city: '北京', address: { city: '北京', province: '北京' }, tags: [tag] },
    { name: 'No city', tags: [tag] },
  ]);
  await createAll('contacts', [
    { name: '张伟', accountId: shanghai!.id, tags: [tag] },
    { name: '王芳', accountId: beijing!.id, accountIds: [shanghai!.id], tags: [tag] },
    { name: '刘洋', accountId: nowhere!.id, tags: [tag] },
    { name: '陈静', tags: [tag] },
  ]);
  const contacts: Array<[string, string[]]> = [
    ["account.city eq '上海'", ['张伟']],
    ["accountId.city eq '上海'", ['张伟']], // the field's own name works too
    ["account.city ne '上海'", ['刘洋', '王芳', '陈静']], // "not in an account in 上海": no account counts too
    ["accountIds.city eq '上海'", ['张伟', '王芳']], // any of the linked accounts
    [`accountIds eq '${beijing!.id}'`, ['王芳']],
    ['accountIds isNull', ['陈静']],
    ['accountId isNull', ['陈静']],
    [`accountId eq '${nowhere!.id}'`, ['刘洋']],
    ["account.owner.name contains 'Li Na'", ['张伟']], // two hops
    ["account.address.city eq '北京'", ['王芳']],
    ["not (account.city eq '上海')", ['刘洋', '王芳', '陈静']],
  ];
  for (const [filter, expected] of contacts) assert.deepEqual(await names('contacts', tag, filter), expected, filter);
  const accounts: Array<[string, string[]]> = [
    ["address.city eq '上海'", ['SH Co']],
    ["address.street contains '南京'", ['SH Co']],
    ['address.province isNull', ['No city', 'SH Co']],
    ['address isNull', ['No city']],
    ["parentAccount.name eq 'x'", []],
  ];
  for (const [filter, expected] of accounts) assert.deepEqual(await names('accounts', tag, filter), expected, filter);
});

test('filters on date, datetime, percent, currency, select and boolean fields', async () => {
  const tag = newTag();
  await createAll('opportunities', [
    { name: 'Small', amount: '999.99', probability: 10, closeDate: '2026-01-31', stage: 'interest' },
    { name: 'Large', amount: { amount: '250000', currency: 'USD' }, probability: 70, closeDate: '2026-06-30', stage: 'negotiation' },
  ].map((o) => ({ ...o, name: `${o.name} ${tag}` })));
  const opps = async (filter: string) =>
    (await list('opportunities', { filter: `name contains '${tag}' and (${filter})`, fields: 'name' })).data.map((r) => r.name.split(' ')[0]).toSorted();
  assert.deepEqual(await opps("closeDate lt '2026-06-30'"), ['Small']);
  assert.deepEqual(await opps("closeDate gte '2026-01-31' and closeDate lte '2026-06-30'"), ['Large', 'Small']);
  assert.deepEqual(await opps('probability gt 50'), ['Large']);
  assert.deepEqual(await opps('amount lt 1000'), ['Small']);
  assert.deepEqual(await opps("stage ne 'interest'"), ['Large']);

  await createAll('activities', [
    { type: 'call', subject: `Early ${tag}`, startAt: '2026-03-01T01:00:00Z' },
    { type: 'visit', subject: `Late ${tag}`, startAt: '2026-03-01T09:00:00+08:00', status: 'done' },
    { type: 'note', subject: `Undated ${tag}` },
  ]);
  const acts = async (filter: string) =>
    (await list('activities', { filter: `subject contains '${tag}' and (${filter})`, fields: 'subject' })).data.map((r) => r.subject.split(' ')[0]).toSorted();
  assert.deepEqual(await acts("startAt gt '2026-03-01T01:00:00Z'"), []); // 09:00+08:00 is 01:00Z
  assert.deepEqual(await acts("startAt eq '2026-03-01T09:00:00+08:00'"), ['Early', 'Late']);
  assert.deepEqual(await acts("startAt lt '2026-03-02'"), ['Early', 'Late']);
  assert.deepEqual(await acts('startAt isNull'), ['Undated']);
  assert.deepEqual(await acts("status eq 'done' or type eq 'note'"), ['Late', 'Undated']);

  await createAll('products', [
    { name: `On ${tag}` },
    { name: `Off ${tag}`, isActive: false },
  ]);
  const products = await list('products', { filter: `name contains '${tag}' and isActive eq false`, fields: 'name' });
  assert.deepEqual(products.data.map((r) => r.name), [`Off ${tag}`]);
});

test('multi-field sort: directions and nulls (last ascending, first descending)', async () => {
  const tag = newTag();
  await createAll('accounts', [
    { name: 'b', city: 'x', employees: 1, tags: [tag] },
    { name: 'a', city: 'x', employees: 2, tags: [tag] },
    { name: 'c', employees: 3, tags: [tag] },
    { name: 'd', city: 'y', tags: [tag] },
    { name: 'e', city: 'x', employees: 2, tags: [tag] },
  ]);
  const order = async (sort: string) => (await list('accounts', { filter: `tags eq '${tag}'`, sort, fields: 'name' })).data.map((r) => r.name).join('');
  assert.equal(await order('name'), 'abcde');
  assert.equal(await order('-name'), 'edcba');
  assert.equal(await order('+name'), 'abcde');
  assert.equal(await order('city,name'), 'abedc');
  assert.equal(await order('-city,name'), 'cdabe');
  assert.equal(await order('city,-employees,name'), 'aebdc');
  assert.equal(await order('employees,-name'), 'beacd');
  assert.equal(await order('-employees,name'), 'dcaeb');
});

/** Every page of a list, following nextCursor. */
async function walk(object: string, params: Record<string, string | number>) {
  const pages: Record<string, any>[][] = [];
  let cursor: string | null = null;
  do {
    const page = await list(object, { ...params, ...(cursor ? { cursor } : {}) });
    assert.ok(page.data.length <= Number(params.limit));
    pages.push(page.data);
    cursor = page.nextCursor;
    assert.ok(pages.length < 200, 'pagination does not end');
  } while (cursor);
  return pages;
}

test('keyset pagination walks every record once, in order, with ties and nulls', async () => {
  const tag = newTag();
  const values = [null, 'x', 'y'];
  const records = Array.from({ length: 23 }, (_, i) => ({ name: `n${i % 4}`, city: values[i % 3], employees: i % 5 === 0 ? null : i % 2, tags: [tag] }));
  await createAll('accounts', records.slice(0, 12));
  await createAll('accounts', records.slice(12));
  for (const sort of ['name', '-name', 'city,-employees', '-city,employees,-name', 'createdAt', '-createdAt,city', 'employees,-id']) {
    const filter = `tags eq '${tag}'`;
    const full = (await list('accounts', { filter, sort, limit: 500 })).data.map((r) => r.id);
    assert.equal(full.length, 23);
    for (const limit of [1, 4, 7, 23]) {
      const pages = await walk('accounts', { filter, sort, limit, fields: 'name' });
      assert.deepEqual(pages.flat().map((r) => r.id), full, `sort=${sort} limit=${limit}`);
      assert.equal(pages.at(-1)!.length > 0 || pages.length === 1, true);
    }
  }
});

test('the default sort is newest first, and a page of exactly limit records ends the walk', async () => {
  const tag = newTag();
  const created = [];
  for (let i = 0; i < 3; i++) created.push((await createAll('accounts', [{ name: `n${i}`, tags: [tag] }]))[0]!.id);
  const page = await list('accounts', { filter: `tags eq '${tag}'`, limit: 3 });
  assert.deepEqual(page.data.map((r) => r.id), created.toReversed());
  assert.equal(page.nextCursor, null);
});

/** A sort key's value as JavaScript compares it (money by amount). */
const valueOf = (r: Record<string, any>, field: string) => (field === 'annualRevenue' ? (r[field] ? Number(r[field].amount) : null) : r[field]);

test('property: pages concatenated equal the full ordered list, for random data and sorts', async () => {
  const sortable = ['name', 'city', 'employees', 'annualRevenue', 'rating', 'createdAt', 'updatedAt', 'id'] as const;
  const record = fc.record({
    name: fc.constantFrom('a', 'b', 'c'),
    city: fc.option(fc.constantFrom('x', 'y'), { nil: null }),
    employees: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    annualRevenue: fc.option(fc.constantFrom('1.00', '2.50', '10.00'), { nil: null }),
    rating: fc.option(fc.constantFrom('A', 'B'), { nil: null }),
  });
  const sortKeys = fc.uniqueArray(fc.record({ field: fc.constantFrom(...sortable), isDescending: fc.boolean() }), {
    maxLength: 3,
    selector: (k) => k.field,
  });
  const batches = fc.array(fc.array(record, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 });

  await fc.assert(
    fc.asyncProperty(batches, sortKeys, fc.integer({ min: 1, max: 6 }), async (groups, keys, limit) => {
      const tag = newTag();
      for (const group of groups) await createAll('accounts', group.map((r) => ({ ...r, tags: [tag] })));
      const sort = keys.map((k) => `${k.isDescending ? '-' : ''}${k.field}`).join(',');
      const params = { filter: `tags eq '${tag}'`, ...(sort ? { sort } : {}) };
      const full = (await list('accounts', { ...params, limit: 500 })).data;
      assert.equal(full.length, groups.flat().length);
      // The big page is ordered by the requested keys (nulls last ascending, first descending).
      for (let i = 1; i < full.length; i++) {
        for (const { field, isDescending } of keys) {
          const [a, b] = [valueOf(full[i - 1]!, field), valueOf(full[i]!, field)];
          if (a === b) continue;
          const isAscending = a === null ? false : b === null ? true : a < b;
          assert.equal(isAscending, !isDescending, `${sort}: ${field} ${a} then ${b}`);
          break;
        }
      }
      const pages = await walk('accounts', { ...params, limit, fields: 'name' });
      assert.deepEqual(pages.flat().map((r) => r.id), full.map((r) => r.id), `sort=${sort} limit=${limit}`);
    }),
    { seed, numRuns: runs(15) },
  );
});

test('fields selects the returned fields; id and version always come back', async () => {
  const tag = newTag();
  const [contact] = await createAll('contacts', [{ name: '赵磊', city: '成都', tags: [tag] }]);
  const page = await list('contacts', { filter: `tags eq '${tag}'`, fields: 'name, city,name' });
  assert.deepEqual(page.data, [{ id: contact!.id, version: 1, name: '赵磊', city: '成都' }]);
  const one = await t.api('GET', `/api/v1/contacts/${contact!.id}?fields=accountIds,createdAt`);
  assert.deepEqual(Object.keys(one.body).toSorted(), ['accountIds', 'createdAt', 'id', 'version']);
  const unknown = await t.api('GET', `/api/v1/contacts?fields=name,salary`);
  assert.equal(unknown.status, 400);
  assert.deepEqual(unknown.body.errors.map((e: any) => [e.field, e.code]), [['fields', 'unknown_field']]);
});

test('count=true adds the total of all matching records, whatever the page', async () => {
  const tag = newTag();
  await createAll('accounts', Array.from({ length: 7 }, (_, i) => ({ name: `c${i}`, tags: [tag] })));
  const first = await list('accounts', { filter: `tags eq '${tag}'`, limit: 3, count: true });
  assert.equal(first.total, 7);
  assert.equal(first.data.length, 3);
  const second = await list('accounts', { filter: `tags eq '${tag}'`, limit: 3, count: true, cursor: first.nextCursor! });
  assert.equal(second.total, 7);
  assert.equal('total' in (await list('accounts', { filter: `tags eq '${tag}'` })), false);
  assert.equal((await list('accounts', { filter: `tags eq '${tag}' and name eq 'nobody'`, count: true })).total, 0);
});

test('limit: 50 by default, up to 500, anything else is a 400', async () => {
  const tag = newTag();
  await createAll('accounts', Array.from({ length: 52 }, (_, i) => ({ name: `l${i}`, tags: [tag] })));
  const page = await list('accounts', { filter: `tags eq '${tag}'` });
  assert.equal(page.data.length, 50);
  assert.ok(page.nextCursor);
  assert.equal((await list('accounts', { filter: `tags eq '${tag}'`, limit: 500 })).data.length, 52);
  assert.equal((await list('accounts', { filter: `tags eq '${tag}'`, limit: 1 })).data.length, 1);
  for (const limit of ['0', '-1', '501', '1.5', 'ten', '']) {
    const r = await t.api('GET', `/api/v1/accounts?limit=${limit}`);
    assert.equal(r.status, 400, `limit=${limit}`);
    assert.equal(r.body.errors[0].field, 'limit');
  }
});

test('deleted=true lists the recycle bin only', async () => {
  const tag = newTag();
  const [kept, gone] = await createAll('accounts', [{ name: 'kept', tags: [tag] }, { name: 'gone', tags: [tag] }]);
  assert.equal((await t.api('DELETE', `/api/v1/accounts/${gone!.id}`)).status, 204);
  assert.deepEqual((await list('accounts', { filter: `tags eq '${tag}'` })).data.map((r) => r.id), [kept!.id]);
  const bin = await list('accounts', { filter: `tags eq '${tag}'`, deleted: true, count: true });
  assert.deepEqual(bin.data.map((r) => r.id), [gone!.id]);
  assert.equal(bin.total, 1);
});
