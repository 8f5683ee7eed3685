// Multi-factor sign-in with TOTP (RFC 6238: SHA-1, 6 digits, 30 s, the settings every authenticator
// app supports) and ten single-use recovery codes, stored as SHA-256 hashes. The TOTP secret is
// stored sealed (secret-box.ts).
import { createHash, randomInt } from 'node:crypto';
import { and, eq, isNotNull, isNull, or, lt, sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { renderSVG } from 'uqr';
import type { Database } from '../db/index.ts';
import { users } from '../db/schema.ts';
import { isSealed, type SecretBox } from './secret-box.ts';

const ISSUER = 'Guanxi';
const PERIOD_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;
// Crockford's base32 alphabet: no I, L, O or U to misread.
const RECOVERY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const totpFor = (secret: string, label = '') => new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(secret), period: PERIOD_SECONDS });

/** A recovery code as people type it: case, spaces and dashes do not matter. */
const normaliseRecoveryCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');
const hashRecoveryCode = (code: string) => createHash('sha256').update(normaliseRecoveryCode(code)).digest('hex');

/** Ten new codes like "7KQ2M-XH4PD" (50 bits each). */
function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Starts (or restarts) enrolment: a new secret, kept unconfirmed until a code from it is shown. */
export async function enrollMfa(db: Database, box: SecretBox, user: { id: string; email: string }) {
  const secret = new Secret({ size: 20 }).base32;
  await db.orm.update(users).set({ mfaSecret: box.seal(secret), mfaEnabledAt: null, mfaLastUsedStep: null }).where(eq(users.id, user.id));
  const uri = totpFor(secret, user.email).toString();
  const svg = renderSVG(uri, { border: 2 });
  return { secret, otpauthUri: uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/**
 * Checks a 6-digit code against the secret at `now` (one step of clock drift either way) and
 * consumes its time step, so the same code cannot be used twice. True when accepted.
 */
async function acceptTotp(db: Database, box: SecretBox, userId: string, stored: string, code: string, now: Date): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const secret = box.open(stored);
  const totp = totpFor(secret);
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return false;
  const step = totp.counter({ timestamp: now.getTime() }) + delta;
  const accepted = await db.orm
    .update(users)
    // A secret stored before encryption at rest is sealed on its first use since.
    .set({ mfaLastUsedStep: step, ...(isSealed(stored) ? {} : { mfaSecret: box.seal(secret) }) })
    .where(and(eq(users.id, userId), or(isNull(users.mfaLastUsedStep), lt(users.mfaLastUsedStep, step))))
    .returning({ id: users.id });
  return accepted.length > 0;
}

/** Confirms enrolment with a first code; returns the recovery codes (shown once) or undefined. */
export async function confirmMfa(db: Database, box: SecretBox, userId: string, code: string, now: Date): Promise<string[] | undefined> {
  const [user] = await db.orm.select({ secret: users.mfaSecret, enabledAt: users.mfaEnabledAt }).from(users).where(eq(users.id, userId));
  if (!user?.secret || user.enabledAt) return undefined;
  if (!(await acceptTotp(db, box, userId, user.secret, code.trim(), now))) return undefined;
  const codes = newRecoveryCodes();
  await db.orm.update(users).set({ mfaEnabledAt: now, mfaRecoveryCodes: codes.map(hashRecoveryCode) }).where(eq(users.id, userId));
  return codes;
}

/**
 * Verifies a second factor for a user with MFA on: a TOTP code, or a recovery code (which is then
 * used up). Returns which kind was accepted and, for recovery codes, how many are left.
 */
export async function verifySecondFactor(
  db: Database,
  box: SecretBox,
  user: { id: string; mfaSecret: string | null },
  otp: string,
  now: Date,
): Promise<{ kind: 'totp' } | { kind: 'recovery'; remaining: number } | undefined> {
  const code = otp.trim();
  if (!user.mfaSecret || code.length === 0 || code.length > 32) return undefined;
  if (/^\d{6}$/.test(code)) return (await acceptTotp(db, box, user.id, user.mfaSecret, code, now)) ? { kind: 'totp' } : undefined;
  const hashed = hashRecoveryCode(code);
  // One statement removes the code only if it is still there: two concurrent uses cannot both pass.
  const [row] = await db.rows<{ remaining: number }>(sql`
    update users set mfa_recovery_codes = array_remove(mfa_recovery_codes, ${hashed})
    where id = ${user.id}::uuid and ${hashed} = any(mfa_recovery_codes)
    returning cardinality(mfa_recovery_codes) as remaining`);
  return row ? { kind: 'recovery', remaining: Number(row.remaining) } : undefined;
}

/** Replaces a user's recovery codes with ten new ones (shown once); undefined when MFA is off. */
export async function regenerateRecoveryCodes(db: Database, userId: string): Promise<string[] | undefined> {
  const codes = newRecoveryCodes();
  const updated = await db.orm
    .update(users)
    .set({ mfaRecoveryCodes: codes.map(hashRecoveryCode) })
    .where(and(eq(users.id, userId), isNotNull(users.mfaEnabledAt)))
    .returning({ id: users.id });
  return updated.length ? codes : undefined;
}

/** Turns MFA off (the caller has checked the password and a second factor). */
export async function disableMfa(db: Database, userId: string): Promise<void> {
  await db.orm
    .update(users)
    .set({ mfaSecret: null, mfaEnabledAt: null, mfaRecoveryCodes: [], mfaLastUsedStep: null })
    .where(eq(users.id, userId));
}
