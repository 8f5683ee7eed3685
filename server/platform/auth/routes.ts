// /api/v1/auth/…: sign-in and sessions, MFA, password reset and the caller's API keys.
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { users } from '../db/schema.ts';
import { Problem, invalidField, notFound } from '../http/problem.ts';
import { loadRequestContext } from '../access/load-context.ts';
import type { RequestContext } from './context.ts';
import { registerApiKeyRoutes } from './api-key-routes.ts';
import { logAuthEvent, requestOrigin } from './audit.ts';
import { confirmMfa, disableMfa, enrollMfa, verifySecondFactor } from './mfa.ts';
import { checkPassword, verifyPassword } from './passwords.ts';
import { completePasswordReset, issuePasswordReset, userForResetToken } from './password-reset.ts';
import { clearSessionCookie, setSessionCookie, type AuthDeps } from './plugin.ts';
import { createSession, endAllSessions, endSession, pruneSessions, sessionIdOf, SESSION_COOKIE } from './sessions.ts';
import { accountThrottleKey, blockedFor, countWithinLimit, ipThrottleKey, pruneCounters, recordFailure, resetCounter } from './throttle.ts';

const tags = ['Authentication'];
const email = { type: 'string', minLength: 3, maxLength: 320 } as const;
// Longer than any valid password, so a too-long one gets a helpful message, but bounded.
const password = { type: 'string', minLength: 1, maxLength: 1024 } as const;
const otp = { type: 'string', minLength: 1, maxLength: 32 } as const;
const RESET_MAILS_PER_ACCOUNT_PER_HOUR = 3;
const RESET_REQUESTS_PER_IP_PER_HOUR = 30;

const tooMany = (seconds: number, detail: string) => new Problem(429, detail, [], { 'Retry-After': String(Math.max(1, seconds)) });

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
  const accountRule = { max: settings.loginMaxFailures, windowMs: settings.loginWindowMinutes * 60_000, blockMs: settings.loginWindowMinutes * 60_000 };
  const ipRule = { ...accountRule, max: settings.loginMaxFailuresPerIp };
  const pending = new Set<Promise<unknown>>();
  // Housekeeping: forget ended sessions, spent links and old counters once an hour.
  const housekeeping = setInterval(() => {
    const now = deps.now();
    pruneSessions(db, settings, now)
      .then(() => pruneCounters(db, now))
      .catch((error: unknown) => app.log.error({ err: error }, 'pruning sessions failed'));
  }, 3_600_000);
  housekeeping.unref();
  app.addHook('onClose', async () => {
    clearInterval(housekeeping);
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
      throw tooMany(Math.max(accountBlock, ipBlock), 'Too many failed sign-ins; try again later.');
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
      if (wait) throw tooMany(wait, 'Too many failed sign-ins; try again later.');

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
      const wrong = new Problem(401, 'The e-mail address or password is not right.');
      const isPasswordRight = await verifyPassword(user?.passwordHash, request.body.password);
      if (!user || !isPasswordRight) {
        return failSignIn(request, { email: emailAddress, userId: user?.id, reason: user ? 'wrong_password' : 'unknown_user' }, wrong);
      }
      if (!user.isActive || user.deletedAt) return failSignIn(request, { email: emailAddress, userId: user.id, reason: 'inactive_user' }, wrong);

      let method = 'password';
      if (user.mfaEnabledAt) {
        if (!request.body.otp) {
          throw new Problem(401, 'Enter the code from your authenticator app, or one of your recovery codes.', [
            { field: 'otp', code: 'required', message: 'is required for this account' },
          ]);
        }
        const factor = await verifySecondFactor(db, user, request.body.otp, now);
        if (!factor) {
          return failSignIn(
            request,
            { email: emailAddress, userId: user.id, reason: 'wrong_otp' },
            new Problem(401, 'The code is not right, or was already used.', [{ field: 'otp', code: 'invalid', message: 'is not valid' }]),
          );
        }
        method = factor.kind === 'totp' ? 'password+totp' : 'password+recovery_code';
        if (factor.kind === 'recovery') {
          await logAuthEvent(db, 'auth.mfa_recovery_code_used', { actorId: user.id, target: `user:${user.id}`, details: { remaining: factor.remaining } });
        }
      }

      // Session fixation: whatever session cookie came with the request is ended, never reused.
      const presented = request.cookies[SESSION_COOKIE];
      if (presented) await endSession(db, sessionIdOf(presented));
      await resetCounter(db, accountThrottleKey(emailAddress));
      const origin = requestOrigin(request);
      const session = await createSession(db, { userId: user.id, ip: origin.ip, userAgent: origin.userAgent }, settings, now);
      const ctx = await loadRequestContext(db, user.id, { sessionId: session.id });
      if (!ctx) throw new Problem(401, 'The e-mail address or password is not right.');
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
    if (!session) throw new Problem(400, 'Sign-out ends a web session; to stop an API key, revoke it (DELETE /api/v1/auth/api-keys/{id}).');
    await endSession(db, session.id);
    clearSessionCookie(request, reply);
    await logAuthEvent(db, 'auth.logout', { actorId: request.ctx.userId, target: `user:${request.ctx.userId}`, details: requestOrigin(request) });
    return reply.status(204).send();
  });

  app.post('/api/v1/auth/logout-all', { schema: { tags, summary: 'Sign out of every session of this user' } }, async (request, reply) => {
    const ended = await endAllSessions(db, request.ctx.userId);
    if (request.authSession) clearSessionCookie(request, reply);
    await logAuthEvent(db, 'auth.logout_all', {
      actorId: request.ctx.userId,
      target: `user:${request.ctx.userId}`,
      details: { sessions: ended, ...requestOrigin(request) },
    });
    return reply.status(204).send();
  });

  app.get('/api/v1/auth/me', { schema: { tags, summary: 'Who is signed in (and the CSRF token of a web session)' } }, async (request) => {
    const user = await describeUser(deps, request.ctx);
    const session = request.authSession;
    return {
      user,
      via: session ? 'session' : 'api_key',
      ...(session
        ? { csrfToken: session.csrfToken, session: { createdAt: session.createdAt.toISOString(), expiresAt: session.expiresAt.toISOString(), idleMinutes: settings.sessionIdleMinutes } }
        : { apiKeyId: request.ctx.apiKeyId }),
      mfa: { enabled: user.mfaEnabled, required: settings.requireMfa },
    };
  });

  // ── MFA ────────────────────────────────────────────────────────────────────
  app.post('/api/v1/auth/mfa/enroll', { schema: { tags, summary: 'Start MFA enrolment: a TOTP secret, otpauth URI and QR code' } }, async (request) => {
    const [user] = await db.orm.select({ id: users.id, email: users.email, mfaEnabledAt: users.mfaEnabledAt }).from(users).where(eq(users.id, request.ctx.userId));
    if (!user) throw notFound('The user');
    if (user.mfaEnabledAt) throw new Problem(409, 'Multi-factor sign-in is already on; turn it off first to enrol a new device.');
    const enrolment = await enrollMfa(db, user);
    await logAuthEvent(db, 'auth.mfa_enrolled', { actorId: user.id, target: `user:${user.id}`, details: requestOrigin(request) });
    return enrolment;
  });

  app.post<{ Body: { otp: string } }>(
    '/api/v1/auth/mfa/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm MFA with a first code; returns 10 single-use recovery codes (shown once)',
        body: { type: 'object', required: ['otp'], additionalProperties: false, properties: { otp } },
      },
    },
    async (request) => {
      const userId = request.ctx.userId;
      const codes = await confirmMfa(db, userId, request.body.otp, deps.now());
      if (!codes) throw invalidField('otp', 'invalid', 'The code is not right (or enrolment was not started, or MFA is already on).');
      await logAuthEvent(db, 'auth.mfa_enabled', { actorId: userId, target: `user:${userId}`, details: requestOrigin(request) });
      return { enabled: true, recoveryCodes: codes };
    },
  );

  app.post<{ Body: { password: string; otp: string } }>(
    '/api/v1/auth/mfa/disable',
    {
      schema: {
        tags,
        summary: 'Turn MFA off (needs the password and a code)',
        body: { type: 'object', required: ['password', 'otp'], additionalProperties: false, properties: { password, otp } },
      },
    },
    async (request) => {
      const now = deps.now();
      const userId = request.ctx.userId;
      const [user] = await db.orm
        .select({ id: users.id, email: users.email, passwordHash: users.passwordHash, mfaSecret: users.mfaSecret, mfaEnabledAt: users.mfaEnabledAt })
        .from(users)
        .where(eq(users.id, userId));
      if (!user?.mfaEnabledAt) throw new Problem(409, 'Multi-factor sign-in is not on.');
      const key = accountThrottleKey(user.email);
      const wait = await blockedFor(db, key, now);
      if (wait) throw tooMany(wait, 'Too many failed attempts; try again later.');
      const factor = (await verifyPassword(user.passwordHash, request.body.password)) ? await verifySecondFactor(db, user, request.body.otp, now) : undefined;
      if (!factor) {
        const block = await recordFailure(db, key, accountRule, now);
        await logAuthEvent(db, 'auth.login_failed', { actorId: userId, target: `user:${userId}`, details: { reason: 'mfa_disable_refused', ...requestOrigin(request) } });
        if (block) throw tooMany(block, 'Too many failed attempts; try again later.');
        throw new Problem(400, 'The password or code is not right.', [
          { field: 'password', code: 'invalid', message: 'or the code is not right' },
          { field: 'otp', code: 'invalid', message: 'or the password is not right' },
        ]);
      }
      await disableMfa(db, userId);
      await logAuthEvent(db, 'auth.mfa_disabled', { actorId: userId, target: `user:${userId}`, details: { method: factor.kind, ...requestOrigin(request) } });
      return { enabled: false };
    },
  );

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
            userId ? logAuthEvent(db, 'auth.password_reset_requested', { actorId: null, target: `user:${userId}`, details: origin }) : undefined,
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
      const problems = checkPassword(request.body.password, { email: user.email });
      if (problems.length) throw new Problem(400, 'Choose another password.', problems);
      const userId = await completePasswordReset(db, request.body.token, request.body.password, now);
      if (!userId) throw invalidToken;
      await logAuthEvent(db, 'auth.password_reset_completed', { actorId: userId, target: `user:${userId}`, details: requestOrigin(request) });
      return reply.status(204).send();
    },
  );

  registerApiKeyRoutes(app, deps);
}
