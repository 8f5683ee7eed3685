// Password reset end to end through a real SMTP peer (smtp-server on a random loopback port): the
// mail arrives in the user's language with a one-time link, the token sets a new password once,
// every session ends, and unknown addresses get the same 202 with no mail.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParsedMail } from 'mailparser';
import { startSmtpPeer, type SmtpPeer } from '../mail/test-smtp.ts';
import { eq } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../../testing.ts';
import { users } from '../db/schema.ts';
import { listAuditEvents } from '../audit/audit.ts';
import { assertProblem, createUser, fakeClock, MINUTE, send, signIn } from './test-support.ts';

const clock = fakeClock('2030-09-01T07:00:00Z');
let t: TestContext;
let smtp: SmtpPeer;
const PUBLIC_URL = 'https://crm.example.com';
const nextMailTo = (to: string) => smtp.nextMailTo(to);

before(async () => {
  smtp = await startSmtpPeer();
  t = await startTestApp({
    now: clock.now,
    settings: { mail: { smtpUrl: smtp.url, from: 'Guanxi <no-reply@example.com>' }, publicUrl: PUBLIC_URL },
  });
});
after(async () => {
  await t.close();
  await smtp.close();
});

const tokenFrom = (mail: ParsedMail) => {
  const link = /https:\/\/crm\.example\.com\/reset-password#token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '');
  assert.ok(link, `a reset link in:\n${mail.text}`);
  return link[1]!;
};

test('a reset link arrives by SMTP, sets a new password once, and ends every session', async () => {
  const user = await createUser(t, { locale: 'en' });
  const { cookie } = await signIn(t, user);
  const requested = await send(t, 'POST', '/api/v1/auth/password-reset', { body: { email: user.email.toUpperCase() } });
  assert.equal(requested.status, 202);
  const mail = await nextMailTo(user.email);
  assert.equal(mail.subject, 'Reset your Guanxi password');
  assert.equal(mail.from?.value[0]?.address, 'no-reply@example.com');
  const token = tokenFrom(mail);
  assert.ok(mail.text!.includes('60 minutes'));

  const weak = await send(t, 'POST', '/api/v1/auth/password-reset/confirm', { body: { token, password: 'password1' } });
  assertProblem(weak, 400);
  assert.equal(weak.body.errors[0].code, 'common');
  const newPassword = 'a brand new passphrase 新密码';
  const done = await send(t, 'POST', '/api/v1/auth/password-reset/confirm', { body: { token, password: newPassword } });
  assert.equal(done.status, 204, JSON.stringify(done.body));
  assertProblem(await send(t, 'GET', '/api/v1/auth/me', { cookie }), 401);
  assertProblem(await send(t, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } }), 401);
  assert.equal((await send(t, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: newPassword } })).status, 200);
  const again = await send(t, 'POST', '/api/v1/auth/password-reset/confirm', { body: { token, password: 'yet another passphrase' } });
  assertProblem(again, 400);
  assert.equal(again.body.errors[0].field, 'token');
  const actions = (await listAuditEvents(t.db, 40)).filter((e) => e.target === `user:${user.id}`).map((e) => e.action);
  assert.ok(actions.includes('auth.password_reset_requested'));
  assert.ok(actions.includes('auth.password_reset_completed'));
});

test('the mail is in Chinese for a zh-CN user; a link expires after an hour', async () => {
  const user = await createUser(t, { locale: 'zh-CN' });
  assert.equal((await send(t, 'POST', '/api/v1/auth/password-reset', { body: { email: user.email } })).status, 202);
  const mail = await nextMailTo(user.email);
  assert.equal(mail.subject, '重置您的 Guanxi 密码');
  assert.ok(mail.text!.includes('60 分钟后失效'));
  const token = tokenFrom(mail);
  clock.advance(61 * MINUTE);
  assertProblem(await send(t, 'POST', '/api/v1/auth/password-reset/confirm', { body: { token, password: 'a fine new passphrase' } }), 400);
});

test('unknown or disabled addresses get the same 202 and no mail; a made-up token is refused', async () => {
  const unknown = await send(t, 'POST', '/api/v1/auth/password-reset', { body: { email: 'nobody-here@example.com' } });
  assert.equal(unknown.status, 202);
  assert.deepEqual(unknown.body, { status: 'accepted' });
  const disabled = await createUser(t, { locale: 'en' });
  await t.db.orm.update(users).set({ isActive: false }).where(eq(users.id, disabled.id));
  const refused = await send(t, 'POST', '/api/v1/auth/password-reset', { body: { email: disabled.email } });
  assert.equal(refused.status, 202);
  assert.deepEqual(refused.body, unknown.body);
  // A real address sent afterwards proves the others produced no mail in between (one SMTP connection at a time).
  const user = await createUser(t, { locale: 'en' });
  await send(t, 'POST', '/api/v1/auth/password-reset', { body: { email: user.email } });
  await nextMailTo(user.email);
  assert.equal(smtp.inbox.length, 0);
  for (const token of ['x', 'A'.repeat(43), 'A'.repeat(200)]) {
    assertProblem(await send(t, 'POST', '/api/v1/auth/password-reset/confirm', { body: { token, password: 'a fine new passphrase' } }), 400);
  }
});

test('at most three reset mails per account per hour; the answer stays 202', async () => {
  const user = await createUser(t, { locale: 'en' });
  for (let i = 0; i < 4; i++) {
    assert.equal((await send(t, 'POST', '/api/v1/auth/password-reset', { body: { email: user.email } })).status, 202);
  }
  for (let i = 0; i < 3; i++) await nextMailTo(user.email);
  const marker = await createUser(t, { locale: 'en' });
  await send(t, 'POST', '/api/v1/auth/password-reset', { body: { email: marker.email } });
  await nextMailTo(marker.email);
  assert.equal(smtp.inbox.filter((m) => JSON.stringify(m.to).includes(user.email)).length, 0, 'no fourth mail');
});
