// TOTP multi-factor sign-in over HTTP, on a controllable clock: enrolment, confirmation, sign-in
// with a TOTP code or a single-use recovery code, replay and wrong codes, turning it off, and the
// GUANXI_REQUIRE_MFA restriction. Codes are computed here from the secret the API returned.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { startTestApp, type TestContext } from '../../testing.ts';
import { listAuditEvents } from '../audit/audit.ts';
import { assertProblem, createUser, fakeClock, send, signIn } from './test-support.ts';

const clock = fakeClock('2030-05-01T09:00:00Z');
let t: TestContext;

before(async () => {
  t = await startTestApp({ now: clock.now });
});
after(() => t.close());

/** The TOTP code for `secret` at the test clock's time (plus `steps` periods). */
const codeAt = (secret: string, steps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), period: 30, digits: 6, algorithm: 'SHA1' }).generate({ timestamp: clock.now().getTime() + steps * 30_000 });

/** Signs a new user in, enrols and confirms MFA; returns what the tests need. */
async function userWithMfa(app: TestContext) {
  const user = await createUser(app);
  const { cookie, csrf } = await signIn(app, user);
  const enrolled = await send(app, 'POST', '/api/v1/auth/mfa/enroll', { cookie, csrf });
  assert.equal(enrolled.status, 200, JSON.stringify(enrolled.body));
  const { secret } = enrolled.body;
  const confirmed = await send(app, 'POST', '/api/v1/auth/mfa/confirm', { cookie, csrf, body: { otp: codeAt(secret) } });
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  clock.advance(30_000); // the confirming code's step is spent
  return { ...user, secret, recoveryCodes: confirmed.body.recoveryCodes as string[], cookie, csrf };
}

test('enrolment returns a secret, an otpauth:// URI and an SVG QR code; a wrong first code does not enable MFA', async () => {
  const user = await createUser(t);
  const { cookie, csrf } = await signIn(t, user);
  const enrolled = await send(t, 'POST', '/api/v1/auth/mfa/enroll', { cookie, csrf });
  assert.equal(enrolled.status, 200);
  assert.match(enrolled.body.secret, /^[A-Z2-7]{32}$/);
  const uri = new URL(enrolled.body.otpauthUri);
  assert.equal(uri.protocol, 'otpauth:');
  assert.equal(uri.host, 'totp');
  assert.equal(uri.searchParams.get('secret'), enrolled.body.secret);
  assert.equal(uri.searchParams.get('issuer'), 'Guanxi');
  assert.ok(decodeURIComponent(uri.pathname).includes(user.email));
  assert.match(enrolled.body.qrCode, /^data:image\/svg\+xml;base64,/);
  assert.match(Buffer.from(enrolled.body.qrCode.split(',')[1], 'base64').toString(), /<svg[\s\S]*<\/svg>/);

  const wrong = await send(t, 'POST', '/api/v1/auth/mfa/confirm', { cookie, csrf, body: { otp: codeAt(enrolled.body.secret, 5) } });
  assertProblem(wrong, 400);
  assert.equal(wrong.body.errors[0].field, 'otp');
  assert.equal((await send(t, 'GET', '/api/v1/auth/me', { cookie })).body.user.mfaEnabled, false);
});

test('confirming enables MFA and returns ten distinct recovery codes, stored only as hashes', async () => {
  const user = await userWithMfa(t);
  assert.equal(user.recoveryCodes.length, 10);
  assert.equal(new Set(user.recoveryCodes).size, 10);
  for (const code of user.recoveryCodes) assert.match(code, /^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  const me = await send(t, 'GET', '/api/v1/auth/me', { cookie: user.cookie });
  assert.equal(me.body.user.mfaEnabled, true);
  const [row] = await t.db.rows<{ mfa_recovery_codes: string[] }>(sql`select mfa_recovery_codes from users where id = ${user.id}::uuid`);
  assert.equal(row!.mfa_recovery_codes.length, 10);
  for (const code of user.recoveryCodes) assert.ok(!row!.mfa_recovery_codes.includes(code));
  // Enrolling again while MFA is on is refused.
  assertProblem(await send(t, 'POST', '/api/v1/auth/mfa/enroll', { cookie: user.cookie, csrf: user.csrf }), 409);
  const actions = (await listAuditEvents(t.db, 50)).filter((e) => e.actorId === user.id).map((e) => e.action);
  assert.ok(actions.includes('auth.mfa_enrolled') && actions.includes('auth.mfa_enabled'));
});

test('with MFA on, sign-in needs a valid TOTP code, which cannot be replayed', async () => {
  const user = await userWithMfa(t);
  const login = (otp?: string) => send(t, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password, ...(otp ? { otp } : {}) } });
  const missing = await login();
  assertProblem(missing, 401);
  assert.deepEqual(missing.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]), [['otp', 'required']]);
  assert.equal(missing.cookies.length, 0);
  const wrong = await login(codeAt(user.secret, 3));
  assertProblem(wrong, 401);
  assert.equal(wrong.body.errors[0].code, 'invalid');

  const code = codeAt(user.secret);
  const ok = await login(code);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assertProblem(await login(code), 401); // the same code again, within its 30 s
  clock.advance(30_000);
  assert.equal((await login(codeAt(user.secret))).status, 200, 'the next step works');
  // One step of clock drift either way is tolerated, two are not.
  clock.advance(30_000);
  assert.equal((await login(codeAt(user.secret, 1))).status, 200, 'a phone one step ahead');
  clock.advance(90_000);
  assertProblem(await login(codeAt(user.secret, -2)), 401);
});

test('a recovery code signs in once; case and dashes do not matter', async () => {
  const user = await userWithMfa(t);
  const [first, second] = user.recoveryCodes;
  const login = (otp: string) => send(t, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password, otp } });
  assert.equal((await login(first!)).status, 200);
  assertProblem(await login(first!), 401);
  assert.equal((await login(second!.replace('-', '').toLowerCase())).status, 200);
  const used = (await listAuditEvents(t.db, 50)).filter((e) => e.action === 'auth.mfa_recovery_code_used' && e.actorId === user.id);
  assert.equal(used.length, 2);
  assert.deepEqual(
    used.map((e) => (e.details as { remaining: number }).remaining).sort(),
    [8, 9],
  );
  const logins = (await listAuditEvents(t.db, 50)).filter((e) => e.action === 'auth.login' && e.actorId === user.id);
  assert.ok(logins.some((e) => (e.details as { method: string }).method === 'password+recovery_code'));
});

test('turning MFA off needs the password and a code', async () => {
  const user = await userWithMfa(t);
  const disable = (body: object) => send(t, 'POST', '/api/v1/auth/mfa/disable', { cookie: user.cookie, csrf: user.csrf, body });
  assertProblem(await disable({ password: 'wrong password!', otp: codeAt(user.secret) }), 400);
  assertProblem(await disable({ password: user.password, otp: '000000' === codeAt(user.secret) ? '111111' : '000000' }), 400);
  clock.advance(30_000);
  const off = await disable({ password: user.password, otp: codeAt(user.secret) });
  assert.equal(off.status, 200, JSON.stringify(off.body));
  assert.equal(off.body.enabled, false);
  assert.equal((await send(t, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } })).status, 200);
  assert.ok((await listAuditEvents(t.db, 50)).some((e) => e.action === 'auth.mfa_disabled' && e.actorId === user.id));
});

test('with GUANXI_REQUIRE_MFA, a user without MFA reaches only enrolment, me and sign-out until enrolled', async () => {
  const strict = await startTestApp({ now: clock.now, settings: { auth: { requireMfa: true } } });
  try {
    const user = await createUser(strict);
    const { cookie, csrf, reply } = await signIn(strict, user);
    assert.equal(reply.body.mfaEnrollmentRequired, true);
    const blocked = await send(strict, 'GET', '/api/v1/accounts', { cookie });
    assertProblem(blocked, 403);
    assert.equal(blocked.body.errors[0].code, 'mfa_enrollment_required');
    assertProblem(await send(strict, 'GET', '/api/v1/auth/api-keys', { cookie }), 403);
    const me = await send(strict, 'GET', '/api/v1/auth/me', { cookie });
    assert.equal(me.status, 200);
    assert.deepEqual(me.body.mfa, { enabled: false, required: true });
    const enrolled = await send(strict, 'POST', '/api/v1/auth/mfa/enroll', { cookie, csrf });
    assert.equal(enrolled.status, 200);
    const confirmed = await send(strict, 'POST', '/api/v1/auth/mfa/confirm', { cookie, csrf, body: { otp: codeAt(enrolled.body.secret) } });
    assert.equal(confirmed.status, 200);
    assert.equal((await send(strict, 'GET', '/api/v1/accounts', { cookie })).status, 200);
    // API keys are not restricted: they are not password sign-ins (docs/security.md).
    assert.equal((await strict.api('GET', '/api/v1/accounts')).status, 200);
  } finally {
    await strict.close();
  }
});
