// Web sessions. The cookie holds 256 random bits; the table keeps only their SHA-256 (the session
// id), so a copy of the database signs no one in. A session ends after an idle period and, however
// active, at an absolute deadline.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, lt, ne, or } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { passwordResets, sessions, users } from '../db/schema.ts';
import type { AuthSettings } from '../config.ts';

export const SESSION_COOKIE = 'guanxi_session';
/** lastSeenAt is written at most this often, so reads do not each cost a write. */
const TOUCH_RESOLUTION_MS = 60_000;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
export const sessionIdOf = (cookieValue: string) => sha256(cookieValue);

export interface ActiveSession {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
  /** When the user last proved who they are in this session: sign-in, or a later re-authentication. */
  provenAt: Date;
  /** The user has confirmed TOTP (for GUANXI_REQUIRE_MFA). */
  hasMfa: boolean;
}

const minutes = (n: number) => n * 60_000;

/** Starts a session and returns the cookie value (shown to the browser only) with the row's data. */
export async function createSession(
  db: Database,
  input: { userId: string; ip?: string; userAgent?: string },
  settings: AuthSettings,
  now: Date,
): Promise<{ cookieValue: string; id: string; csrfToken: string; expiresAt: Date }> {
  const cookieValue = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const id = sessionIdOf(cookieValue);
  const expiresAt = new Date(now.getTime() + settings.sessionMaxHours * 3_600_000);
  await db.orm.insert(sessions).values({
    id,
    userId: input.userId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: input.ip?.slice(0, 64) ?? null,
    userAgent: input.userAgent?.slice(0, 512) ?? null,
  });
  return { cookieValue, id, csrfToken, expiresAt };
}

/**
 * The live session behind a cookie value, or undefined when there is none or it has timed out
 * (a timed-out row is deleted). Touches lastSeenAt at most once a minute.
 */
export async function findSession(db: Database, cookieValue: string, settings: AuthSettings, now: Date): Promise<ActiveSession | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(cookieValue)) return undefined;
  const id = sessionIdOf(cookieValue);
  const [row] = await db.orm
    .select({
      id: sessions.id,
      userId: sessions.userId,
      csrfToken: sessions.csrfToken,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      reauthenticatedAt: sessions.reauthenticatedAt,
      mfaEnabledAt: users.mfaEnabledAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  if (!row) return undefined;
  const idleDeadline = row.lastSeenAt.getTime() + minutes(settings.sessionIdleMinutes);
  if (now >= row.expiresAt || now.getTime() >= idleDeadline) {
    await endSession(db, id);
    return undefined;
  }
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_RESOLUTION_MS) {
    await db.orm.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return {
    id: row.id,
    userId: row.userId,
    csrfToken: row.csrfToken,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    provenAt: row.reauthenticatedAt && row.reauthenticatedAt > row.createdAt ? row.reauthenticatedAt : row.createdAt,
    hasMfa: row.mfaEnabledAt !== null,
  };
}

/** Constant-time comparison of the X-CSRF-Token header with the session's token. */
export function isCsrfTokenValid(session: ActiveSession, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string' || header.length === 0) return false;
  const expected = Buffer.from(session.csrfToken);
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Ends one session (sign-out). */
export async function endSession(db: Database, sessionId: string): Promise<void> {
  await db.orm.delete(sessions).where(eq(sessions.id, sessionId));
}

/**
 * Ends every session of a user: call it when a user is disabled, their password is reset or
 * changed, or they sign out everywhere. Returns how many ended.
 */
export async function endAllSessions(db: Database, userId: string): Promise<number> {
  const ended = await db.orm.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return ended.length;
}

/** Ends every session of a user but one (a password change keeps the session that made it). */
export async function endOtherSessions(db: Database, userId: string, keepSessionId: string): Promise<number> {
  const ended = await db.orm
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
    .returning({ id: sessions.id });
  return ended.length;
}

/** Records that the user proved who they are again in this session (re-authentication). */
export async function stampReauthentication(db: Database, sessionId: string, now: Date): Promise<void> {
  await db.orm.update(sessions).set({ reauthenticatedAt: now }).where(eq(sessions.id, sessionId));
}

/** Deletes sessions past either deadline and reset links past expiry (housekeeping). */
export async function pruneSessions(db: Database, settings: AuthSettings, now: Date): Promise<void> {
  const idleCutoff = new Date(now.getTime() - minutes(settings.sessionIdleMinutes));
  await db.orm.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleCutoff)));
  await db.orm.delete(passwordResets).where(lt(passwordResets.expiresAt, now));
}
