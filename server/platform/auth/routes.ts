// /api/v1/auth/…: sign-in and sessions and password reset; MFA, re-authentication, password change,
// invitations and API keys register from their own files.
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { users } from '../db/schema.ts';
import { Problem, invalidField, notFound } from '../http/problem.ts';
import { loadRequestContext } from '../access/load-context.ts';
import { registerPreferenceRoutes } from './preferences.ts';
import type { RequestContext } from './context.ts';
import { registerApiKeyRoutes } from './api-key-routes.ts';
import { logAuthEvent, requestOrigin } from './audit.ts';
import { verifySecondFactor } from './mfa.ts';
import { registerMfaRoutes } from './mfa-routes.ts';
import { registerAccountSecurityRoutes } from './account-security-routes.ts';
import { registerInvitationRoutes } from './invitation-routes.ts';
import { reauthProofSchema, requireReauthentication, type ReauthProof } from './reauth.ts';
import { checkPassword, verifyPassword } from './passwords.ts';
import { completePasswordReset, issuePasswordReset, userForResetToken } from './password-reset.ts';
import { clearSessionCookie, setSessionCookie, type AuthDeps } from './plugin.ts';
import { createSession, endAllSessions, endSession, sessionIdOf, SESSION_COOKIE } from './sessions.ts';
import { accountThrottleKey, blockedFor, countWithinLimit, ipThrottleKey, recordFailure, resetCounter, signInRules } from './throttle.ts';

const tags = ['Authentication'];
const email = { type: 'string', minLength: 3, maxLength: 320 } as const;
// Longer than any valid password, so a too-long one gets a helpful message, but bounded.
const password = { type: 'string', minLength: 1, maxLength: 1024 } as const;
const otp = { type: 'string', minLength: 1, maxLength: 32 } as const;
const RESET_MAILS_PER_ACCOUNT_PER_HOUR = 3;
const RESET_REQUESTS_PER_IP_PER_HOUR = 30;

const tooMany = (seconds: number, key: 'detail.tooManySignIns' | 'detail.tooManyAttempts') => new Problem(429, { key }, [], { 'Retry-After': String(Math.max(1, seconds)) });

/** What the API tells a caller about themselves. */
async function describeUser(deps: AuthDeps, ctx: RequestContext) {
  const [user] = await deps.db.orm
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      timeZone: users.timeZone,
      roleId: users.roleId,
      mfaEnabledAt: users.mfaEnabledAt,
    })
    .from(users)
    .where(eq(users.id, ctx.userId));
  if (!user) throw notFound('The user');
  const { mfaEnabledAt, ...rest } = user;
  return { ...rest, isAdmin: ctx.isAdmin, mfaEnabled: mfaEnabledAt !== null };
}

/** Registers the /api/v1/auth routes. */
export function registerAuthRoutes(app: FastifyInstance, deps: AuthDeps): void {
  const { db, settings } = deps;
  const { account: accountRule, ip: ipRule } = signInRules(settings);
  const pending = new Set<Promise<unknown>>();
  // Ended sessions, spent links and old counters are pruned by a scheduled job (server/housekeeping.ts).
  app.addHook('onClose', async () => {
    await Promise.allSettled(pending);
    deps.mailer.close();
  });
  // Nothing an auth endpoint answers belongs in a cache.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/v1/auth/')) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  /** Counts a failed sign-in for the account and the address; throws 401, or 429 if it locked either. */
  async function failSignIn(
    request: FastifyRequest,
    input: { email: string; userId?: string; reason: string },
    problem: Problem,
  ): Promise<never> {
    const now = deps.now();
    const origin = requestOrigin(request);
    const target = input.userId ? `user:${input.userId}` : `email:${input.email.slice(0, 320)}`;
    const accountBlock = await recordFailure(db, accountThrottleKey(input.email), accountRule, now);
    const ipBlock = await recordFailure(db, ipThrottleKey(request.ip), ipRule, now);
    await logAuthEvent(db, 'auth.login_failed', { actorId: input.userId ?? null, target, details: { reason: input.reason, ...origin } });
    request.log.info({ reason: input.reason }, 'sign-in failed');
    if (accountBlock || ipBlock) {
      await logAuthEvent(db, 'auth.lockout', {
        actorId: input.userId ?? null,
        target: accountBlock ? target : `ip:${request.ip}`,
        details: { scope: accountBlock ? 'account' : 'ip', seconds: Math.max(accountBlock, ipBlock), ...origin },
      });
      throw tooMany(Math.max(accountBlock, ipBlock), 'detail.tooManySignIns');
    }
    throw problem;
  }

  app.post<{ Body: { email: string; password: string; otp?: string } }>(
    '/api/v1/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in; sets the session cookie and returns the CSRF token',
        security: [],
        body: {
          type: 'object',
          required: ['email', 'password'],
          additionalProperties: false,
          properties: { email, password, otp },
        },
      },
    },
    async (request, reply) => {
      const now = deps.now();
      const emailAddress = request.body.email.trim().toLowerCase();
      const wait = Math.max(await blockedFor(db, ipThrottleKey(request.ip), now), await blockedFor(db, accountThrottleKey(emailAddress), now));
      if (wait) throw tooMany(wait, 'detail.tooManySignIns');

      const [user] = await db.orm
        .select({
          id: users.id,
          isActive: users.isActive,
          deletedAt: users.deletedAt,
          passwordHash: users.passwordHash,
          mfaSecret: users.mfaSecret,
          mfaEnabledAt: users.mfaEnabledAt,
        })
        .from(users)
        .where(sql`lower(${users.email}) = ${emailAddress}`);
      const wrong = new Problem(401, { key: 'detail.wrongCredentials' });
      const isPasswordRight = await verifyPassword(user?.passwordHash, request.body.password);
      if (!user || !isPasswordRight) {
        return failSignIn(request, { email: emailAddress, userId: user?.id, reason: user ? 'wrong_password' : 'unknown_user' }, wrong);
      }
      if (!user.isActive || user.deletedAt)
        return failSignIn(request, { email: emailAddress, userId: user.id, reason: 'inactive_user' }, wrong);

      let method = 'password';
      if (user.mfaEnabledAt) {
        if (!request.body.otp) {
          throw new Problem(401, { key: 'detail.otpRequired' }, [
            { field: 'otp', code: 'required', message: 'is required for this account' },
          ]);
        }
        const factor = await verifySecondFactor(db, deps.secrets, user, request.body.otp, now);
        if (!factor) {
          return failSignIn(
            request,
            { email: emailAddress, userId: user.id, reason: 'wrong_otp' },
            new Problem(401, { key: 'detail.otpWrong' }, [{ field: 'otp', code: 'invalid', message: 'is not valid' }]),
          );
        }
        method = factor.kind === 'totp' ? 'password+totp' : 'password+recovery_code';
        if (factor.kind === 'recovery') {
          await logAuthEvent(db, 'auth.mfa_recovery_code_used', {
            actorId: user.id,
            target: `user:${user.id}`,
            details: { remaining: factor.remaining },
          });
        }
      }

      // Session fixation: whatever session cookie came with the request is ended, never reused.
      const presented = request.cookies[SESSION_COOKIE];
      if (presented) await endSession(db, sessionIdOf(presented));
      await resetCounter(db, accountThrottleKey(emailAddress));
      const origin = requestOrigin(request);
      const session = await createSession(db, { userId: user.id, ip: origin.ip, userAgent: origin.userAgent }, settings, now);
      const ctx = await loadRequestContext(db, user.id, { sessionId: session.id });
      if (!ctx) throw new Problem(401, { key: 'detail.wrongCredentials' });
      setSessionCookie(request, reply, session.cookieValue, settings.sessionMaxHours * 3600);
      await logAuthEvent(db, 'auth.login', { actorId: user.id, target: `user:${user.id}`, details: { method, ...origin } });
      return {
        user: await describeUser(deps, ctx),
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt.toISOString(),
        mfaEnrollmentRequired: settings.requireMfa && !user.mfaEnabledAt,
      };
    },
  );

  app.post('/api/v1/auth/logout', { schema: { tags, summary: 'Sign out of this session' } }, async (request, reply) => {
    const session = request.authSession;
    if (!session) throw new Problem(400, { key: 'detail.logoutNeedsSession' });
    await endSession(db, session.id);
    clearSessionCookie(request, reply);
    await logAuthEvent(db, 'auth.logout', {
      actorId: request.ctx.userId,
      target: `user:${request.ctx.userId}`,
      details: requestOrigin(request),
    });
    return reply.status(204).send();
  });

  app.post<{ Body: { reauth?: ReauthProof } | null }>(
    '/api/v1/auth/logout-all',
    {
      schema: {
        tags,
        summary: 'Sign out of every session of this user (needs re-authentication)',
        body: { type: ['object', 'null'], additionalProperties: false, properties: { reauth: reauthProofSchema } },
      },
    },
    async (request, reply) => {
      await requireReauthentication(deps, request, request.body?.reauth);
      const ended = await endAllSessions(db, request.ctx.userId);
      if (request.authSession) clearSessionCookie(request, reply);
      await logAuthEvent(db, 'auth.logout_all', {
        actorId: request.ctx.userId,
        target: `user:${request.ctx.userId}`,
        details: { sessions: ended, ...requestOrigin(request) },
      });
      return reply.status(204).send();
    },
  );

  registerPreferenceRoutes(app, db, (ctx) => describeUser(deps, ctx));
  app.get('/api/v1/auth/me', { schema: { tags, summary: 'Who is signed in (and the CSRF token of a web session)' } }, async (request) => {
    const user = await describeUser(deps, request.ctx);
    const session = request.authSession;
    return {
      user,
      via: session ? 'session' : 'api_key',
      ...(session
        ? {
            csrfToken: session.csrfToken,
            session: {
              createdAt: session.createdAt.toISOString(),
              expiresAt: session.expiresAt.toISOString(),
              idleMinutes: settings.sessionIdleMinutes,
            },
          }
        : { apiKeyId: request.ctx.apiKeyId }),
      mfa: { enabled: user.mfaEnabled, required: settings.requireMfa },
    };
  });

  // ── Password reset ─────────────────────────────────────────────────────────
  app.post<{ Body: { email: string } }>(
    '/api/v1/auth/password-reset',
    {
      schema: {
        tags,
        summary: 'Mail a one-time password-reset link (always 202, whether or not the address is known)',
        security: [],
        body: { type: 'object', required: ['email'], additionalProperties: false, properties: { email } },
      },
    },
    async (request, reply) => {
      const now = deps.now();
      const emailAddress = request.body.email.trim().toLowerCase();
      const isWithinLimits =
        (await countWithinLimit(db, `reset:ip:${request.ip}`, RESET_REQUESTS_PER_IP_PER_HOUR, 3_600_000, now)) &&
        (await countWithinLimit(db, `reset:account:${emailAddress}`, RESET_MAILS_PER_ACCOUNT_PER_HOUR, 3_600_000, now));
      if (isWithinLimits) {
        // The work (and the mail's latency) happens after the answer, so timing does not tell
        // whether the address belongs to an account.
        const origin = requestOrigin(request);
        const work = issuePasswordReset(db, deps.mailer, { email: emailAddress, publicUrl: deps.publicUrl, now })
          .then((userId) =>
            userId
              ? logAuthEvent(db, 'auth.password_reset_requested', { actorId: null, target: `user:${userId}`, details: origin })
              : undefined,
          )
          .catch((error: unknown) => app.log.error({ err: error }, 'password-reset mail failed'))
          .finally(() => pending.delete(work));
        pending.add(work);
      }
      return reply.status(202).send({ status: 'accepted' });
    },
  );

  app.post<{ Body: { token: string; password: string } }>(
    '/api/v1/auth/password-reset/confirm',
    {
      schema: {
        tags,
        summary: 'Set a new password with the token from the reset link; signs out everywhere',
        security: [],
        body: {
          type: 'object',
          required: ['token', 'password'],
          additionalProperties: false,
          properties: { token: { type: 'string', minLength: 1, maxLength: 200 }, password },
        },
      },
    },
    async (request, reply) => {
      const now = deps.now();
      const invalidToken = invalidField('token', 'invalid', 'The link is not valid: it was already used, has expired, or was mistyped.');
      const user = await userForResetToken(db, request.body.token, now);
      if (!user) throw invalidToken;
      const problems = await checkPassword(request.body.password, { email: user.email });
      if (problems.length) throw new Problem(400, { key: 'detail.choosePassword' }, problems);
      const userId = await completePasswordReset(db, request.body.token, request.body.password, now);
      if (!userId) throw invalidToken;
      await logAuthEvent(db, 'auth.password_reset_completed', {
        actorId: userId,
        target: `user:${userId}`,
        details: requestOrigin(request),
      });
      return reply.status(204).send();
    },
  );

  registerMfaRoutes(app, deps);
  registerAccountSecurityRoutes(app, deps, (work) => {
    const tracked = work.finally(() => pending.delete(tracked));
    pending.add(tracked);
  });
  registerInvitationRoutes(app, deps);
  registerApiKeyRoutes(app, deps);
}
