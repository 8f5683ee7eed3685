// The sales module over HTTP: probability derived from the stage (stored and in the history), a lost
// opportunity needs a reason (single, bulk and upsert writes alike), and the close command, which
// keeps the caller's record access.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../../testing.ts';
import { createApiKey } from '../../platform/auth/api-keys.ts';

let t: TestContext;

before(async () => {
  t = await startTestApp();
});
after(() => t.close());

async function patch(id: string, body: Record<string, unknown>) {
  return t.api('PATCH', `/api/v1/opportunities/${id}`, body);
}

const fieldErrors = (body: { errors?: Array<{ field: string; code: string }> }) => (body.errors ?? []).map((e) => `${e.field}:${e.code}`);

test('a stage brings its probability unless the write sets one; the derived value is in the history', async () => {
  const deal = await t.create('opportunities', { name: 'Derived 推导' });
  assert.equal(deal.stage, 'interest');
  assert.equal(deal.probability, 10, 'the default stage derives too');

  const moved = await patch(deal.id, { stage: 'negotiation' });
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
  assert.equal(moved.body.probability, 70);
  assert.equal((await t.api('GET', `/api/v1/opportunities/${deal.id}`)).body.probability, 70, 'stored, not only answered');
  const [latest] = (await t.api('GET', `/api/v1/opportunities/${deal.id}/history`)).body.data;
  assert.deepEqual(
    latest.changes.find((c: { field: string }) => c.field === 'probability'),
    { field: 'probability', from: 10, to: 70 },
  );

  const own = await patch(deal.id, { stage: 'preference', probability: 35 });
  assert.equal(own.body.probability, 35, "the caller's own estimate wins");
  const other = await patch(deal.id, { amount: '5000' });
  assert.equal(other.body.probability, 35, 'a write that keeps the stage keeps the probability');
});

test('a lost opportunity needs a loss reason: 400 naming the field, on every write path', async () => {
  const deal = await t.create('opportunities', { name: 'Lost 输单', stage: 'negotiation' });
  const refused = await patch(deal.id, { stage: 'lost' });
  assert.equal(refused.status, 400);
  assert.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8');
  assert.deepEqual(fieldErrors(refused.body), ['lossReason:required']);
  assert.equal((await t.api('GET', `/api/v1/opportunities/${deal.id}`)).body.stage, 'negotiation', 'nothing written');

  const lost = await patch(deal.id, { stage: 'lost', lossReason: '价格太高' });
  assert.equal(lost.status, 200);
  assert.equal(lost.body.probability, 0);
  assert.deepEqual(fieldErrors((await patch(deal.id, { lossReason: '' })).body), ['lossReason:required'], 'the reason cannot be cleared');

  const bulk = await t.api('POST', '/api/v1/opportunities/bulk', {
    action: 'create',
    records: [{ name: 'Bulk ok' }, { name: 'Bulk lost', stage: 'lost' }],
  });
  assert.equal(bulk.status, 400);
  assert.deepEqual(fieldErrors(bulk.body), ['records.1.lossReason:required']);
  assert.equal((await t.api('GET', `/api/v1/opportunities?filter=${encodeURIComponent("name eq 'Bulk ok'")}`)).body.data.length, 0, 'all or nothing');

  const upsert = await t.api('PUT', '/api/v1/opportunities/by/externalId/ERP-LOST-1', { name: 'Upserted', stage: 'lost' });
  assert.equal(upsert.status, 400);
  assert.deepEqual(fieldErrors(upsert.body), ['lossReason:required']);
  const upserted = await t.api('PUT', '/api/v1/opportunities/by/externalId/ERP-LOST-1', { name: 'Upserted', stage: 'won' });
  assert.equal(upserted.status, 201);
  assert.equal(upserted.body.probability, 100, 'upserts derive too');
});

test('POST /opportunities/{id}/close: won or lost through the write path, with If-Match', async () => {
  const deal = await t.create('opportunities', { name: 'Close 成交', stage: 'negotiation' });
  const noReason = await t.api('POST', `/api/v1/opportunities/${deal.id}/close`, { outcome: 'lost' });
  assert.equal(noReason.status, 400);
  assert.deepEqual(fieldErrors(noReason.body), ['lossReason:required']);
  assert.equal((await t.api('POST', `/api/v1/opportunities/${deal.id}/close`, { outcome: 'won', lossReason: 'x' })).status, 400);
  assert.equal((await t.api('POST', `/api/v1/opportunities/${deal.id}/close`, { outcome: 'maybe' })).status, 400);

  const lost = await t.api('POST', `/api/v1/opportunities/${deal.id}/close`, { outcome: 'lost', lossReason: 'No decision' });
  assert.equal(lost.status, 200, JSON.stringify(lost.body));
  assert.deepEqual([lost.body.stage, lost.body.probability, lost.body.lossReason], ['lost', 0, 'No decision']);
  assert.equal(lost.headers.etag, `"${lost.body.version}"`);

  const stale = await t.api('POST', `/api/v1/opportunities/${deal.id}/close`, { outcome: 'won' }, { 'if-match': `"${deal.version}"` });
  assert.equal(stale.status, 412);
  const won = await t.api('POST', `/api/v1/opportunities/${deal.id}/close`, { outcome: 'won' }, { 'if-match': lost.headers.etag as string });
  assert.equal(won.status, 200);
  assert.deepEqual([won.body.stage, won.body.probability, won.body.lossReason], ['won', 100, null], 'a won deal has no loss reason');
  assert.equal((await t.api('POST', `/api/v1/opportunities/not-an-id/close`, { outcome: 'won' })).status, 404);
  const documented = (await t.api('GET', '/api/v1/openapi.json')).body.paths['/api/v1/opportunities/{id}/close'];
  assert.deepEqual(documented?.post?.tags, ['Sales'], 'the command is in the OpenAPI document');
});

test("the close command keeps record access: a rep cannot close another team's private opportunity", async () => {
  const roles = (await t.api('GET', '/api/v1/admin/roles')).body.data as Array<{ key: string; id: string }>;
  const repRole = roles.find((r) => r.key === 'sales_rep')!.id;
  const rep = async (name: string) => {
    const team = (await t.api('POST', '/api/v1/admin/teams', { name })).body.id;
    const user = await t.api('POST', '/api/v1/admin/users', { email: `${name}@example.com`, name, roleId: repRole, teamIds: [team] });
    return { id: user.body.id as string, token: (await createApiKey(t.db, user.body.id, name)).token };
  };
  const [north, south] = [await rep('north'), await rep('south')];
  const deal = await t.create('opportunities', { name: 'South only 南区', ownerId: south.id });
  const close = (token: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/opportunities/${deal.id}/close`, headers: { authorization: `Bearer ${token}` }, payload: { outcome: 'won' } });

  const anonymous = await t.app.inject({ method: 'POST', url: `/api/v1/opportunities/${deal.id}/close`, payload: { outcome: 'won' } });
  assert.equal(anonymous.statusCode, 401, 'module routes sit behind the API authentication');
  assert.equal((await close(north.token)).statusCode, 404);
  assert.equal((await t.api('GET', `/api/v1/opportunities/${deal.id}`)).body.stage, 'interest', 'untouched');
  const byOwner = await close(south.token);
  assert.equal(byOwner.statusCode, 200);
  assert.equal(JSON.parse(byOwner.body).updatedBy, south.id, 'written as the caller');
});
