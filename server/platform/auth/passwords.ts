// Passwords: argon2id hashes; 8–128 characters, no composition rules, and none of the commonly
// breached passwords (an offline list of about 49,000, NIST SP 800-63B §3.1.1.2).
import { hash, verify, type Options } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { users } from '../db/schema.ts';
import type { FieldError } from '../http/problem.ts';
import { endAllSessions } from './sessions.ts';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
// algorithm 2 is Argon2id (the package's const enum cannot be imported under type stripping).
const ARGON2_OPTIONS: Options = { algorithm: 2 as Options['algorithm'], memoryCost: 19_456, timeCost: 2, parallelism: 1 };

// The list of common passwords is loaded when a password is first checked, not at start: ~3 MB of
// heap that an API server which never sets a password would hold for nothing.
let commonPasswords: Promise<Set<string>> | undefined;
async function isCommon(password: string): Promise<boolean> {
  commonPasswords ??= import('@zxcvbn-ts/language-common').then(({ dictionary }) => new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())));
  return (await commonPasswords).has(password.toLowerCase());
}

/** Unicode passwords are compared in NFKC, so the same password typed on another keyboard matches. */
const normalise = (password: string) => password.normalize('NFKC');

/** The problems with a new password (empty when it is acceptable), as field errors on `field`. */
export async function checkPassword(password: string, context: { email?: string } = {}, field = 'password'): Promise<FieldError[]> {
  const value = normalise(password);
  const length = [...value].length;
  const error = (code: string, message: string): FieldError[] => [{ field, code, message }];
  if (length < PASSWORD_MIN_LENGTH) return error('minLength', `must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (length > PASSWORD_MAX_LENGTH) return error('maxLength', `must be at most ${PASSWORD_MAX_LENGTH} characters`);
  if (await isCommon(value)) return error('common', 'is a commonly used password that attackers try first; choose another');
  const email = context.email?.toLowerCase();
  const lower = value.toLowerCase();
  if (email && (lower === email || lower === email.split('@')[0])) return error('context', 'must not be your e-mail address');
  return [];
}

export function hashPassword(password: string): Promise<string> {
  return hash(normalise(password), ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. Without a hash (unknown user, or one who never set a
 * password) it still spends the time of one verification, so timing does not tell whether an
 * account exists.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX_LENGTH * 4) return false;
  if (!storedHash) {
    dummyHash ??= hashPassword('not a real password, only spends time');
    await verify(await dummyHash, normalise(password)).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, normalise(password));
  } catch {
    return false; // a malformed stored hash never authenticates
  }
}

/** Sets a user's password (already checked with checkPassword) and ends all their sessions. */
export async function setPassword(db: Database, userId: string, password: string, now = new Date()): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.orm.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, userId));
    await endAllSessions(tx, userId);
  });
}
