// Re-authentication for account-security actions (MFA, recovery codes, API keys, password, signing
// out everywhere): a web session must have proved who it is within the last ten minutes — by signing
// in, or by POST /api/v1/auth/reauth — or the request carries the proof itself as
// `reauth: { password } | { otp }`. Wrong proofs count like failed sign-ins, so a stolen session
// cannot be used to guess the password.
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { users } from '../db/schema.ts';
import { Problem, notFound } from '../http/problem.ts';
import { logAuthEvent, requestOrigin } from './audit.ts';
import { verifySecondFactor } from './mfa.ts';
import { verifyPassword } from './passwords.ts';
import type { AuthDeps } from './plugin.ts';
import { stampReauthentication, type ActiveSession } from './sessions.ts';
import { accountThrottleKey, blockedFor, ipThrottleKey, recordFailure, resetCounter, signInRules } from './throttle.ts';

export const REAUTH_WINDOW_MINUTES = 10;

export type ReauthProof = { password: string } | { otp: string };

/** The JSON Schema of a proof: exactly one of the current password or a code (TOTP or recovery). */
export const reauthProofSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  properties: { password: { type: 'string', minLength: 1, maxLength: 1024 }, otp: { type: 'string', minLength: 1, maxLength: 32 } },
} as const;

/** 429 with Retry-After. */
export const tooManyAttempts = (seconds: number, en = 'Too many failed attempts; try again later.') => {
  const retryAfter = Math.max(1, seconds);
  return new Problem(429, { key: 'detail.429', params: { retryAfter }, en }, [], { 'Retry-After': String(retryAfter) });
};

/** 403 for a request that is not made from a signed-in web session. */
export const sessionRequired = () =>
  new Problem(403, { key: 'detail.sessionRequired' }, [
    { field: 'Authorization', code: 'session_required', message: 'needs a signed-in web session, not an API key' },
  ]);

/** Whether the session proved who it is recently enough for a security action. */
export function isRecentlyProven(session: ActiveSession, now: Date): boolean {
  return now.getTime() - session.provenAt.getTime() < REAUTH_WINDOW_MINUTES * 60_000;
}

/**
 * Checks a proof of identity for the signed-in session and, when right, stamps the session so the
 * next ten minutes need none. Throws 403 `reauth_invalid` when wrong, 429 when attempts are locked.
 */
export async function verifyReauthentication(deps: AuthDeps, request: FastifyRequest, proof: ReauthProof): Promise<'password' | 'totp' | 'recovery_code'> {
  const session = request.authSession;
  if (!session) throw sessionRequired();
  const { db } = deps;
  const now = deps.now();
  const [user] = await db.orm
    .select({ id: users.id, email: users.email, passwordHash: users.passwordHash, mfaSecret: users.mfaSecret, mfaEnabledAt: users.mfaEnabledAt })
    .from(users)
    .where(eq(users.id, session.userId));
  if (!user) throw notFound('The user');
  const accountKey = accountThrottleKey(user.email);
  const ipKey = ipThrottleKey(request.ip);
  const wait = Math.max(await blockedFor(db, accountKey, now), await blockedFor(db, ipKey, now));
  if (wait) throw tooManyAttempts(wait);

  let method: 'password' | 'totp' | 'recovery_code' | undefined;
  if ('password' in proof) {
    if (await verifyPassword(user.passwordHash, proof.password)) method = 'password';
  } else if (user.mfaEnabledAt) {
    const factor = await verifySecondFactor(db, deps.secrets, user, proof.otp, now);
    if (factor) method = factor.kind === 'totp' ? 'totp' : 'recovery_code';
  }
  const origin = requestOrigin(request);
  if (!method) {
    const rules = signInRules(deps.settings);
    const block = Math.max(await recordFailure(db, accountKey, rules.account, now), await recordFailure(db, ipKey, rules.ip, now));
    await logAuthEvent(db, 'auth.reauth_failed', { actorId: user.id, target: `user:${user.id}`, details: { kind: 'password' in proof ? 'password' : 'otp', ...origin } });
    if (block) throw tooManyAttempts(block);
    const field = 'password' in proof ? 'reauth.password' : 'reauth.otp';
    throw new Problem(403, { key: 'detail.reauthInvalid', en: 'password' in proof ? 'The password is not right.' : 'The code is not right, or was already used.' }, [
      { field, code: 'reauth_invalid', message: 'is not right' },
    ]);
  }
  await resetCounter(db, accountKey);
  await stampReauthentication(db, session.id, now);
  session.provenAt = now;
  await logAuthEvent(db, 'auth.reauthenticated', { actorId: user.id, target: `user:${user.id}`, details: { method, ...origin } });
  return method;
}

/**
 * Guards a security action: a web session that proved who it is within ten minutes, or a right
 * proof sent along. Throws 403 `session_required`, `reauth_required` or `reauth_invalid` (or 429).
 */
export async function requireReauthentication(deps: AuthDeps, request: FastifyRequest, proof: ReauthProof | undefined): Promise<void> {
  const session = request.authSession;
  if (!session) throw sessionRequired();
  if (proof) {
    await verifyReauthentication(deps, request, proof);
    return;
  }
  if (isRecentlyProven(session, deps.now())) return;
  throw new Problem(
    403,
    { key: 'detail.reauthRequired', en: `Confirm it is you: send your password or a code (reauth), or call POST /api/v1/auth/reauth; a sign-in counts for ${REAUTH_WINDOW_MINUTES} minutes.` },
    [{ field: 'reauth', code: 'reauth_required', message: 'needs your password or a code from your authenticator app' }],
  );
}
