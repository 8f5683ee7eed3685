// Secrets the server must read back (TOTP seeds) are stored encrypted with AES-256-GCM, so a copy of
// the database or a backup alone does not let anyone generate a user's codes. The key comes from
// GUANXI_SECRET_KEY (base64 of 32 bytes; required when several machines share one PostgreSQL) or
// else from `secret.key` in the data directory, created on first start with mode 0600.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PREFIX = 'enc:v1:';
const KEY_BYTES = 32;

/** Encrypts and decrypts short secrets with one key. */
export interface SecretBox {
  seal(plain: string): string;
  /** The plain text of a sealed value; a value stored before encryption existed is returned as is. */
  open(stored: string): string;
}

/** A box for the given 32-byte key. */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== KEY_BYTES) throw new Error(`The secret key must be ${KEY_BYTES} bytes.`);
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${PREFIX}${[iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.')}`;
    },
    open(stored) {
      if (!stored.startsWith(PREFIX)) return stored; // enrolled before encryption at rest
      const [iv, tag, body] = stored.slice(PREFIX.length).split('.').map((part) => Buffer.from(part, 'base64url'));
      const decipher = createDecipheriv('aes-256-gcm', key, iv!);
      decipher.setAuthTag(tag!);
      return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
    },
  };
}

/** Whether a stored value is sealed (for the migration of old plain values). */
export const isSealed = (stored: string) => stored.startsWith(PREFIX);

/** The key from GUANXI_SECRET_KEY, or from (a new) `secret.key` in the data directory. */
export function loadSecretKey(env: NodeJS.ProcessEnv, dataDir: string): Buffer {
  const fromEnv = env.GUANXI_SECRET_KEY?.trim();
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    if (key.length !== KEY_BYTES) throw new Error('GUANXI_SECRET_KEY must be 32 bytes in base64 (e.g. `openssl rand -base64 32`).');
    return key;
  }
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    // 'wx' fails if another process created it meanwhile; then that one's key is read below.
    try {
      writeFileSync(file, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    chmodSync(file, 0o600);
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${file} must hold 32 bytes in base64.`);
  return key;
}
