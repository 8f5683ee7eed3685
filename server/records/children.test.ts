// Owned child records and auto-number fields over HTTP, with a module defined here: estimates
// numbered E-<year>-000001 …, and estimate lines that belong to their estimate.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../testing.ts';
import { installedModules } from '../domains/index.ts';
import { createApiKey } from '../platform/auth/api-keys.ts';
import { defineModule, installModules, purgeDeletedRecords } from './index.ts';

const label = (en: string) => ({ en, 'zh-CN': en });
const estimates = defineModule({
  name: 'estimates',
  objects: [
    {
      name: 'estimates',
      label: label('Estimate'),
      labelPlural: label('Estimates'),
      table: 'estimates',
      titleField: 'name',
      access: { default: 'private' },
      fields: [
        { name: 'name', type: 'text', label: label('Name'), isRequired: true, isSearchable: true },
        { name: 'number', type: 'autoNumber', format: 'E-{YYYY}-{000000}', label: label('Number') },
      ],
    },
    {
      name: 'estimateLines',
      label: label('Estimate line'),
      labelPlural: label('Estimate lines'),
      table: 'estimate_lines',
      titleField: 'product',
      access: { default: 'publicReadWrite' }, // ignored: a line is read and written through its estimate
      fields: [
        { name: 'estimateId', type: 'parent', target: 'estimates', label: label('Estimate'), isRequired: true },
        { name: 'product', type: 'text', label: label('Product'), isRequired: true, isSearchable: true },
        { name: 'quantity', type: 'number', label: label('Quantity') },
      ],
    },
  ],
});

let t: TestContext;
const year = new Date().getUTCFullYear();

before(async () => {
  t = await startTestApp({ modules: installModules([...installedModules.modules, estimates]) });
});
after(() => t.close());

/** A sales rep in a team of their own, with an API key. */
async function rep(name: string) {
  const roles = (await t.api('GET', '/api/v1/admin/roles')).body.data as Array<{ key: string; id: string }>;
  const team = (await t.api('POST', '/api/v1/admin/teams', { name })).body.id;
  const user = await t.api('POST', '/api/v1/admin/users', {
    email: `${name}@example.com`, name, roleId: roles.find((r) => r.key === 'sales_rep')!.id, teamIds: [team],
  });
  const { token } = await createApiKey(t.db, user.body.id, name);
  const as = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => {
    const r = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });
    return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null };
  };
  return { id: user.body.id as string, as };
}

const numbers = (records: Array<{ number: string }>) => records.map((r) => r.number);

test('auto numbers: assigned at create in order, never written by clients, filterable', async () => {
  const first = await t.create('estimates', { name: 'First' });
  assert.equal(first.number, `E-${year}-000001`);
  const bulk = await t.api('POST', '/api/v1/estimates/bulk', { action: 'create', records: [{ name: 'Second' }, { name: 'Third' }] });
  assert.deepEqual(numbers(bulk.body.data), [`E-${year}-000002`, `E-${year}-000003`]);

  const sent = await t.api('POST', '/api/v1/estimates', { name: 'Mine', number: 'E-1' });
  assert.equal(sent.status, 400);
  assert.deepEqual(sent.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]), [['number', 'read_only']]);
  assert.equal((await t.api('PATCH', `/api/v1/estimates/${first.id}`, { number: 'E-1' })).status, 400);

  const rolledBack = await t.api('POST', '/api/v1/estimates/bulk', { action: 'create', records: [{ name: 'Kept?' }, { name: '' , unknown: 1 }] });
  assert.equal(rolledBack.status, 400);
  assert.equal((await t.create('estimates', { name: 'Fourth' })).number, `E-${year}-000004`, 'a rolled-back create leaves no gap');

  const found = await t.api('GET', `/api/v1/estimates?filter=${encodeURIComponent(`number eq 'E-${year}-000002'`)}`);
  assert.deepEqual(found.body.data.map((e: { name: string }) => e.name), ['Second']);
});

test('auto numbers are unique under concurrent creates', async () => {
  const created = await Promise.all(Array.from({ length: 12 }, (_, i) => t.api('POST', '/api/v1/estimates', { name: `Parallel ${i}` })));
  assert.ok(created.every((r) => r.status === 201), JSON.stringify(created.map((r) => r.status)));
  const taken = numbers(created.map((r) => r.body)).toSorted();
  assert.equal(new Set(taken).size, 12);
  const counters = taken.map((n) => Number(n.slice(-6)));
  assert.equal(counters.at(-1)! - counters[0]!, 11, 'one contiguous run');
});

test('an owned child is read by exactly those who read its parent, and changed by those who edit it', async () => {
  const [owner, other] = [await rep('estimator'), await rep('outsider')];
  const estimate = (await owner.as('POST', '/api/v1/estimates', { name: 'Private estimate' })).body;
  const line = await owner.as('POST', '/api/v1/estimateLines', { estimateId: estimate.id, product: 'Widget', quantity: 2 });
  assert.equal(line.status, 201, JSON.stringify(line.body));

  assert.equal((await other.as('GET', `/api/v1/estimateLines/${line.body.id}`)).status, 404);
  assert.deepEqual((await other.as('GET', '/api/v1/estimateLines')).body.data, []);
  assert.deepEqual((await other.as('GET', '/api/v1/search?q=Widget')).body.data, []);
  const intruder = await other.as('POST', '/api/v1/estimateLines', { estimateId: estimate.id, product: 'Injected' });
  assert.equal(intruder.status, 400);
  assert.equal(intruder.body.errors[0].field, 'estimateId');

  await owner.as('POST', `/api/v1/estimates/${estimate.id}/shares`, { principalType: 'user', principalId: other.id, access: 'read' });
  assert.equal((await other.as('GET', `/api/v1/estimateLines/${line.body.id}`)).status, 200, 'reads the parent, reads the line');
  assert.equal((await other.as('PATCH', `/api/v1/estimateLines/${line.body.id}`, { quantity: 3 })).status, 403);
  assert.equal((await other.as('POST', '/api/v1/estimateLines', { estimateId: estimate.id, product: 'Read-only add' })).status, 400);

  await owner.as('POST', `/api/v1/estimates/${estimate.id}/shares`, { principalType: 'user', principalId: other.id, access: 'edit' });
  assert.equal((await other.as('PATCH', `/api/v1/estimateLines/${line.body.id}`, { quantity: 3 })).status, 200, 'edits the parent, edits the line');
  const direct = await owner.as('POST', `/api/v1/estimateLines/${line.body.id}/shares`, { principalType: 'user', principalId: other.id, access: 'read' });
  assert.equal(direct.status, 400, 'a line is shared with its estimate');
});

test('an owned child goes with its parent: hidden while it is deleted, back on restore, purged with it', async () => {
  const estimate = await t.create('estimates', { name: 'Doomed' });
  const line = await t.create('estimateLines', { estimateId: estimate.id, product: 'Gadget' });
  assert.equal((await t.api('DELETE', `/api/v1/estimates/${estimate.id}`)).status, 204);
  assert.equal((await t.api('GET', `/api/v1/estimateLines/${line.id}`)).status, 404);
  assert.ok(!(await t.api('GET', '/api/v1/estimateLines?limit=500')).body.data.some((l: { id: string }) => l.id === line.id));

  assert.equal((await t.api('POST', `/api/v1/estimates/${estimate.id}/restore`)).status, 200);
  assert.equal((await t.api('GET', `/api/v1/estimateLines/${line.id}`)).status, 200);

  await t.api('DELETE', `/api/v1/estimates/${estimate.id}`);
  await purgeDeletedRecords(t.db, t.registry, new Date(Date.now() + 31 * 86_400_000));
  const rows = await t.db.rows(sql`select id from estimate_lines where id = ${line.id}::uuid`);
  assert.equal(rows.length, 0);
});
