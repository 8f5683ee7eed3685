// Invitation links over HTTP with a real SMTP peer: an administrator makes a seven-day link for a
// user (mailed and returned), the user chooses a password with it once and signs in; a used, expired
// or mistyped link is refused; only administrators may make one; without mail the link is returned.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSmtpPeer, type SmtpPeer } from '../mail/test-smtp.ts';
import { startTestApp, type TestContext } from '../../testing.ts';
import { listAuditEvents } from '../audit/audit.ts';
import { createApiKey } from './api-keys.ts';
import { assertProblem, createUser, fakeClock, MINUTE, send } from './test-support.ts';

const clock = fakeClock('2030-08-01T09:00:00Z');
let t: TestContext;
let smtp: SmtpPeer;
let salesRepRole: string;
const PASSWORD = 'my very own passphrase 口令';

before(async () => {
  smtp = await startSmtpPeer();
  t = await startTestApp({ now: clock.now, settings: { mail: { smtpUrl: smtp.url, from: 'Guanxi <no-reply@example.com>' }, publicUrl: 'https://crm.example.com' } });
  salesRepRole = (await t.api('GET', '/api/v1/admin/roles')).body.data.find((r: { key: string }) => r.key === 'sales_rep').id;
});
after(async () => {
  await t.close();
  await smtp.close();
});

let people = 0;
async function newPerson(locale = 'zh-CN') {
  const created = await t.api('POST', '/api/v1/admin/users', { email: `invitee${++people}@example.com`, name: `Invitee ${people} 受邀`, roleId: salesRepRole, locale });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body as { id: string; email: string };
}
const tokenOf = (link: string) => /^https:\/\/crm\.example\.com\/invite#token=([A-Za-z0-9_-]{43})$/.exec(link)![1]!;
const accept = (token: string, password = PASSWORD) => send(t, 'POST', '/api/v1/auth/invitation/accept', { body: { token, password } });

test('an administrator invites a new user: the link is mailed and returned, works once, and the user signs in', async () => {
  const person = await newPerson();
  const invited = await t.api('POST', `/api/v1/admin/users/${person.id}/invite`);
  assert.equal(invited.status, 201, JSON.stringify(invited.body));
  assert.equal(invited.body.email, person.email);
  assert.equal(invited.body.isMailed, true);
  assert.equal(invited.body.expiresAt, new Date(clock.now().getTime() + 7 * 24 * 60 * MINUTE).toISOString());
  const token = tokenOf(invited.body.link);
  const mail = await smtp.nextMailTo(person.email);
  assert.equal(mail.subject, '设置您的 Guanxi 密码');
  assert.ok(mail.text!.includes(invited.body.link));
  assert.ok(mail.text!.includes('7 天'));

  const weak = await accept(token, 'password1');
  assertProblem(weak, 400);
  assert.equal(weak.body.errors[0].code, 'common');
  clock.advance(6 * 24 * 60 * MINUTE); // still valid on the sixth day
  const accepted = await accept(token);
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  assert.deepEqual(accepted.body, { email: person.email });
  assert.equal((await send(t, 'POST', '/api/v1/auth/login', { body: { email: person.email, password: PASSWORD } })).status, 200);
  const used = await accept(token, 'another passphrase entirely');
  assertProblem(used, 400);
  assert.equal(used.body.errors[0].field, 'token');
  const actions = (await listAuditEvents(t.db, 50)).filter((e) => e.target === `user:${person.id}`).map((e) => e.action);
  assert.ok(actions.includes('auth.invitation_created') && actions.includes('auth.invitation_accepted'));
  assert.ok(!JSON.stringify(await listAuditEvents(t.db, 50)).includes(token), 'no token in the audit trail');
});

test('an expired or mistyped link is refused; a new link for a locked-out user ends their sessions when used', async () => {
  const person = await newPerson('en');
  const first = await t.api('POST', `/api/v1/admin/users/${person.id}/invite`);
  assert.equal((await smtp.nextMailTo(person.email)).subject, 'Choose your Guanxi password');
  clock.advance(7 * 24 * 60 * MINUTE + MINUTE);
  assertProblem(await accept(tokenOf(first.body.link)), 400);
  for (const token of ['x', 'A'.repeat(43), `${tokenOf(first.body.link).slice(0, 42)}Z`]) assertProblem(await accept(token), 400);
  assertProblem(await send(t, 'POST', '/api/v1/auth/invitation/accept', { body: { token: 'x' } }), 400);

  // An existing user with a password (and a session) gets a new link: using it ends their sessions.
  const user = await createUser(t);
  const login = await send(t, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } });
  const cookie = login.cookies.find((c) => c.name === 'guanxi_session')!.value;
  const again = await t.api('POST', `/api/v1/admin/users/${user.id}/invite`);
  await smtp.nextMailTo(user.email);
  assert.equal((await accept(tokenOf(again.body.link))).status, 200);
  assertProblem(await send(t, 'GET', '/api/v1/auth/me', { cookie }), 401);
});

test('only administrators invite, only active users can be invited, never a 500', async () => {
  const person = await newPerson();
  const rep = await createUser(t, { roleKey: 'sales_rep' });
  const { token } = await createApiKey(t.db, rep.id, 'rep');
  const refused = await send(t, 'POST', `/api/v1/admin/users/${person.id}/invite`, { headers: { authorization: `Bearer ${token}` } });
  assertProblem(refused, 403);
  assertProblem(await send(t, 'POST', `/api/v1/admin/users/${person.id}/invite`), 401);
  assertProblem(await t.api('POST', '/api/v1/admin/users/01900000-0000-7000-8000-000000000000/invite'), 404);
  assertProblem(await t.api('POST', '/api/v1/admin/users/not-an-id/invite'), 400);
  await t.api('PATCH', `/api/v1/admin/users/${person.id}`, { isActive: false });
  assertProblem(await t.api('POST', `/api/v1/admin/users/${person.id}/invite`), 404);
});

test('without mail the link is still returned to the administrator to pass on', async () => {
  const plain = await startTestApp({ now: clock.now, settings: { mail: { smtpUrl: undefined } } });
  try {
    const roleId = (await plain.api('GET', '/api/v1/admin/roles')).body.data.find((r: { key: string }) => r.key === 'sales_rep').id;
    const person = (await plain.api('POST', '/api/v1/admin/users', { email: 'nomail@example.com', name: 'No mail', roleId })).body;
    const invited = await plain.api('POST', `/api/v1/admin/users/${person.id}/invite`);
    assert.equal(invited.status, 201);
    assert.equal(invited.body.isMailed, false);
    assert.match(invited.body.link, /\/invite#token=[A-Za-z0-9_-]{43}$/);
  } finally {
    await plain.close();
  }
});
