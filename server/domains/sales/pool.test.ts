// The customer pool over HTTP: the daily return of idle accounts, who sees which pool, the claim limit,
// two reps racing for one account (exactly one wins), and every move in the account's history.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../../testing.ts';
import { createApiKey } from '../../platform/auth/api-keys.ts';
import { ensureUser } from '../../platform/auth/users.ts';
import { newId } from '../../platform/ids.ts';
import { returnIdleAccounts, SYSTEM_ACTOR_ID } from './pool.ts';

let t: TestContext;
const reps: Record<'ann' | 'bob' | 'cat', { id: string; token: string }> = {} as never;
let eastTeam: string;
let westTeam: string;

async function makeTeam(name: string, memberIds: string[]): Promise<string> {
  const id = newId();
  await t.db.rows(sql`insert into teams (id, name) values (${id}::uuid, ${name})`);
  for (const userId of memberIds) await t.db.rows(sql`insert into team_members (team_id, user_id, is_primary) values (${id}::uuid, ${userId}::uuid, true)`);
  return id;
}

function as(rep: keyof typeof reps) {
  return (method: 'GET' | 'POST', url: string, body?: unknown) => t.api(method, url, body, { authorization: `Bearer ${reps[rep].token}` });
}

async function poolAccount(name: string, teamId: string | null) {
  const account = await t.create('accounts', { name });
  await t.db.rows(sql`update accounts set owner_id = null, pool_team_id = ${teamId}, pooled_at = now() where id = ${account.id}::uuid`);
  return account.id as string;
}

const ownerChange = (entry: { changes: Array<{ field: string; from: unknown; to: unknown }> }) => entry.changes.find((c) => c.field === 'ownerId');

async function setPool(body: Record<string, unknown>) {
  const saved = await t.api('PUT', '/api/v1/sales/settings/pool', body);
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
}

before(async () => {
  t = await startTestApp();
  for (const name of ['ann', 'bob', 'cat'] as const) {
    const { id } = await ensureUser(t.db, { email: `${name}@pool.example.com`, name, roleKey: 'sales_rep' });
    reps[name] = { id, token: (await createApiKey(t.db, id, 'pool tests')).token };
  }
  eastTeam = await makeTeam('华东组', [reps.ann.id, reps.bob.id]);
  westTeam = await makeTeam('West', [reps.cat.id]);
  await setPool({ defaultIdleDays: null, defaultClaimLimit: 5, teams: [{ teamId: eastTeam, idleDays: 10, claimLimit: 2 }] });
});
after(() => t.close());

test('the daily job returns accounts whose owner logged nothing for their team’s days, and only those', async () => {
  const idle = await t.create('accounts', { name: '闲置客户', ownerId: reps.ann.id });
  const busy = await t.create('accounts', { name: 'Busy account', ownerId: reps.ann.id });
  const noRule = await t.create('accounts', { name: 'West idle', ownerId: reps.cat.id });
  for (const id of [idle.id, busy.id, noRule.id]) {
    await t.db.rows(sql`update accounts set created_at = now() - interval '30 days', owned_since = now() - interval '30 days' where id = ${id}::uuid`);
  }
  // A call the owner logged yesterday keeps the account theirs.
  await t.api('POST', '/api/v1/activities', { type: 'call', subject: '回访', accountId: busy.id, ownerId: reps.ann.id });

  // Through the scheduled job itself, on a clock of its own.
  const job = t.registry.modules.jobsFor({ db: t.db, registry: t.registry, now: () => new Date() }).find((j) => j.name === 'sales.return-idle-accounts');
  assert.ok(job?.schedule, 'a scheduled daily job');
  const lines: unknown[] = [];
  const log = { info: (details: unknown) => lines.push(details), warn: () => {}, error: () => {} };
  await job.handler({}, { jobId: 'test', attempt: 0, signal: new AbortController().signal, log });
  assert.deepEqual(lines, [{ moved: 1 }]);
  const returned = (await t.api('GET', `/api/v1/accounts/${idle.id}`)).body;
  assert.equal(returned.ownerId, null);
  assert.equal(returned.poolTeamId, eastTeam, 'into the pool of the owner’s team');
  assert.ok(returned.pooledAt);
  assert.equal((await t.api('GET', `/api/v1/accounts/${busy.id}`)).body.ownerId, reps.ann.id);
  assert.equal((await t.api('GET', `/api/v1/accounts/${noRule.id}`)).body.ownerId, reps.cat.id, 'the default (never) applies to the west team');

  const [entry] = (await t.api('GET', `/api/v1/accounts/${idle.id}/history`)).body.data;
  assert.equal(entry.actorId, SYSTEM_ACTOR_ID);
  assert.deepEqual(entry.changes.find((c: { field: string }) => c.field === 'ownerId'), { field: 'ownerId', from: reps.ann.id, to: null });
  assert.equal(await returnIdleAccounts(t.db, t.registry, new Date()), 0, 'nothing left to return');
});

test('a rep sees the pools of their teams and the company pool, never another team’s', async () => {
  const east = await poolAccount('East pool account', eastTeam);
  const west = await poolAccount('West pool account', westTeam);
  const company = await poolAccount('公司公海客户', null);
  const seen = async (rep: keyof typeof reps) => ((await as(rep)('GET', '/api/v1/pool/accounts?limit=200')).body.data as Array<{ id: string }>).map((a) => a.id);
  const bobSees = await seen('bob');
  assert.ok(bobSees.includes(east) && bobSees.includes(company));
  assert.ok(!bobSees.includes(west));
  const catSees = await seen('cat');
  assert.ok(catSees.includes(west) && !catSees.includes(east));
  assert.equal((await as('cat')('POST', `/api/v1/pool/accounts/${east}/claim`)).status, 404, 'another team’s pool is not there for them');
  const overview = (await as('bob')('GET', '/api/v1/pool')).body;
  assert.deepEqual(overview.pools.map((p: { teamName: string | null }) => p.teamName), [null, '华东组']);
  assert.equal(overview.claimLimit, 2);
});

test('a rep claims up to their team’s limit; returning one frees a place', async () => {
  await t.db.rows(sql`update accounts set owner_id = ${reps.ann.id}::uuid, claimed_at = null where owner_id is null`);
  const [a, b, c] = [await poolAccount('Claim A', eastTeam), await poolAccount('Claim B', eastTeam), await poolAccount('Claim C', null)];
  const first = await as('bob')('POST', `/api/v1/pool/accounts/${a}/claim`);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.deepEqual({ held: first.body.held, remaining: first.body.remaining }, { held: 1, remaining: 1 });
  assert.equal((await as('bob')('POST', `/api/v1/pool/accounts/${b}/claim`)).body.remaining, 0);
  const refused = await as('bob')('POST', `/api/v1/pool/accounts/${c}/claim`);
  assert.equal(refused.status, 409);
  assert.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8');
  assert.match(refused.body.detail, /2/);
  assert.equal((await t.api('GET', `/api/v1/accounts/${c}`)).body.ownerId, null, 'still in the pool');

  const returned = await as('bob')('POST', `/api/v1/pool/accounts/${a}/return`);
  assert.equal(returned.status, 200, JSON.stringify(returned.body));
  assert.equal(returned.body.poolTeamId, eastTeam);
  assert.equal((await as('bob')('POST', `/api/v1/pool/accounts/${a}/return`)).status, 404, 'no longer theirs to see');
  assert.equal((await as('bob')('POST', `/api/v1/pool/accounts/${c}/claim`)).status, 200, 'a place was freed');
  assert.equal((await as('bob')('GET', '/api/v1/pool')).body.remaining, 0);
});

test('two reps racing for one account: exactly one wins, the other is told it is taken', async () => {
  await setPool({ defaultIdleDays: null, defaultClaimLimit: 100, teams: [{ teamId: eastTeam, idleDays: 10, claimLimit: 100 }] });
  for (let round = 0; round < 5; round++) {
    const id = await poolAccount(`Race ${round}`, eastTeam);
    const answers = await Promise.all([as('ann')('POST', `/api/v1/pool/accounts/${id}/claim`), as('bob')('POST', `/api/v1/pool/accounts/${id}/claim`)]);
    const statuses = answers.map((r) => r.status).toSorted();
    assert.deepEqual(statuses, [200, 409], JSON.stringify(answers.map((r) => r.body)));
    const winner = answers[0]!.status === 200 ? reps.ann.id : reps.bob.id;
    assert.equal((await t.api('GET', `/api/v1/accounts/${id}`)).body.ownerId, winner);
    const history = (await t.api('GET', `/api/v1/accounts/${id}/history`)).body.data;
    const claims = history.filter((e: { action: string; changes: Array<{ field: string }> }) => e.action === 'update' && e.changes.some((c) => c.field === 'ownerId'));
    assert.equal(claims.length, 1, 'one owner change in the history');
  }
});

test('one rep claiming two accounts at once with one place left gets exactly one', async () => {
  const { held } = (await as('ann')('GET', '/api/v1/pool')).body;
  await setPool({ defaultIdleDays: null, defaultClaimLimit: 100, teams: [{ teamId: eastTeam, idleDays: 10, claimLimit: held + 1 }] });
  const [x, y] = [await poolAccount('Quota X', eastTeam), await poolAccount('Quota Y', eastTeam)];
  const answers = await Promise.all([x, y].map((id) => as('ann')('POST', `/api/v1/pool/accounts/${id}/claim`)));
  assert.deepEqual(answers.map((r) => r.status).toSorted(), [200, 409], JSON.stringify(answers.map((r) => r.body)));
  assert.equal((await as('ann')('GET', '/api/v1/pool')).body.held, held + 1);
  await setPool({ defaultIdleDays: null, defaultClaimLimit: 100, teams: [{ teamId: eastTeam, idleDays: 10, claimLimit: 100 }] });
});

test('a claim and a return are in the account’s history, by the rep', async () => {
  const id = await poolAccount('History 历史', eastTeam);
  assert.equal((await as('ann')('POST', `/api/v1/pool/accounts/${id}/claim`)).status, 200);
  assert.equal((await as('ann')('POST', `/api/v1/pool/accounts/${id}/return`)).status, 200);
  const [back, claim] = (await t.api('GET', `/api/v1/accounts/${id}/history`)).body.data;
  assert.equal(claim.actorId, reps.ann.id);
  assert.deepEqual(ownerChange(claim), { field: 'ownerId', from: null, to: reps.ann.id });
  assert.equal(back.actorId, reps.ann.id);
  assert.deepEqual(ownerChange(back), { field: 'ownerId', from: reps.ann.id, to: null });
  assert.ok(back.changes.some((c: { field: string }) => c.field === 'pooledAt'));
});

test('settings are for administrators and are checked', async () => {
  assert.equal((await as('ann')('GET', '/api/v1/sales/settings/pool')).status, 403);
  const unknownTeam = await t.api('PUT', '/api/v1/sales/settings/pool', { defaultIdleDays: 5, defaultClaimLimit: 1, teams: [{ teamId: newId(), idleDays: 1, claimLimit: 1 }] });
  assert.equal(unknownTeam.status, 400);
  assert.deepEqual(unknownTeam.body.errors.map((e: { field: string }) => e.field), ['teams.0.teamId']);
  assert.equal((await t.api('PUT', '/api/v1/sales/settings/pool', { defaultIdleDays: 0, defaultClaimLimit: 1, teams: [] })).status, 400);
  assert.equal((await as('ann')('POST', '/api/v1/pool/accounts/not-a-uuid/claim')).status, 400);
  assert.equal((await as('ann')('GET', '/api/v1/pool/accounts?cursor=zzz')).status, 400);
});
