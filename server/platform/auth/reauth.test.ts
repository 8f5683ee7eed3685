// Re-authentication over HTTP, on a controllable clock: a sign-in counts as proof for ten minutes;
// then each security action needs the password or a code in its body, or a POST /auth/reauth first.
// Wrong proofs answer reauth_invalid and lock like failed sign-ins. Also: new recovery codes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { startTestApp, type TestContext } from '../../testing.ts';
import { listAuditEvents } from '../audit/audit.ts';
import { assertProblem, createUser, fakeClock, MINUTE, send, signIn } from './test-support.ts';

const clock = fakeClock('2030-06-01T09:00:00Z');
let t: TestContext;

before(async () => {
  t = await startTestApp({ now: clock.now, settings: { auth: { loginMaxFailures: 3 } } });
});
after(() => t.close());

const codeAt = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), period: 30 }).generate({ timestamp: clock.now().getTime() });
let addresses = 0;
/** A user signed in from an address of their own, so throttling by address stays within one test. */
async function signedIn() {
  const remoteAddress = `10.9.0.${++addresses}`;
  const user = await createUser(t);
  return { ...user, ...(await signIn(t, user, { remoteAddress })), remoteAddress };
}
type Session = Awaited<ReturnType<typeof signedIn>>;
const as = (s: Session, method: 'POST' | 'DELETE', url: string, body?: object) =>
  send(t, method, url, { cookie: s.cookie, csrf: s.csrf, remoteAddress: s.remoteAddress, ...(body ? { body } : {}) });

function assertCode(reply: { status: number; headers: Record<string, unknown>; body: any }, status: number, code: string) {
  assertProblem(reply, status);
  assert.equal(reply.body.errors[0].code, code, JSON.stringify(reply.body));
}

test('a sign-in is proof for ten minutes; then every security action answers reauth_required', async () => {
  const s = await signedIn();
  const key = await as(s, 'POST', '/api/v1/auth/api-keys', { name: 'fresh' });
  assert.equal(key.status, 201, 'right after sign-in no proof is asked');
  clock.advance(10 * MINUTE);
  // Nothing else was done in between, so the session is idle-but-alive and no longer fresh.
  for (const [method, url, body] of [
    ['POST', '/api/v1/auth/api-keys', { name: 'late' }],
    ['DELETE', `/api/v1/auth/api-keys/${key.body.id}`],
    ['POST', '/api/v1/auth/mfa/enroll'],
    ['POST', '/api/v1/auth/mfa/confirm', { otp: '123456' }],
    ['POST', '/api/v1/auth/mfa/recovery-codes'],
    ['POST', '/api/v1/auth/logout-all'],
  ] as const) {
    const refused = await as(s, method, url, body);
    assertCode(refused, 403, 'reauth_required');
    assert.equal(refused.body.errors[0].field, 'reauth');
  }
  // The key was not revoked, and the refusal was in the caller's language.
  assert.equal((await send(t, 'GET', '/api/v1/auth/me', { headers: { authorization: `Bearer ${key.body.token}` } })).status, 200);
  const chinese = await send(t, 'POST', '/api/v1/auth/logout-all', { cookie: s.cookie, csrf: s.csrf, headers: { 'accept-language': 'zh-CN' } });
  assert.match(chinese.body.detail, /请确认是您本人/);
});

test('the password in the body proves it, and counts for ten more minutes', async () => {
  const s = await signedIn();
  clock.advance(11 * MINUTE);
  const key = await as(s, 'POST', '/api/v1/auth/api-keys', { name: 'with proof', reauth: { password: s.password } });
  assert.equal(key.status, 201, JSON.stringify(key.body));
  assert.equal((await as(s, 'DELETE', `/api/v1/auth/api-keys/${key.body.id}`)).status, 204, 'the proof was remembered');
  clock.advance(10 * MINUTE);
  assertCode(await as(s, 'POST', '/api/v1/auth/api-keys', { name: 'stale' }), 403, 'reauth_required');
  const events = (await listAuditEvents(t.db, 50)).filter((e) => e.actorId === s.id && e.action === 'auth.reauthenticated');
  assert.equal(events.length, 1);
  assert.equal((events[0]!.details as { method: string }).method, 'password');
});

test('POST /auth/reauth stamps the session; a wrong password is reauth_invalid and audited', async () => {
  const s = await signedIn();
  clock.advance(30 * 1000 + 10 * MINUTE);
  const wrong = await as(s, 'POST', '/api/v1/auth/reauth', { password: 'not my password' });
  assertCode(wrong, 403, 'reauth_invalid');
  assert.equal(wrong.body.errors[0].field, 'reauth.password');
  assertCode(await as(s, 'POST', '/api/v1/auth/api-keys', { name: 'x', reauth: { password: 'still wrong' } }), 403, 'reauth_invalid');
  assertProblem(await as(s, 'POST', '/api/v1/auth/reauth', { password: 'x', otp: '123456' }), 400);
  assertProblem(await as(s, 'POST', '/api/v1/auth/reauth', {}), 400);
  // The third failure reaches the limit (this app's setting): the account is locked, the right password too.
  assertProblem(await as(s, 'POST', '/api/v1/auth/reauth', { otp: '123456' }), 429); // no MFA: a code proves nothing
  const locked = await as(s, 'POST', '/api/v1/auth/reauth', { password: s.password });
  assertProblem(locked, 429);
  assert.ok(Number(locked.headers['retry-after']) > 0);
  assertProblem(await send(t, 'POST', '/api/v1/auth/login', { body: { email: s.email, password: s.password }, remoteAddress: '10.9.1.1' }), 429);
  clock.advance(16 * MINUTE);
  const ok = await as(s, 'POST', '/api/v1/auth/reauth', { password: s.password });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.reauthenticatedUntil, new Date(clock.now().getTime() + 10 * MINUTE).toISOString());
  assert.equal((await as(s, 'POST', '/api/v1/auth/logout-all')).status, 204);
  const failed = (await listAuditEvents(t.db, 80)).filter((e) => e.actorId === s.id && e.action === 'auth.reauth_failed');
  assert.equal(failed.length, 3);
  assert.ok(!JSON.stringify(failed).includes('not my password'), 'no password in the audit trail');
});

test('with MFA on, a TOTP code proves it too; new recovery codes replace the old ones', async () => {
  const s = await signedIn();
  const enrolled = await as(s, 'POST', '/api/v1/auth/mfa/enroll');
  assert.equal(enrolled.status, 200);
  const confirmed = await as(s, 'POST', '/api/v1/auth/mfa/confirm', { otp: codeAt(enrolled.body.secret) });
  assert.equal(confirmed.status, 200);
  const oldCodes = confirmed.body.recoveryCodes as string[];
  clock.advance(11 * MINUTE);
  assertCode(await as(s, 'POST', '/api/v1/auth/mfa/recovery-codes'), 403, 'reauth_required');
  const proof = codeAt(enrolled.body.secret);
  const renewed = await send(t, 'POST', '/api/v1/auth/mfa/recovery-codes', {
    cookie: s.cookie,
    csrf: s.csrf,
    body: { reauth: { otp: proof } },
    headers: { 'idempotency-key': 'codes-1' },
  });
  assert.equal(renewed.status, 200, JSON.stringify(renewed.body));
  const newCodes = renewed.body.recoveryCodes as string[];
  assert.equal(newCodes.length, 10);
  assert.ok(!newCodes.some((c) => oldCodes.includes(c)));
  const [{ stored }] = await t.db.rows<{ stored: number }>(sql`select count(*)::int as stored from idempotency_keys where key like '%codes-1'`);
  assert.equal(stored, 0, 'the codes are never stored for a replay');
  const login = (otp: string) => send(t, 'POST', '/api/v1/auth/login', { body: { email: s.email, password: s.password, otp }, remoteAddress: s.remoteAddress });
  assertProblem(await login(oldCodes[0]!), 401);
  assert.equal((await login(newCodes[0]!)).status, 200);
  const event = (await listAuditEvents(t.db, 80)).find((e) => e.actorId === s.id && e.action === 'auth.mfa_recovery_codes_regenerated');
  assert.ok(event);
  assert.ok(!JSON.stringify(event).includes(newCodes[1]!));
  // The TOTP step used as proof is spent: the same code does not prove it twice.
  assertCode(await as(s, 'POST', '/api/v1/auth/reauth', { otp: proof }), 403, 'reauth_invalid');
  assert.equal((await as(s, 'POST', '/api/v1/auth/reauth', { otp: newCodes[1]! })).status, 200, 'a recovery code proves it (and is used up)');
});

test('recovery codes cannot be renewed without MFA', async () => {
  const s = await signedIn();
  assertProblem(await as(s, 'POST', '/api/v1/auth/mfa/recovery-codes'), 409);
});
