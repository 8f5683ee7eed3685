// Password rules and hashing, and `guanxi create-admin --password` end to end (a real process on a
// fresh embedded database, then a sign-in with that password).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildApp } from '../../app.ts';
import { openEmbeddedDatabase } from '../db/embedded.ts';
import { checkPassword, hashPassword, verifyPassword } from './passwords.ts';

const run = promisify(execFile);
const codes = async (password: string, email?: string) => (await checkPassword(password, { email })).map((e) => e.code);

test('8 to 128 characters (counted as characters, not bytes), no composition rules', async () => {
  assert.deepEqual(await codes('short12'), ['minLength']);
  assert.deepEqual(await codes('八个汉字的密码短'), [], 'eight CJK characters are enough');
  assert.deepEqual(await codes('all lowercase words here'), []);
  assert.deepEqual(await codes('x'.repeat(128) + 'y'), ['maxLength']);
  assert.deepEqual(await codes('🙂'.repeat(8)), []);
});

test('common breached passwords and the e-mail address are refused', async () => {
  for (const common of ['password', 'password1', '12345678', 'iloveyou', 'qwertyuiop', 'Password1', 'QWERTY123']) {
    assert.deepEqual(await codes(common), ['common'], common);
  }
  assert.deepEqual(await codes('li.wei.sales@example.com', 'Li.Wei.Sales@example.com'), ['context']);
  assert.deepEqual(await codes('li.wei.sales', 'li.wei.sales@example.com'), ['context']);
});

test('argon2id hashes verify the same password in any Unicode normal form, and nothing else', async () => {
  const hash = await hashPassword('Café au lait 咖啡');
  assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(await verifyPassword(hash, 'Café au lait 咖啡'), true);
  assert.equal(await verifyPassword(hash, 'Cafe\u0301 au lait 咖啡'), true, 'decomposed é');
  assert.equal(await verifyPassword(hash, 'Café au lait'), false);
  assert.equal(await verifyPassword(null, 'anything at all'), false);
  assert.equal(await verifyPassword('not a hash', 'anything at all'), false);
  assert.equal(await verifyPassword(hash, 'x'.repeat(10_000)), false);
});

test('guanxi create-admin --password validates the password, sets it and still prints an API key', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'guanxi-cli-'));
  const env = { ...process.env, GUANXI_DATA_DIR: dataDir, GUANXI_DEMO: 'false', DATABASE_URL: '' };
  const main = new URL('../../main.ts', import.meta.url).pathname;
  try {
    const weak = await run(process.execPath, [main, 'create-admin', '--email', 'boss@example.com', '--password', 'password1'], { env }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    assert.notEqual((weak as { code: number }).code, 0);
    assert.match((weak as { stderr: string }).stderr, /common/);

    const { stdout } = await run(process.execPath, [main, 'create-admin', '--email', 'boss@example.com', '--password', 'a long and quiet river'], { env });
    assert.match(stdout, /Created administrator boss@example\.com and set the password/);
    const token = /API key \(shown once\): (gx_\S+)/.exec(stdout)?.[1];
    assert.ok(token);

    const db = await openEmbeddedDatabase(dataDir);
    const app = await buildApp({ db });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'boss@example.com', password: 'a long and quiet river' } });
      assert.equal(login.statusCode, 200, login.body);
      assert.equal(JSON.parse(login.body).user.isAdmin, true);
      const viaKey = await app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
      assert.equal(viaKey.statusCode, 200);
    } finally {
      await app.close();
      await db.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
