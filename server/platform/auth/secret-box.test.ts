// TOTP secrets at rest: sealed in the database, opened only with the installation's key; the key from
// the environment or a private file in the data directory; old plain secrets keep working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { startTestApp } from '../../testing.ts';
import { createSecretBox, loadSecretKey } from './secret-box.ts';
import { createUser, fakeClock, send, signIn } from './test-support.ts';

test('a sealed secret opens with its key only, and is different each time it is sealed', () => {
  const box = createSecretBox(randomBytes(32));
  const sealed = box.seal('JBSWY3DPEHPK3PXP');
  assert.match(sealed, /^enc:v1:/);
  assert.ok(!sealed.includes('JBSWY3DPEHPK3PXP'));
  assert.notEqual(box.seal('JBSWY3DPEHPK3PXP'), sealed);
  assert.equal(box.open(sealed), 'JBSWY3DPEHPK3PXP');
  assert.throws(() => createSecretBox(randomBytes(32)).open(sealed));
  assert.equal(box.open('JBSWY3DPEHPK3PXP'), 'JBSWY3DPEHPK3PXP', 'a value stored before encryption');
});

test('the key comes from GUANXI_SECRET_KEY, else from a private key file made once in the data directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guanxi-key-'));
  try {
    const fromFile = loadSecretKey({}, join(dir, 'data'));
    assert.equal(fromFile.length, 32);
    assert.equal(statSync(join(dir, 'data', 'secret.key')).mode & 0o777, 0o600);
    assert.deepEqual(loadSecretKey({}, join(dir, 'data')), fromFile, 'the same key on the next start');
    const env = randomBytes(32);
    assert.deepEqual(loadSecretKey({ GUANXI_SECRET_KEY: env.toString('base64') }, join(dir, 'data')), env);
    assert.throws(() => loadSecretKey({ GUANXI_SECRET_KEY: 'c2hvcnQ=' }, dir), /32 bytes/);
    assert.ok(readFileSync(join(dir, 'data', 'secret.key'), 'utf8').trim().length > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the database holds only the sealed secret; sign-in with a code works, and an old plain secret is sealed on use', async () => {
  const clock = fakeClock('2030-06-01T09:00:00Z');
  const t = await startTestApp({ now: clock.now });
  const codeAt = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), period: 30 }).generate({ timestamp: clock.now().getTime() });
  const stored = async (id: string) => (await t.db.rows<{ s: string }>(sql`select mfa_secret as s from users where id = ${id}::uuid`))[0]!.s;
  try {
    const user = await createUser(t);
    const { cookie, csrf } = await signIn(t, user);
    const { secret } = (await send(t, 'POST', '/api/v1/auth/mfa/enroll', { cookie, csrf })).body;
    assert.match(await stored(user.id), /^enc:v1:/);
    assert.ok(!(await stored(user.id)).includes(secret));
    assert.equal((await send(t, 'POST', '/api/v1/auth/mfa/confirm', { cookie, csrf, body: { otp: codeAt(secret) } })).status, 200);
    clock.advance(30_000);
    const login = (otp: string) => send(t, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password, otp } });
    assert.equal((await login(codeAt(secret))).status, 200);

    // A secret enrolled before encryption at rest existed: still accepted, and sealed from then on.
    const plain = new Secret({ size: 20 }).base32;
    await t.db.rows(sql`update users set mfa_secret = ${plain} where id = ${user.id}::uuid`);
    clock.advance(30_000);
    assert.equal((await login(codeAt(plain))).status, 200);
    assert.match(await stored(user.id), /^enc:v1:/);
    clock.advance(30_000);
    assert.equal((await login(codeAt(plain))).status, 200);
  } finally {
    await t.close();
  }
});
