// API keys over HTTP: created by their user (token shown once, stored hashed), an optional
// narrower role that is stored and enforced, revocation, lastUsedAt, and the per-key rate limit.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../../testing.ts';
import { apiKeys } from '../db/schema.ts';
import { listAuditEvents } from '../audit/audit.ts';
import { roleIdByKey } from '../access/roles.ts';
import { assertProblem, createUser, fakeClock, send, signIn } from './test-support.ts';

const clock = fakeClock('2030-11-01T12:00:00Z');
let t: TestContext;

before(async () => {
  t = await startTestApp({ now: clock.now });
});
after(() => t.close());

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

async function newKey(app: TestContext, session: { cookie: string; csrf: string }, body: object) {
  const created = await send(app, 'POST', '/api/v1/auth/api-keys', { ...session, body });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body as { id: string; token: string; roleId: string | null; prefix: string; name: string };
}

test('a user creates a key for themselves; the token is shown once and only its hash is stored', async () => {
  const user = await createUser(t, { roleKey: 'sales_rep' });
  const session = await signIn(t, user);
  const key = await newKey(t, session, { name: 'Zapier 集成' });
  assert.match(key.token, /^gx_[0-9a-f]{12}_[A-Za-z0-9_-]{32}$/);
  assert.equal(key.name, 'Zapier 集成');
  assert.equal(key.roleId, null);
  const listed = await send(t, 'GET', '/api/v1/auth/api-keys', { cookie: session.cookie });
  assert.equal(listed.status, 200);
  assert.deepEqual(listed.body.data.map((k: { id: string }) => k.id), [key.id]);
  assert.ok(!JSON.stringify(listed.body).includes(key.token.replace(/^gx_[0-9a-f]{12}_/, '')), 'no secret in the list');
  const [row] = await t.db.orm.select().from(apiKeys).where(eq(apiKeys.id, key.id));
  assert.ok(!JSON.stringify(row).includes(key.token.replace(/^gx_[0-9a-f]{12}_/, '')), 'no secret in the table');
  const me = await send(t, 'GET', '/api/v1/auth/me', bearer(key.token));
  assert.equal(me.status, 200);
  assert.equal(me.body.user.id, user.id);
  assert.equal(me.body.via, 'api_key');
  assert.equal(me.body.csrfToken, undefined);
  // Bearer requests need no CSRF token.
  assert.equal((await send(t, 'POST', '/api/v1/accounts', { ...bearer(key.token), body: { name: 'Made with a key' } })).status, 201);
  const event = (await listAuditEvents(t.db, 30)).find((e) => e.action === 'auth.api_key_created' && e.target === `api_key:${key.id}`);
  assert.ok(event);
  assert.ok(!JSON.stringify(event).includes(key.token));
});

test('a narrower role is stored and enforced; a key cannot mint keys, so none can widen itself', async () => {
  const admin = await createUser(t, { roleKey: 'administrator' });
  const session = await signIn(t, admin);
  const readOnlyId = await roleIdByKey(t.db, 'read_only');
  const key = await newKey(t, session, { name: 'reporting', roleId: readOnlyId });
  assert.equal(key.roleId, readOnlyId);
  const [row] = await t.db.orm.select({ roleId: apiKeys.roleId }).from(apiKeys).where(eq(apiKeys.id, key.id));
  assert.equal(row!.roleId, readOnlyId);
  assert.equal((await send(t, 'GET', '/api/v1/accounts', bearer(key.token))).status, 200);
  assertProblem(await send(t, 'POST', '/api/v1/accounts', { ...bearer(key.token), body: { name: 'Not allowed' } }), 403);
  assert.equal((await send(t, 'GET', '/api/v1/auth/me', bearer(key.token))).body.user.isAdmin, false);

  // A key mints no keys at all, so a read-only key cannot mint a broader one.
  const salesRep = await roleIdByKey(t.db, 'sales_rep');
  for (const body of [{ name: 'escalate?' }, { name: 'x', roleId: salesRep }]) {
    const minted = await send(t, 'POST', '/api/v1/auth/api-keys', { ...bearer(key.token), body });
    assertProblem(minted, 403);
    assert.equal(minted.body.errors[0].code, 'session_required');
  }

  assertProblem(await send(t, 'POST', '/api/v1/auth/api-keys', { ...session, body: { name: 'x', roleId: '01900000-0000-7000-8000-000000000000' } }), 400);
  assertProblem(await send(t, 'POST', '/api/v1/auth/api-keys', { ...session, body: { name: 'x', roleId: 'not-a-uuid' } }), 400);
  assertProblem(await send(t, 'POST', '/api/v1/auth/api-keys', { ...session, body: { name: '' } }), 400);
  assertProblem(await send(t, 'POST', '/api/v1/auth/api-keys', { ...session, body: { name: 'x', extra: true } }), 400);
});

test('a revoked key gets 401; only the owner can revoke it', async () => {
  const user = await createUser(t);
  const other = await createUser(t);
  const session = await signIn(t, user);
  const otherSession = await signIn(t, other);
  const key = await newKey(t, session, { name: 'to revoke' });
  assertProblem(await send(t, 'DELETE', `/api/v1/auth/api-keys/${key.id}`, otherSession), 404);
  assertProblem(await send(t, 'DELETE', '/api/v1/auth/api-keys/not-an-id', session), 404);
  assert.equal((await send(t, 'GET', '/api/v1/auth/me', bearer(key.token))).status, 200);
  assert.equal((await send(t, 'DELETE', `/api/v1/auth/api-keys/${key.id}`, session)).status, 204);
  const refused = await send(t, 'GET', '/api/v1/auth/me', bearer(key.token));
  assertProblem(refused, 401);
  assert.match(String(refused.headers['www-authenticate']), /^Bearer/);
  assertProblem(await send(t, 'DELETE', `/api/v1/auth/api-keys/${key.id}`, session), 404);
  const listed = await send(t, 'GET', '/api/v1/auth/api-keys', { cookie: session.cookie });
  assert.equal(listed.body.data[0].revokedAt, clock.now().toISOString());
  assert.ok((await listAuditEvents(t.db, 30)).some((e) => e.action === 'auth.api_key_revoked' && e.target === `api_key:${key.id}`));
});

test('a key made to expire works until its expiry and gets 401 from then on; no expiry is the default', async () => {
  const user = await createUser(t);
  const session = await signIn(t, user);
  const key = await newKey(t, session, { name: 'for a month', expiresInDays: 30 });
  const lasting = await newKey(t, session, { name: 'for ever' });
  const listed = (await send(t, 'GET', '/api/v1/auth/api-keys', { cookie: session.cookie })).body.data as Array<{ id: string; expiresAt: string | null }>;
  assert.equal(listed.find((k) => k.id === key.id)!.expiresAt, new Date(clock.now().getTime() + 30 * 86_400_000).toISOString());
  assert.equal(listed.find((k) => k.id === lasting.id)!.expiresAt, null);
  assert.equal((await send(t, 'GET', '/api/v1/auth/me', bearer(key.token))).status, 200);
  clock.advance(30 * 86_400_000 - 1_000);
  assert.equal((await send(t, 'GET', '/api/v1/auth/me', bearer(key.token))).status, 200, 'a second before its expiry (and cached)');
  clock.advance(1_000);
  assertProblem(await send(t, 'GET', '/api/v1/auth/me', bearer(key.token)), 401);
  assert.equal((await send(t, 'GET', '/api/v1/auth/me', bearer(lasting.token))).status, 200);
  const later = await signIn(t, user); // the first session has long ended
  for (const expiresInDays of [0, 3651, 1.5, '30']) {
    assertProblem(await send(t, 'POST', '/api/v1/auth/api-keys', { ...later, body: { name: 'x', expiresInDays } }), 400);
  }
});

test('lastUsedAt is recorded at most once a minute, with one "used" audit event each time', async () => {
  const user = await createUser(t);
  const key = await newKey(t, await signIn(t, user), { name: 'usage' });
  const lastUsed = async () => (await t.db.orm.select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, key.id)))[0]!.at;
  assert.equal(await lastUsed(), null);
  const firstUse = clock.now().getTime();
  await send(t, 'GET', '/api/v1/auth/me', bearer(key.token));
  assert.equal((await lastUsed())?.getTime(), firstUse);
  clock.advance(30_000);
  await send(t, 'GET', '/api/v1/auth/me', bearer(key.token));
  assert.equal((await lastUsed())?.getTime(), firstUse, 'not rewritten within the minute');
  clock.advance(31_000);
  await send(t, 'GET', '/api/v1/auth/me', bearer(key.token));
  assert.equal((await lastUsed())?.getTime(), clock.now().getTime());
  const used = (await listAuditEvents(t.db, 50)).filter((e) => e.action === 'auth.api_key_used' && e.target === `api_key:${key.id}`);
  assert.equal(used.length, 2);
});

test('each key is limited to its requests per minute: 429 with Retry-After, other keys unaffected', async () => {
  const limited = await startTestApp({ now: clock.now, settings: { auth: { apiKeyRateLimit: 3 } } });
  try {
    const user = await createUser(limited);
    const session = await signIn(limited, user);
    const a = await newKey(limited, session, { name: 'a' });
    const b = await newKey(limited, session, { name: 'b' });
    for (let i = 0; i < 3; i++) assert.equal((await send(limited, 'GET', '/api/v1/auth/me', bearer(a.token))).status, 200);
    const over = await send(limited, 'GET', '/api/v1/auth/me', bearer(a.token));
    assertProblem(over, 429);
    assert.ok(Number(over.headers['retry-after']) > 0 && Number(over.headers['retry-after']) <= 60);
    assert.equal((await send(limited, 'GET', '/api/v1/auth/me', bearer(b.token))).status, 200);
    // Sessions are not limited by the key limiter.
    for (let i = 0; i < 5; i++) assert.equal((await send(limited, 'GET', '/api/v1/auth/me', { cookie: session.cookie })).status, 200);
  } finally {
    await limited.close();
  }
});
