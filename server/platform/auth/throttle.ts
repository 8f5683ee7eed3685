// Fixed-window failure counters in the rate_limits table, so a lockout holds across every API
// process. A key reaching `max` failures within `windowMs` is blocked for `blockMs`.
import { eq, lt, and, or, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { rateLimits } from '../db/schema.ts';

export interface ThrottleRule {
  max: number;
  windowMs: number;
  blockMs: number;
}

/** The rate_limits key of an account's failed sign-ins. */
export const accountThrottleKey = (email: string) => `login:account:${email.trim().toLowerCase()}`;
/** The rate_limits key of one IP address's failed sign-ins. */
export const ipThrottleKey = (ip: string) => `login:ip:${ip}`;

const toDate = (value: unknown): Date | null => (value === null || value === undefined ? null : value instanceof Date ? value : new Date(String(value)));

/** Seconds until `key` is unblocked, or 0 when it is not blocked now. */
export async function blockedFor(db: Database, key: string, now: Date): Promise<number> {
  const [row] = await db.orm.select({ blockedUntil: rateLimits.blockedUntil }).from(rateLimits).where(eq(rateLimits.key, key));
  const until = toDate(row?.blockedUntil);
  return until && until > now ? Math.ceil((until.getTime() - now.getTime()) / 1000) : 0;
}

/**
 * Counts one failure for `key` in a single statement (safe under concurrency) and returns the
 * seconds of the block it caused, or 0 when the key is still under its limit.
 */
export async function recordFailure(db: Database, key: string, rule: ThrottleRule, now: Date): Promise<number> {
  const windowOpenedAfter = new Date(now.getTime() - rule.windowMs);
  const blockUntil = new Date(now.getTime() + rule.blockMs);
  const isStale = sql`rate_limits.window_start <= ${windowOpenedAfter.toISOString()}::timestamptz`;
  const nextCount = sql`case when ${isStale} then 1 else rate_limits.count + 1 end`;
  const [row] = await db.rows<{ count: number; blocked_until: unknown }>(sql`
    insert into rate_limits (key, window_start, count, blocked_until)
    values (${key}, ${now.toISOString()}::timestamptz, 1, ${rule.max <= 1 ? blockUntil.toISOString() : null}::timestamptz)
    on conflict (key) do update set
      window_start = case when ${isStale} then excluded.window_start else rate_limits.window_start end,
      count = ${nextCount},
      blocked_until = case when ${nextCount} >= ${rule.max} then ${blockUntil.toISOString()}::timestamptz
                           else rate_limits.blocked_until end
    returning count, blocked_until`);
  const until = toDate(row?.blocked_until);
  return until && until > now ? Math.ceil((until.getTime() - now.getTime()) / 1000) : 0;
}

/** Counts one event and tells whether it is within `max` per window (for quotas that do not block). */
export async function countWithinLimit(db: Database, key: string, max: number, windowMs: number, now: Date): Promise<boolean> {
  const windowOpenedAfter = new Date(now.getTime() - windowMs);
  const isStale = sql`rate_limits.window_start <= ${windowOpenedAfter.toISOString()}::timestamptz`;
  const [row] = await db.rows<{ count: number }>(sql`
    insert into rate_limits (key, window_start, count) values (${key}, ${now.toISOString()}::timestamptz, 1)
    on conflict (key) do update set
      window_start = case when ${isStale} then excluded.window_start else rate_limits.window_start end,
      count = case when ${isStale} then 1 else rate_limits.count + 1 end
    returning count`);
  return Number(row?.count ?? 0) <= max;
}

/** Forgets the failures of `key` (a successful sign-in resets its account's counter). */
export async function resetCounter(db: Database, key: string): Promise<void> {
  await db.orm.delete(rateLimits).where(eq(rateLimits.key, key));
}

/** Deletes counters whose window and block are both over (housekeeping). */
export async function pruneCounters(db: Database, now: Date, olderThanMs = 24 * 3_600_000): Promise<void> {
  const cutoff = new Date(now.getTime() - olderThanMs);
  await db.orm
    .delete(rateLimits)
    .where(and(lt(rateLimits.windowStart, cutoff), or(isNull(rateLimits.blockedUntil), lt(rateLimits.blockedUntil, now))));
}

/** The sign-in throttle rules of the settings: per account, and (more lenient) per IP address. */
export function signInRules(settings: { loginMaxFailures: number; loginMaxFailuresPerIp: number; loginWindowMinutes: number }): {
  account: ThrottleRule;
  ip: ThrottleRule;
} {
  const account = { max: settings.loginMaxFailures, windowMs: settings.loginWindowMinutes * 60_000, blockMs: settings.loginWindowMinutes * 60_000 };
  return { account, ip: { ...account, max: settings.loginMaxFailuresPerIp } };
}
