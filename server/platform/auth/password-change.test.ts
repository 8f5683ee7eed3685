// Changing one's own password over HTTP with a real SMTP peer: the current password is checked (and
// guessing it locks like sign-in), the new one meets the reset rules, other sessions end while this
// one and the API keys stay, old reset links die, the change is audited and a notice is mailed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSmtpPeer, type SmtpPeer } from '../mail/test-smtp.ts';
import { startTestApp, type TestContext } from '../../testing.ts';
import { listAuditEvents } from '../audit/audit.ts';
import { issuePasswordReset } from './password-reset.ts';
import { createMailer } from '../mail/mailer.ts';
import { assertProblem, createUser, fakeClock, send, signIn } from './test-support.ts';

const clock = fakeClock('2030-07-01T09:00:00Z');
let t: TestContext;
let smtp: SmtpPeer;

before(async () => {
  smtp = await startSmtpPeer();
  t = await startTestApp({ now: clock.now, settings: { mail: { smtpUrl: smtp.url, from: 'Guanxi <no-reply@example.com>' }, publicUrl: 'https://crm.example.com' } });
});
after(async () => {
  await t.close();
  await smtp.close();
});

const NEW_PASSWORD = 'a freshly chosen passphrase 新';
const change = (s: { cookie: string; csrf: string }, body: object, remoteAddress?: string) =>
  send(t, 'POST', '/api/v1/auth/password', { cookie: s.cookie, csrf: s.csrf, body, remoteAddress });

test('changing the password ends the other sessions, keeps this one and the API keys, and mails a notice', async () => {
  const user = await createUser(t, { locale: 'en' });
  const here = await signIn(t, user);
  const elsewhere = await signIn(t, user);
  const key = await send(t, 'POST', '/api/v1/auth/api-keys', { ...here, body: { name: 'kept' } });
  // A reset link asked for before the change must not work after it.
  const links = await issuePasswordReset(t.db, createMailer({ smtpUrl: smtp.url, from: 'x@example.com' }), { email: user.email, publicUrl: 'https://crm.example.com', now: clock.now() });
  assert.ok(links);
  const resetMail = await smtp.nextMailTo(user.email);
  const resetToken = /#token=([A-Za-z0-9_-]+)/.exec(resetMail.text ?? '')![1]!;

  const changed = await change(here, { currentPassword: user.password, newPassword: NEW_PASSWORD });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.equal(changed.body.otherSessionsEnded, 1);
  assert.equal((await send(t, 'GET', '/api/v1/auth/me', { cookie: here.cookie })).status, 200, 'this session stays');
  assertProblem(await send(t, 'GET', '/api/v1/auth/me', { cookie: elsewhere.cookie }), 401);
  assert.equal((await send(t, 'GET', '/api/v1/auth/me', { headers: { authorization: `Bearer ${key.body.token}` } })).status, 200, 'keys stay');
  assertProblem(await send(t, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } }), 401);
  assert.equal((await send(t, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: NEW_PASSWORD } })).status, 200);
  const spent = await send(t, 'POST', '/api/v1/auth/password-reset/confirm', { body: { token: resetToken, password: 'another good passphrase' } });
  assertProblem(spent, 400);

  const notice = await smtp.nextMailTo(user.email);
  assert.equal(notice.subject, 'Your Guanxi password was changed');
  assert.ok(!notice.text!.includes(NEW_PASSWORD));
  const event = (await listAuditEvents(t.db, 50)).find((e) => e.actorId === user.id && e.action === 'auth.password_changed');
  assert.ok(event);
  assert.ok(!JSON.stringify(event).includes(NEW_PASSWORD) && !JSON.stringify(event).includes(user.password));
});

test('a wrong current password is a field error; guessing it locks the account like sign-in', async () => {
  const user = await createUser(t);
  const s = await signIn(t, user);
  const wrong = await change(s, { currentPassword: 'not it at all', newPassword: NEW_PASSWORD }, '10.8.0.1');
  assertProblem(wrong, 400);
  assert.deepEqual(wrong.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]), [['currentPassword', 'invalid']]);
  for (let i = 0; i < 4; i++) await change(s, { currentPassword: `guess ${i}`, newPassword: NEW_PASSWORD }, '10.8.0.1');
  const locked = await change(s, { currentPassword: user.password, newPassword: NEW_PASSWORD }, '10.8.0.1');
  assertProblem(locked, 429);
  assert.ok(Number(locked.headers['retry-after']) > 0);
  clock.advance(16 * 60_000);
});

test('the new password meets the same rules as a reset; an API key cannot change it', async () => {
  const user = await createUser(t);
  const s = await signIn(t, user);
  for (const [newPassword, code] of [
    ['short', 'minLength'],
    ['password1', 'common'],
    [user.email, 'context'],
    ['x'.repeat(129), 'maxLength'],
  ] as const) {
    const refused = await change(s, { currentPassword: user.password, newPassword });
    assertProblem(refused, 400);
    assert.deepEqual([refused.body.errors[0].field, refused.body.errors[0].code], ['newPassword', code]);
  }
  const chinese = await send(t, 'POST', '/api/v1/auth/password', { ...s, body: { currentPassword: user.password, newPassword: 'password1' }, headers: { 'accept-language': 'zh-CN' } });
  assert.match(chinese.body.errors[0].message, /常用的密码/);
  for (const body of [{}, { currentPassword: user.password }, { currentPassword: user.password, newPassword: NEW_PASSWORD, extra: 1 }, { currentPassword: 1, newPassword: 2 }]) {
    assertProblem(await change(s, body), 400);
  }
  const byKey = await t.api('POST', '/api/v1/auth/password', { currentPassword: 'x', newPassword: NEW_PASSWORD });
  assert.equal(byKey.status, 403);
  assert.equal(byKey.body.errors[0].code, 'session_required');
  assert.equal((await send(t, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } })).status, 200, 'unchanged');
});
