// Password reset by an e-mailed one-time link. The token (256 random bits) travels in the link's
// fragment (#token=…), which browsers never send to a server, so it stays out of access logs and
// Referer headers; the table keeps only its SHA-256, for one hour, for one use.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { passwordResets, users } from '../db/schema.ts';
import type { Mailer } from '../mail/mailer.ts';
import { passwordResetMail } from '../mail/templates.ts';
import { hashPassword } from './passwords.ts';
import { endAllSessions } from './sessions.ts';
import { accountThrottleKey, resetCounter } from './throttle.ts';

export const RESET_VALID_MINUTES = 60;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** The link a reset mail carries; the web app's /reset-password page reads the fragment. */
export const resetLink = (publicUrl: string, token: string) => `${publicUrl}/reset-password#token=${token}`;

/** Stores a new one-time token for a user, valid for `validMinutes`; returns it (shown only once). */
export async function issueResetToken(db: Database, userId: string, validMinutes: number, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + validMinutes * 60_000);
  await db.orm.insert(passwordResets).values({ tokenHash: sha256(token), userId, expiresAt, createdAt: now });
  return { token, expiresAt };
}

/**
 * Issues a token and mails the link when an active user has this e-mail address; does nothing
 * otherwise. Returns the user's id when a mail was sent (for the audit trail).
 */
export async function issuePasswordReset(
  db: Database,
  mailer: Mailer,
  input: { email: string; publicUrl: string; now: Date },
): Promise<string | undefined> {
  const email = input.email.trim().toLowerCase();
  const [user] = await db.orm
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email}`, eq(users.isActive, true), isNull(users.deletedAt)));
  if (!user) return undefined;
  const { token } = await issueResetToken(db, user.id, RESET_VALID_MINUTES, input.now);
  await mailer.send(passwordResetMail(user, resetLink(input.publicUrl, token), RESET_VALID_MINUTES));
  return user.id;
}

/** Spends every outstanding link of a user (their password changed, so old links must not reset it). */
export async function spendResetTokens(db: Database, userId: string, now: Date): Promise<void> {
  await db.orm.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
}

/** The active user a valid, unused, unexpired token belongs to (nothing is consumed). */
export async function userForResetToken(db: Database, token: string, now: Date): Promise<{ id: string; email: string } | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const [row] = await db.orm
    .select({ id: users.id, email: users.email })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(
      and(
        eq(passwordResets.tokenHash, sha256(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now),
        eq(users.isActive, true),
        isNull(users.deletedAt),
      ),
    );
  return row;
}

/**
 * Uses a token: sets the new password, spends every outstanding link of the user, ends all their
 * sessions and lifts an account lockout. Returns the user's id, or undefined when the token is not
 * (or no longer) valid. The password must already have passed checkPassword.
 */
export async function completePasswordReset(db: Database, token: string, password: string, now: Date): Promise<string | undefined> {
  const user = await userForResetToken(db, token, now);
  if (!user) return undefined;
  const passwordHash = await hashPassword(password);
  const userId = await db.transaction(async (tx) => {
    // Spending the token and setting the password happen together; a second use finds it spent.
    const [spent] = await tx.orm
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.tokenHash, sha256(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .returning({ userId: passwordResets.userId });
    if (!spent) return undefined;
    await tx.orm.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, spent.userId));
    await tx.orm
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, spent.userId), isNull(passwordResets.usedAt)));
    await endAllSessions(tx, spent.userId);
    return spent.userId;
  });
  if (userId) await resetCounter(db, accountThrottleKey(user.email));
  return userId;
}
