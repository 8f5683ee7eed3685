// Custom fields and custom objects over HTTP: usable at once in writes, lists, filters, sorts, search
// and the OpenAPI document; deleting a field drops its column and is audited; bad definitions refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { validate, compileErrors } from '@readme/openapi-parser';
import { startTestApp, type ApiReply, type TestContext } from '../testing.ts';
import { ensureUser } from '../platform/auth/users.ts';
import { createApiKey } from '../platform/auth/api-keys.ts';

let t: TestContext;
const q = encodeURIComponent;
const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });

before(async () => {
  t = await startTestApp();
});
after(() => t.close());

async function addField(object: string, field: Record<string, unknown>): Promise<ApiReply> {
  return t.api('POST', `/api/v1/metadata/objects/${object}/fields`, { label: label(String(field.name), '字段'), ...field });
}

async function columnsOf(table: string): Promise<string[]> {
  const rows = await t.db.rows<{ column_name: string }>(sql`select column_name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table}`);
  return rows.map((r) => r.column_name);
}

/** Fetches /api/v1/openapi.json and validates it as OpenAPI 3.1. */
async function openApi(): Promise<Record<string, any>> {
  const r = await t.api('GET', '/api/v1/openapi.json');
  assert.equal(r.status, 200);
  assert.equal(r.body.openapi, '3.1.0');
  const result = await validate(structuredClone(r.body)); // validate() dereferences in place
  assert.ok(result.valid, result.valid ? '' : compileErrors(result));
  return r.body;
}

function assertProblem(r: ApiReply, status: number, field?: string): void {
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.match(String(r.headers['content-type']), /^application\/problem\+json/);
  if (field) assert.ok(r.body.errors?.some((e: any) => e.field === field), `${field} not in ${JSON.stringify(r.body.errors)}`);
}

test('the OpenAPI document is valid OpenAPI 3.1 with a schema and paths for every object', async () => {
  const doc = await openApi();
  for (const name of ['Accounts', 'AccountsCreate', 'AccountsUpdate', 'Contacts', 'Opportunities', 'Users', 'Problem']) {
    assert.ok(doc.components.schemas[name], name);
  }
  assert.ok(doc.paths['/api/v1/accounts'].post);
  assert.ok(doc.paths['/api/v1/accounts/by/{externalField}/{value}'].put);
  assert.equal(doc.paths['/api/v1/users'].post, undefined); // read-only
  assert.equal(doc.components.schemas.AccountsCreate.additionalProperties, false);
});

test('a custom field on a standard object is usable at once: write, read, filter, sort, search, OpenAPI', async () => {
  const credit = await addField('accounts', { name: 'creditLimit', type: 'currency', label: label('Credit limit', '信用额度'), isIndexed: true });
  assert.equal(credit.status, 201, JSON.stringify(credit.body));
  assert.equal(credit.body.isCustom, true);
  assert.equal((await addField('accounts', { name: 'wechatGroup', type: 'text', isSearchable: true, maxLength: 50 })).status, 201);
  const segment = await addField('accounts', { name: 'segment', type: 'select', options: [{ value: 'smb', label: label('SMB', '中小企业') }, { value: 'ent', label: label('Enterprise', '大客户') }] });
  assert.equal(segment.status, 201);

  const described = await t.api('GET', '/api/v1/metadata/objects/accounts');
  assert.ok(described.body.fields.some((f: any) => f.name === 'creditLimit' && f.type === 'currency' && f.isCustom));
  assert.equal(described.body.table, undefined);

  const make = (name: string, limit: string | null, segmentValue: string, group: string) =>
    t.api('POST', '/api/v1/accounts', { name, creditLimit: limit, segment: segmentValue, wechatGroup: group });
  const big = await make('Custom Big', '500000', 'ent', '华东大客户群');
  assert.equal(big.status, 201, JSON.stringify(big.body));
  assert.deepEqual(big.body.creditLimit, { amount: '500000.00', currency: 'CNY' });
  assert.equal((await make('Custom Small', '800.5', 'smb', 'smb群')).status, 201);
  assert.equal((await make('Custom None', null, 'smb', 'none')).status, 201);
  assertProblem(await make('Custom Bad', 'lots', 'mid', 'x'), 400, 'segment');

  const list = await t.api('GET', `/api/v1/accounts?fields=name,creditLimit&sort=-creditLimit&filter=${q("name startsWith 'Custom' and creditLimit gt 1000")}`);
  assert.deepEqual(list.body.data.map((a: any) => a.name), ['Custom Big']);
  const sorted = await t.api('GET', `/api/v1/accounts?fields=name&sort=creditLimit&filter=${q("name startsWith 'Custom'")}`);
  assert.deepEqual(sorted.body.data.map((a: any) => a.name), ['Custom Small', 'Custom Big', 'Custom None']);
  const bySegment = await t.api('GET', `/api/v1/accounts?count=true&filter=${q("segment eq 'smb'")}`);
  assert.equal(bySegment.body.total, 2);
  const found = await t.api('GET', `/api/v1/search?q=${q('华东大客户')}`);
  assert.deepEqual(found.body.data.map((h: any) => h.id), [big.body.id]);

  const doc = await openApi();
  assert.ok(doc.components.schemas.Accounts.properties.creditLimit);
  assert.ok(doc.components.schemas.AccountsCreate.properties.segment);
  assert.ok(doc.components.schemas.AccountsUpdate.properties.wechatGroup);
});

test('custom field constraints: required, unique, default', async () => {
  assert.equal((await addField('leads', { name: 'badgeNo', type: 'text', isUnique: true })).status, 201);
  assert.equal((await addField('leads', { name: 'region', type: 'text', isRequired: true })).status, 201);
  assert.equal((await addField('leads', { name: 'priority', type: 'number', default: 3 })).status, 201);
  assertProblem(await t.api('POST', '/api/v1/leads', { name: 'No region' }), 400, 'region');
  const lead = await t.api('POST', '/api/v1/leads', { name: 'With region', region: '华南', badgeNo: 'B-1' });
  assert.equal(lead.status, 201);
  assert.equal(lead.body.priority, 3);
  assert.equal((await t.api('POST', '/api/v1/leads', { name: 'Duplicate', region: '华南', badgeNo: 'B-1' })).status, 409);
});

test('a custom object with a lookup to accounts: CRUD, lookup filters, history, metadata and OpenAPI', async () => {
  const created = await t.api('POST', '/api/v1/metadata/objects', {
    name: 'agreements',
    label: label('Agreement', '协议'),
    labelPlural: label('Agreements', '协议'),
    fields: [
      { name: 'accountId', type: 'lookup', target: 'accounts', label: label('Account', '客户') },
      { name: 'signedOn', type: 'date', label: label('Signed on', '签订日期') },
      { name: 'value', type: 'currency', label: label('Value', '金额') },
      { name: 'contactIds', type: 'multiLookup', target: 'contacts', label: label('Signatories', '签约人') },
      { name: 'status', type: 'select', label: label('Status', '状态'), options: [{ value: 'draft', label: label('Draft', '草稿') }, { value: 'signed', label: label('Signed', '已签') }], default: 'draft' },
    ],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.titleField, 'name');
  assert.deepEqual(created.body.fields.map((f: any) => f.name), ['name', 'accountId', 'signedOn', 'value', 'contactIds', 'status']);

  const account = (await t.api('POST', '/api/v1/accounts', { name: '上海远景贸易', city: '上海' })).body;
  const contact = (await t.api('POST', '/api/v1/contacts', { name: '周敏' })).body;
  const contract = await t.api('POST', '/api/v1/agreements', { name: '2026 年框架协议', accountId: account.id, signedOn: '2026-04-01', value: '120000', contactIds: [contact.id] });
  assert.equal(contract.status, 201, JSON.stringify(contract.body));
  assert.equal(contract.body.status, 'draft');
  assert.deepEqual(contract.body.contactIds, [contact.id]);
  assertProblem(await t.api('POST', '/api/v1/agreements', { signedOn: '2026-04-01' }), 400, 'name');
  assertProblem(await t.api('POST', '/api/v1/agreements', { name: 'x', accountId: contact.id }), 400, 'accountId');

  const patched = await t.api('PATCH', `/api/v1/agreements/${contract.body.id}`, { status: 'signed' }, { 'if-match': '"1"' });
  assert.equal(patched.status, 200);
  assert.equal(patched.body.version, 2);
  const list = await t.api('GET', `/api/v1/agreements?filter=${q("account.city eq '上海' and contactIds.name eq '周敏' and status eq 'signed'")}`);
  assert.deepEqual(list.body.data.map((c: any) => c.id), [contract.body.id]);
  assert.deepEqual((await t.api('GET', `/api/v1/search?q=${q('框架协议')}`)).body.data.map((h: any) => h.object), ['agreements']);

  assert.equal((await t.api('DELETE', `/api/v1/agreements/${contract.body.id}`)).status, 204);
  assert.equal((await t.api('GET', `/api/v1/agreements/${contract.body.id}`)).status, 404);
  assert.equal((await t.api('POST', `/api/v1/agreements/${contract.body.id}/restore`)).status, 200);
  const history = await t.api('GET', `/api/v1/agreements/${contract.body.id}/history`);
  assert.deepEqual(history.body.data.map((h: any) => h.action), ['restore', 'delete', 'update', 'create']);

  const objects = await t.api('GET', '/api/v1/metadata/objects');
  assert.ok(objects.body.data.some((o: any) => o.name === 'agreements' && o.isCustom));
  const doc = await openApi();
  assert.ok(doc.paths['/api/v1/agreements'].get && doc.paths['/api/v1/agreements/{id}'].patch);
  assert.ok(doc.components.schemas.AgreementsCreate.properties.contactIds);

  // A multi-lookup lives in a junction table: deleting the field drops it.
  assert.ok((await columnsOf('x_agreements__contact_ids')).length > 0);
  assert.equal((await t.api('DELETE', '/api/v1/metadata/objects/agreements/fields/contactIds')).status, 204);
  assert.deepEqual(await columnsOf('x_agreements__contact_ids'), []);
  const read = await t.api('GET', `/api/v1/agreements/${contract.body.id}`);
  assert.equal(read.status, 200);
  assert.equal('contactIds' in read.body, false);
  assertProblem(await t.api('GET', `/api/v1/agreements?filter=${q("contactIds.name eq '周敏'")}`), 400, 'filter');
});

test('deleting a custom field drops its column and its values, and is audited', async () => {
  assert.equal((await addField('opportunities', { name: 'competitor', type: 'text', isSearchable: true })).status, 201);
  assert.equal((await addField('opportunities', { name: 'decisionMakerPhone', type: 'phone' })).status, 201);
  assert.ok((await columnsOf('opportunities')).includes('decision_maker_phone_original'));
  const opp = (await t.api('POST', '/api/v1/opportunities', { name: 'Field drop', competitor: 'Rival Inc', decisionMakerPhone: '13800138000' })).body;
  assert.equal(opp.competitor, 'Rival Inc');

  assert.equal((await t.api('DELETE', '/api/v1/metadata/objects/opportunities/fields/competitor')).status, 204);
  assert.equal((await t.api('DELETE', '/api/v1/metadata/objects/opportunities/fields/decisionMakerPhone')).status, 204);
  const columns = await columnsOf('opportunities');
  for (const column of ['competitor', 'decision_maker_phone', 'decision_maker_phone_original']) assert.ok(!columns.includes(column), column);
  const read = await t.api('GET', `/api/v1/opportunities/${opp.id}`);
  assert.equal('competitor' in read.body, false);
  assertProblem(await t.api('GET', `/api/v1/opportunities?filter=${q("competitor eq 'Rival Inc'")}`), 400, 'filter');
  assertProblem(await t.api('PATCH', `/api/v1/opportunities/${opp.id}`, { competitor: 'x' }), 400, 'competitor');
  const doc = await openApi();
  assert.equal(doc.components.schemas.Opportunities.properties.competitor, undefined);

  const audit = await t.db.rows<{ action: string; target: string; actor_id: string }>(sql`select action, target, actor_id from audit_events
    where target like 'opportunities.%' order by at, id`);
  assert.deepEqual(audit.map((a) => [a.action, a.target]), [
    ['metadata.field.create', 'opportunities.competitor'],
    ['metadata.field.create', 'opportunities.decisionMakerPhone'],
    ['metadata.field.delete', 'opportunities.competitor'],
    ['metadata.field.delete', 'opportunities.decisionMakerPhone'],
  ]);
  assert.ok(audit.every((a) => a.actor_id === t.adminId));

  // Added again, the field starts empty: the old values went with the column.
  assert.equal((await addField('opportunities', { name: 'competitor', type: 'text' })).status, 201);
  assert.equal((await t.api('GET', `/api/v1/opportunities/${opp.id}`)).body.competitor, null);
});

test(
  'a deleted searchable field no longer finds records',
  async () => {
    assert.equal((await addField('products', { name: 'supplierName', type: 'text', isSearchable: true })).status, 201);
    const product = (await t.api('POST', '/api/v1/products', { name: 'Widget', supplierName: 'Acmecorp' })).body;
    assert.deepEqual((await t.api('GET', '/api/v1/search?q=acmecorp')).body.data.map((h: any) => h.id), [product.id]);
    assert.equal((await t.api('DELETE', '/api/v1/metadata/objects/products/fields/supplierName')).status, 204);
    assert.deepEqual((await t.api('GET', '/api/v1/search?q=acmecorp')).body.data, []);
  },
);

test('invalid field definitions are 400s naming the problem; taken names are 409s', async () => {
  const bad: Array<[Record<string, unknown>, string]> = [
    [{ name: 'Bad Name', type: 'text' }, 'name'],
    [{ name: 'x', type: 'text' }, 'name'],
    [{ name: 'ok1', type: 'colour' }, 'type'],
    [{ name: 'ok2', type: 'text', label: { en: 'only English' } }, 'label.zh-CN'],
    [{ name: 'ok3', type: 'lookup' }, 'target'],
    [{ name: 'ok4', type: 'lookup', target: 'planets' }, 'target'],
    [{ name: 'ok5', type: 'text', target: 'accounts' }, 'target'],
    [{ name: 'ok6', type: 'select' }, 'options'],
    [{ name: 'ok7', type: 'select', options: [{ value: 'a', label: label('A', 'A') }, { value: 'a', label: label('B', 'B') }] }, 'options'],
    [{ name: 'ok8', type: 'text', options: [{ value: 'a', label: label('A', 'A') }] }, 'options'],
    [{ name: 'ok9', type: 'json', isUnique: true }, 'isUnique'],
    [{ name: 'ok10', type: 'number', default: 'abc' }, 'default'],
    [{ name: 'ok11', type: 'phone', default: 'not a phone' }, 'default'],
    [{ name: 'ok12', type: 'date', default: '0000-01-01' }, 'default'],
    [{ name: 'ok13', type: 'text', isRequired: 'yes' }, 'isRequired'],
    [{ name: 'ok14', type: 'text', extra: true }, 'extra'],
    [{ name: 'searchTokens', type: 'text' }, 'name'], // an existing system column
    [{ name: 'deletedBy', type: 'text' }, 'name'],
    [{ name: 'phoneOriginal', type: 'text' }, 'name'], // the phone field's second column
    [{ name: 'annualRevenueCurrency', type: 'text' }, 'name'],
  ];
  for (const [field, name] of bad) assertProblem(await addField('accounts', field), 400, name);
  // users.password_hash exists though no field describes it: it must never become readable.
  assertProblem(await addField('users', { name: 'passwordHash', type: 'text' }), 400, 'name');
  assertProblem(await addField('users', { name: 'mfaSecret', type: 'text' }), 400, 'name');
  assert.ok((await t.api('GET', '/api/v1/users')).body.data.every((u: any) => !('passwordHash' in u)));

  assertProblem(await addField('accounts', { name: 'name', type: 'text' }), 409, 'name');
  assertProblem(await addField('accounts', { name: 'createdAt', type: 'datetime' }), 409, 'name');
  assertProblem(await addField('planets', { name: 'ok', type: 'text' }), 404);
  assertProblem(await t.api('DELETE', '/api/v1/metadata/objects/accounts/fields/name'), 403);
  assertProblem(await t.api('DELETE', '/api/v1/metadata/objects/accounts/fields/nothing'), 404);
  const described = await t.api('GET', '/api/v1/metadata/objects/accounts');
  assert.ok(!described.body.fields.some((f: any) => /^ok\d+$/.test(f.name)));
  assert.equal((await t.api('POST', '/api/v1/accounts', { name: 'Still writable' })).status, 201);
});

test('invalid object definitions: 400s, and 409 for a name in use', async () => {
  const base = { label: label('Thing', '东西'), labelPlural: label('Things', '东西') };
  assertProblem(await t.api('POST', '/api/v1/metadata/objects', { ...base, name: 'Bad name' }), 400, 'name');
  assertProblem(await t.api('POST', '/api/v1/metadata/objects', { name: 'things' }), 400);
  assertProblem(await t.api('POST', '/api/v1/metadata/objects', { ...base, name: 'things', fields: [{ name: 'ref', type: 'lookup', target: 'nowhere', label: base.label }] }), 400, 'fields.0.target');
  assertProblem(await t.api('POST', '/api/v1/metadata/objects', { ...base, name: 'things', fields: [{ name: 'name', type: 'text', label: base.label }] }), 409, 'fields.0.name');
  assertProblem(
    await t.api('POST', '/api/v1/metadata/objects', { ...base, name: 'things', fields: [{ name: 'phone', type: 'phone', label: base.label }, { name: 'phoneOriginal', type: 'text', label: base.label }] }),
    400,
    'fields.1.name',
  );
  for (const name of ['accounts', 'users', 'metadata', 'search', 'views', 'navigation', 'auth', 'admin', 'health']) {
    assertProblem(await t.api('POST', '/api/v1/metadata/objects', { ...base, name }), 409, 'name');
  }
  assert.equal((await t.api('GET', '/api/v1/things')).status, 404);
});

test('only administrators may change the data model', async () => {
  const { id } = await ensureUser(t.db, { email: 'viewer@example.com', name: 'Viewer 访客' });
  const { token } = await createApiKey(t.db, id, 'viewer');
  const as = (method: 'POST' | 'DELETE', url: string, body?: unknown) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body ? { payload: body as object } : {}) });
  assert.equal((await as('POST', '/api/v1/metadata/objects/accounts/fields', { name: 'sneaky', type: 'text', label: label('S', 'S') })).statusCode, 403);
  assert.equal((await as('POST', '/api/v1/metadata/objects', { name: 'sneaky', label: label('S', 'S'), labelPlural: label('S', 'S') })).statusCode, 403);
  assert.equal((await as('DELETE', '/api/v1/metadata/objects/accounts/fields/wechatGroup')).statusCode, 403);
  assert.ok(!(await columnsOf('accounts')).includes('sneaky'));
});

test("each object says what the caller may do with it, so screens offer only those actions", async () => {
  const admin = (await t.api('GET', '/api/v1/metadata/objects/accounts')).body;
  assert.ok(['read', 'create', 'edit', 'delete', 'export', 'import', 'changeOwner'].every((a) => admin.actions.includes(a)));
  const { id } = await ensureUser(t.db, { email: 'actions-viewer@example.com', name: 'Viewer 只读' });
  const { token } = await createApiKey(t.db, id, 'viewer');
  const r = await t.app.inject({ method: 'GET', url: '/api/v1/metadata/objects', headers: { authorization: `Bearer ${token}` } });
  const objects = JSON.parse(r.body).data as Array<{ name: string; actions: string[] }>;
  assert.ok(objects.length > 0);
  for (const object of objects) assert.deepEqual(object.actions, ['read'], object.name);
});
