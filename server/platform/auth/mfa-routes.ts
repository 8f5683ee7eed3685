// /api/v1/auth/mfa/…: enrol, confirm and turn off multi-factor sign-in, and replace the recovery
// codes. Every one needs a web session that proved who it is recently (reauth.ts).
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { users } from '../db/schema.ts';
import { Problem, invalidField, notFound } from '../http/problem.ts';
import { logAuthEvent, requestOrigin } from './audit.ts';
import { confirmMfa, disableMfa, enrollMfa, regenerateRecoveryCodes, verifySecondFactor } from './mfa.ts';
import { verifyPassword } from './passwords.ts';
import type { AuthDeps } from './plugin.ts';
import { reauthProofSchema, requireReauthentication, tooManyAttempts, type ReauthProof } from './reauth.ts';
import { stampReauthentication } from './sessions.ts';
import { accountThrottleKey, blockedFor, recordFailure, signInRules } from './throttle.ts';

const tags = ['Authentication'];
const password = { type: 'string', minLength: 1, maxLength: 1024 } as const;
const otp = { type: 'string', minLength: 1, maxLength: 32 } as const;
/** A body that may carry only a re-authentication proof (or be left out). */
const proofOnlyBody = { type: ['object', 'null'], additionalProperties: false, properties: { reauth: reauthProofSchema } } as const;

/** Registers the MFA routes of the signed-in user. */
export function registerMfaRoutes(app: FastifyInstance, deps: AuthDeps): void {
  const { db } = deps;

  app.post<{ Body: { reauth?: ReauthProof } | null }>(
    '/api/v1/auth/mfa/enroll',
    { schema: { tags, summary: 'Start MFA enrolment: a TOTP secret, otpauth URI and QR code (needs re-authentication)', body: proofOnlyBody } },
    async (request) => {
      await requireReauthentication(deps, request, request.body?.reauth);
      const [user] = await db.orm.select({ id: users.id, email: users.email, mfaEnabledAt: users.mfaEnabledAt }).from(users).where(eq(users.id, request.ctx.userId));
      if (!user) throw notFound('The user');
      if (user.mfaEnabledAt) throw new Problem(409, { key: 'detail.mfaAlreadyOn' });
      const enrolment = await enrollMfa(db, deps.secrets, user);
      await logAuthEvent(db, 'auth.mfa_enrolled', { actorId: user.id, target: `user:${user.id}`, details: requestOrigin(request) });
      return enrolment;
    },
  );

  app.post<{ Body: { otp: string; reauth?: ReauthProof } }>(
    '/api/v1/auth/mfa/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm MFA with a first code; returns 10 single-use recovery codes (shown once; needs re-authentication)',
        body: { type: 'object', required: ['otp'], additionalProperties: false, properties: { otp, reauth: reauthProofSchema } },
      },
    },
    async (request) => {
      await requireReauthentication(deps, request, request.body.reauth);
      const userId = request.ctx.userId;
      const codes = await confirmMfa(db, deps.secrets, userId, request.body.otp, deps.now());
      if (!codes) throw invalidField('otp', 'invalid', 'The code is not right (or enrolment was not started, or MFA is already on).');
      await logAuthEvent(db, 'auth.mfa_enabled', { actorId: userId, target: `user:${userId}`, details: requestOrigin(request) });
      return { enabled: true, recoveryCodes: codes };
    },
  );

  // The password and a code in the body are the re-authentication: no recent sign-in is needed.
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
      if (!user?.mfaEnabledAt) throw new Problem(409, { key: 'detail.mfaNotOn' });
      const key = accountThrottleKey(user.email);
      const wait = await blockedFor(db, key, now);
      if (wait) throw tooManyAttempts(wait);
      const factor = (await verifyPassword(user.passwordHash, request.body.password)) ? await verifySecondFactor(db, deps.secrets, user, request.body.otp, now) : undefined;
      if (!factor) {
        const block = await recordFailure(db, key, signInRules(deps.settings).account, now);
        await logAuthEvent(db, 'auth.login_failed', { actorId: userId, target: `user:${userId}`, details: { reason: 'mfa_disable_refused', ...requestOrigin(request) } });
        if (block) throw tooManyAttempts(block);
        throw new Problem(400, { key: 'detail.passwordOrCodeWrong' }, [
          { field: 'password', code: 'invalid', message: 'or the code is not right' },
          { field: 'otp', code: 'invalid', message: 'or the password is not right' },
        ]);
      }
      await disableMfa(db, userId);
      if (request.authSession) await stampReauthentication(db, request.authSession.id, now);
      await logAuthEvent(db, 'auth.mfa_disabled', { actorId: userId, target: `user:${userId}`, details: { method: factor.kind, ...requestOrigin(request) } });
      return { enabled: false };
    },
  );

  app.post<{ Body: { reauth?: ReauthProof } | null }>(
    '/api/v1/auth/mfa/recovery-codes',
    {
      schema: {
        tags,
        summary: 'Replace your recovery codes with ten new ones (shown once; the old ones stop working; needs re-authentication)',
        body: proofOnlyBody,
      },
    },
    async (request) => {
      await requireReauthentication(deps, request, request.body?.reauth);
      const userId = request.ctx.userId;
      const codes = await regenerateRecoveryCodes(db, userId);
      if (!codes) throw new Problem(409, { key: 'detail.noRecoveryCodes' });
      await logAuthEvent(db, 'auth.mfa_recovery_codes_regenerated', { actorId: userId, target: `user:${userId}`, details: requestOrigin(request) });
      return { recoveryCodes: codes };
    },
  );
}
