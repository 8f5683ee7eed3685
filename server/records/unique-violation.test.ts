// A taken unique value: 409 naming the field, and the holder's id only for those who may read it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../testing.ts';
import { ensureUser } from '../platform/auth/users.ts';
import { createApiKey } from '../platform/auth/api-keys.ts';

let t: TestContext;
let rep: (method: 'POST' | 'PATCH', url: string, body: unknown) => Promise<{ status: number; body: any }>;

before(async () => {
  t = await startTestApp();
  const { id } = await ensureUser(t.db, { email: 'unique-rep@example.com', name: 'Rep', roleKey: 'sales_rep' });
  const { token } = await createApiKey(t.db, id, 'rep');
  rep = async (method, url, body) => {
    const r = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload: body as object });
    return { status: r.statusCode, body: JSON.parse(r.body) };
  };
});
after(() => t.close());

test('a taken external id on create, update and bulk names the field and the record that holds it', async () => {
  const holder = await t.create('accounts', { name: '唯一值持有者', externalId: 'UNIQ-1' });
  const created = await t.api('POST', '/api/v1/accounts', { name: '重复者', externalId: 'UNIQ-1' });
  assert.equal(created.status, 409);
  assert.equal(created.body.code, 'conflict');
  assert.deepEqual(created.body.errors, [{ field: 'externalId', code: 'unique_violation', message: 'is already used by another record', existingId: holder.id }]);

  const other = await t.create('accounts', { name: '另一家', externalId: 'UNIQ-2' });
  const updated = await t.api('PATCH', `/api/v1/accounts/${other.id}`, { externalId: 'UNIQ-1' });
  assert.equal(updated.status, 409);
  assert.equal(updated.body.errors[0].existingId, holder.id);

  const bulk = await t.api('POST', '/api/v1/accounts/bulk', { action: 'create', records: [{ name: '批量一', externalId: 'UNIQ-3' }, { name: '批量二', externalId: 'UNIQ-1' }] });
  assert.equal(bulk.status, 409);
  assert.equal(bulk.body.errors[0].field, 'externalId');
  assert.equal(bulk.body.errors[0].existingId, holder.id);
  assert.equal((await t.api('GET', '/api/v1/accounts?filter=' + encodeURIComponent("externalId eq 'UNIQ-3'"))).body.data.length, 0, 'nothing of the bulk was written');
});

test('the holder stays unnamed for someone who may not read it', async () => {
  await t.create('accounts', { name: '别人的私有客户', externalId: 'SECRET-1' });
  const created = await rep('POST', '/api/v1/accounts', { name: '我的客户', externalId: 'SECRET-1' });
  assert.equal(created.status, 409);
  assert.deepEqual(created.body.errors, [{ field: 'externalId', code: 'unique_violation', message: 'is already used by another record' }]);
  assert.doesNotMatch(JSON.stringify(created.body), /别人的私有客户/);
});
