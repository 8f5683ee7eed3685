// Web sessions over HTTP: sign-in and cookie attributes, CSRF, fixation, idle and absolute timeouts
// on a controllable clock, sign-out, sign-out everywhere, and ending sessions of disabled users.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../../testing.ts';
import { sessions, users } from '../db/schema.ts';
import { listAuditEvents } from '../audit/audit.ts';
import { endAllSessions, sessionIdOf, SESSION_COOKIE } from './sessions.ts';
import { assertProblem, createUser, fakeClock, MINUTE, send, signIn } from './test-support.ts';

const clock = fakeClock();
let t: TestContext;

before(async () => {
  t = await startTestApp({ now: clock.now, settings: { auth: { sessionIdleMinutes: 30, sessionMaxHours: 12 } } });
});
after(() => t.close());

test('sign-in sets an HttpOnly, SameSite=Lax session cookie and returns the user and a CSRF token', async () => {
  const user = await createUser(t);
  const { cookie, csrf, reply } = await signIn(t, user);
  const set = reply.cookies.find((c) => c.name === SESSION_COOKIE)!;
  assert.equal(set.httpOnly, true);
  assert.equal(set.sameSite, 'Lax');
  assert.equal(set.path, '/');
  assert.equal(set.secure, undefined, 'not Secure over plain HTTP');
  assert.equal(set.maxAge, 12 * 3600);
  assert.equal(reply.body.user.email, user.email);
  assert.equal(reply.body.user.mfaEnabled, false);
  assert.equal(typeof csrf, 'string');
  assert.ok(csrf.length >= 40);
  assert.equal(reply.headers['cache-control'], 'no-store');
  // Only a hash of the cookie is stored.
  const [row] = await t.db.orm.select().from(sessions).where(eq(sessions.id, sessionIdOf(cookie)));
  assert.ok(row);
  assert.notEqual(row.id, cookie);
  const me = await send(t, 'GET', '/api/v1/auth/me', { cookie });
  assert.equal(me.status, 200);
  assert.equal(me.body.user.id, user.id);
  assert.equal(me.body.via, 'session');
  assert.equal(me.body.csrfToken, csrf);
});

test('a wrong password or unknown e-mail gets the same 401, and neither sets a cookie', async () => {
  const user = await createUser(t);
  const wrong = await send(t, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: 'not the password' } });
  const unknown = await send(t, 'POST', '/api/v1/auth/login', { body: { email: 'nobody@example.com', password: 'not the password' } });
  assertProblem(wrong, 401);
  assertProblem(unknown, 401);
  assert.equal(wrong.body.detail, unknown.body.detail);
  assert.equal(wrong.cookies.length, 0);
  const events = await listAuditEvents(t.db, 20);
  const failed = events.find((e) => e.action === 'auth.login_failed' && e.target === `user:${user.id}`);
  assert.ok(failed, 'the failure is audited');
  assert.equal((failed.details as Record<string, unknown>).reason, 'wrong_password');
  assert.ok(!JSON.stringify(events).includes('not the password'), 'no password in the audit trail');
});

test('the Secure flag is set when a trusted proxy says the request came over HTTPS', async () => {
  const proxied = await startTestApp({ now: clock.now, settings: { trustProxy: true } });
  try {
    const user = await createUser(proxied);
    const reply = await send(proxied, 'POST', '/api/v1/auth/login', {
      body: { email: user.email, password: user.password },
      headers: { 'x-forwarded-proto': 'https' },
    });
    assert.equal(reply.status, 200);
    assert.equal(reply.cookies.find((c) => c.name === SESSION_COOKIE)!.secure, true);
  } finally {
    await proxied.close();
  }
  // Without trustProxy the header is ignored.
  const user = await createUser(t);
  const reply = await send(t, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password }, headers: { 'x-forwarded-proto': 'https' } });
  assert.equal(reply.cookies.find((c) => c.name === SESSION_COOKIE)!.secure, undefined);
});

test('cookie-authenticated writes need the X-CSRF-Token of the session; reads and bearer keys do not', async () => {
  const user = await createUser(t, { roleKey: 'sales_rep' });
  const other = await createUser(t);
  const { cookie, csrf } = await signIn(t, user);
  const { csrf: otherCsrf } = await signIn(t, other);
  const body = { name: 'CSRF test account' };
  const missing = await send(t, 'POST', '/api/v1/accounts', { cookie, body });
  assertProblem(missing, 403);
  assert.equal(missing.body.errors[0].code, 'csrf');
  assertProblem(await send(t, 'POST', '/api/v1/accounts', { cookie, body, csrf: 'x'.repeat(43) }), 403);
  assertProblem(await send(t, 'POST', '/api/v1/accounts', { cookie, body, csrf: otherCsrf }), 403);
  assertProblem(await send(t, 'POST', '/api/v1/auth/logout', { cookie }), 403);
  assert.equal((await send(t, 'GET', '/api/v1/accounts', { cookie })).status, 200);
  const created = await send(t, 'POST', '/api/v1/accounts', { cookie, body, csrf });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const viaKey = await t.api('POST', '/api/v1/accounts', { name: 'Bearer account' });
  assert.equal(viaKey.status, 201);
});

test('sign-in never reuses a presented session cookie (fixation) and issues a new id each time', async () => {
  const user = await createUser(t);
  const planted = 'A'.repeat(43);
  const first = await signIn(t, user, { cookie: planted });
  assert.notEqual(first.cookie, planted);
  assertProblem(await send(t, 'GET', '/api/v1/auth/me', { cookie: planted }), 401);
  // Signing in again from a signed-in browser rotates: the old session ends, a new one begins.
  const second = await signIn(t, user, { cookie: first.cookie });
  assert.notEqual(second.cookie, first.cookie);
  assert.notEqual(second.csrf, first.csrf);
  assertProblem(await send(t, 'GET', '/api/v1/auth/me', { cookie: first.cookie }), 401);
  assert.equal((await send(t, 'GET', '/api/v1/auth/me', { cookie: second.cookie })).status, 200);
});

test('a session ends after the idle timeout; activity keeps it alive and lastSeenAt is written at most once a minute', async () => {
  const user = await createUser(t);
  const { cookie } = await signIn(t, user);
  const id = sessionIdOf(cookie);
  const lastSeen = async () => (await t.db.orm.select().from(sessions).where(eq(sessions.id, id)))[0]?.lastSeenAt.getTime();
  const signedInAt = await lastSeen();
  clock.advance(30 * 1000);
  assert.equal((await send(t, 'GET', '/api/v1/auth/me', { cookie })).status, 200);
  assert.equal(await lastSeen(), signedInAt, 'not written within the minute');
  clock.advance(29 * MINUTE);
  assert.equal((await send(t, 'GET', '/api/v1/auth/me', { cookie })).status, 200);
  assert.equal(await lastSeen(), clock.now().getTime(), 'touched after a minute');
  clock.advance(29 * MINUTE);
  assert.equal((await send(t, 'GET', '/api/v1/auth/me', { cookie })).status, 200, 'still alive: last seen 29 minutes ago');
  clock.advance(30 * MINUTE);
  const expired = await send(t, 'GET', '/api/v1/auth/me', { cookie });
  assertProblem(expired, 401);
  assert.ok(expired.cookies.some((c) => c.name === SESSION_COOKIE && c.value === ''), 'the cookie is cleared');
  assert.equal(await lastSeen(), undefined, 'the row is gone');
});

test('a session ends at the absolute timeout however active it is', async () => {
  const user = await createUser(t);
  const { cookie } = await signIn(t, user);
  for (let step = 1; step <= 35; step++) {
    clock.advance(20 * MINUTE);
    assert.equal((await send(t, 'GET', '/api/v1/auth/me', { cookie })).status, 200, `after ${step * 20} min`);
  }
  clock.advance(19 * MINUTE);
  assert.equal((await send(t, 'GET', '/api/v1/auth/me', { cookie })).status, 200, '11 h 59 min');
  clock.advance(1 * MINUTE);
  assertProblem(await send(t, 'GET', '/api/v1/auth/me', { cookie }), 401);
});

test('sign-out ends this session only; sign-out-all ends every session of the user', async () => {
  const user = await createUser(t);
  const a = await signIn(t, user);
  const b = await signIn(t, user);
  const c = await signIn(t, user);
  const out = await send(t, 'POST', '/api/v1/auth/logout', { cookie: a.cookie, csrf: a.csrf });
  assert.equal(out.status, 204);
  assert.ok(out.cookies.some((x) => x.name === SESSION_COOKIE && x.value === ''));
  assertProblem(await send(t, 'GET', '/api/v1/auth/me', { cookie: a.cookie }), 401);
  assert.equal((await send(t, 'GET', '/api/v1/auth/me', { cookie: b.cookie })).status, 200);
  assert.equal((await send(t, 'POST', '/api/v1/auth/logout-all', { cookie: b.cookie, csrf: b.csrf })).status, 204);
  assertProblem(await send(t, 'GET', '/api/v1/auth/me', { cookie: b.cookie }), 401);
  assertProblem(await send(t, 'GET', '/api/v1/auth/me', { cookie: c.cookie }), 401);
  const actions = (await listAuditEvents(t.db, 50)).filter((e) => e.actorId === user.id).map((e) => e.action);
  assert.ok(actions.includes('auth.logout'));
  assert.ok(actions.includes('auth.logout_all'));
  assert.ok(actions.includes('auth.login'));
});

test('disabling a user ends their sessions and refuses sign-in; endAllSessions ends them too', async () => {
  const user = await createUser(t);
  const { cookie } = await signIn(t, user);
  await t.db.orm.update(users).set({ isActive: false }).where(eq(users.id, user.id));
  assertProblem(await send(t, 'GET', '/api/v1/auth/me', { cookie }), 401);
  assertProblem(await send(t, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } }), 401);
  await t.db.orm.update(users).set({ isActive: true }).where(eq(users.id, user.id));
  const again = await signIn(t, user);
  assert.equal(await endAllSessions(t.db, user.id), 1);
  assertProblem(await send(t, 'GET', '/api/v1/auth/me', { cookie: again.cookie }), 401);
});

test('no credentials, a malformed cookie or a bad bearer key get 401 problem+json', async () => {
  assertProblem(await send(t, 'GET', '/api/v1/accounts'), 401);
  assertProblem(await send(t, 'GET', '/api/v1/accounts', { cookie: 'garbage' }), 401);
  assertProblem(await send(t, 'GET', '/api/v1/accounts', { headers: { authorization: 'Bearer gx_nope' } }), 401);
  assertProblem(await send(t, 'GET', '/api/v1/accounts', { headers: { authorization: 'Basic Zm9vOmJhcg==' } }), 401);
  // Malformed sign-in bodies are 400, never 5xx.
  for (const body of [{}, { email: 'a@b.c' }, { email: 1, password: 2 }, { email: 'a@b.c', password: 'x'.repeat(5000) }, 'not json']) {
    const reply = await send(t, 'POST', '/api/v1/auth/login', { body, headers: typeof body === 'string' ? { 'content-type': 'application/json' } : {} });
    assert.ok(reply.status >= 400 && reply.status < 500, `${JSON.stringify(body)} → ${reply.status}`);
  }
});
