// Findings of the attack on the access rules: encoded paths must meet the same authentication as
// plain ones, and an API key (however narrow) cannot change how the account is protected.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../../testing.ts';
import { createApiKey } from './api-keys.ts';
import { createUser, send, signIn } from './test-support.ts';

let t: TestContext;

before(async () => {
  t = await startTestApp();
});
after(() => t.close());

test('encoded and odd spellings of API paths are authenticated like the plain ones, never a 500', async () => {
  for (const url of ['/%61pi/v1/accounts', '/api/v%31/accounts', '/api/v1/%61ccounts', '/api/v1/accounts?x=1', '/api/v1/accounts/%30190000-0000-7000-8000-000000000000']) {
    const anonymous = await t.app.inject({ method: 'GET', url });
    assert.ok([401, 404].includes(anonymous.statusCode), `${url}: ${anonymous.statusCode}`);
    if (anonymous.statusCode === 404) assert.match(String(anonymous.headers['content-type']), /problem\+json|text\/html/);
    const signedIn = await t.api('GET', url);
    assert.ok(signedIn.status < 500, `${url}: ${signedIn.status}`);
  }
  assert.equal((await t.app.inject({ method: 'GET', url: '/%61pi/v1/accounts' })).statusCode, 401);
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/v%31/accounts', payload: { name: 'x' } })).statusCode, 401);
  assert.equal((await t.api('GET', '/%61pi/v1/accounts')).status, 200, 'with a key the same path works');
});

test('an API key cannot enrol MFA, change the password, mint or revoke keys or sign the user out everywhere', async () => {
  const { token } = await createApiKey(t.db, t.adminId, 'script');
  const other = await createApiKey(t.db, t.adminId, 'other');
  const as = (method: 'POST' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  for (const [method, url, payload] of [
    ['POST', '/api/v1/auth/mfa/enroll'],
    ['POST', '/api/v1/auth/mfa/confirm', { otp: '123456' }],
    ['POST', '/api/v1/auth/mfa/disable', { password: 'x', otp: '123456' }],
    ['POST', '/api/v1/auth/logout-all'],
    ['POST', '/api/v1/auth/mfa/recovery-codes'],
    ['POST', '/api/v1/auth/reauth', { password: 'x' }],
    ['POST', '/api/v1/auth/password', { currentPassword: 'x', newPassword: 'a new long passphrase' }],
    ['POST', '/api/v1/auth/api-keys', { name: 'minted by a key' }],
    ['DELETE', `/api/v1/auth/api-keys/${other.id}`],
  ] as const) {
    const r = await as(method, url, payload);
    assert.equal(r.statusCode, 403, url);
    assert.equal(JSON.parse(r.body).errors[0].code, 'session_required', url);
  }
  // The other key still works: nothing was revoked.
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: { authorization: `Bearer ${other.token}` } })).statusCode, 200);
});

test('Idempotency-Key: replays carry ETag and Location, never secrets, and stay with their credential', async () => {
  const headers = { 'idempotency-key': 'create-once-1' };
  const first = await t.api('POST', '/api/v1/accounts', { name: 'Idempotent 幂等' }, headers);
  const again = await t.api('POST', '/api/v1/accounts', { name: 'Idempotent 幂等' }, headers);
  assert.equal(again.headers['idempotent-replayed'], 'true');
  assert.equal(again.headers.etag, first.headers.etag);
  assert.equal(again.headers.location, first.headers.location);
  // Another key of the same user does not see the first key's answer: it creates anew.
  const other = await createApiKey(t.db, t.adminId, 'other idempotency');
  const fresh = await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: { authorization: `Bearer ${other.token}`, ...headers }, payload: { name: 'Idempotent 幂等' } });
  assert.equal(fresh.statusCode, 201);
  assert.notEqual(JSON.parse(fresh.body).id, first.body.id);
  // A new API key, new recovery codes and an invitation link are shown once: never stored for replay.
  const session = await signIn(t, await createUser(t));
  const minted = await send(t, 'POST', '/api/v1/auth/api-keys', { ...session, body: { name: 'minted' }, headers: { 'idempotency-key': 'mint-1' } });
  assert.equal(minted.status, 201);
  const invitee = await createUser(t);
  const invited = await t.api('POST', `/api/v1/admin/users/${invitee.id}/invite`, undefined, { 'idempotency-key': 'invite-1' });
  assert.equal(invited.status, 201);
  const retried = await t.api('POST', `/api/v1/admin/users/${invitee.id}/invite`, undefined, { 'idempotency-key': 'invite-1' });
  assert.notEqual(retried.body.link, invited.body.link, 'a retry makes a new link instead of replaying the first');
  const [{ stored }] = await t.db.rows<{ stored: number }>(sql`select count(*)::int as stored from idempotency_keys where key like '%mint-1' or key like '%invite-1'`);
  assert.equal(stored, 0);
});

test('people set their own name, language and time zone, kept with their account', async () => {
  const changed = await t.api('PATCH', '/api/v1/auth/me', { locale: 'en', timeZone: 'Europe/London', name: 'Admin Renamed' });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.deepEqual([changed.body.user.locale, changed.body.user.timeZone, changed.body.user.name], ['en', 'Europe/London', 'Admin Renamed']);
  assert.equal((await t.api('GET', '/api/v1/auth/me')).body.user.timeZone, 'Europe/London');
  for (const body of [{ timeZone: 'Mars/Olympus' }, { locale: 'fr' }, { name: '  ' }, {}, { email: 'x@example.com' }]) {
    const r = await t.api('PATCH', '/api/v1/auth/me', body);
    assert.equal(r.status, 400, JSON.stringify(body));
  }
  await t.api('PATCH', '/api/v1/auth/me', { locale: 'zh-CN', timeZone: 'Asia/Shanghai', name: 'Admin 管理员' });
});

test("disabling a user revokes their keys for good: enabling them again does not revive old keys", async () => {
  const roles = (await t.api('GET', '/api/v1/admin/roles')).body.data as Array<{ key: string; id: string }>;
  const user = await t.api('POST', '/api/v1/admin/users', { email: 'revived@example.com', name: 'Revived', roleId: roles.find((r) => r.key === 'sales_rep')!.id });
  const { token } = await createApiKey(t.db, user.body.id, 'old');
  const asUser = () => t.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: { authorization: `Bearer ${token}` } });
  assert.equal((await asUser()).statusCode, 200);
  await t.api('PATCH', `/api/v1/admin/users/${user.body.id}`, { isActive: false });
  assert.equal((await asUser()).statusCode, 401);
  await t.api('PATCH', `/api/v1/admin/users/${user.body.id}`, { isActive: true });
  assert.equal((await asUser()).statusCode, 401);
});

test('the guanxi command works through a symlink, as after npm link or a global install', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guanxi-link-'));
  try {
    symlinkSync(new URL('../../../bin/guanxi', import.meta.url).pathname, join(dir, 'guanxi'));
    const help = execFileSync(join(dir, 'guanxi'), ['--help'], { encoding: 'utf8' });
    assert.match(help, /serve/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
