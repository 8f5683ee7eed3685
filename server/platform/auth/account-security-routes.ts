// /api/v1/auth/reauth and /api/v1/auth/password: proving who you are again for security actions, and
// changing your own password. Both need a web session (an API key is refused, plugin.ts).
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { users } from '../db/schema.ts';
import { Problem, notFound } from '../http/problem.ts';
import { passwordChangedMail } from '../mail/templates.ts';
import { logAuthEvent, requestOrigin } from './audit.ts';
import { changePassword } from './password-change.ts';
import { checkPassword, verifyPassword } from './passwords.ts';
import type { AuthDeps } from './plugin.ts';
import { REAUTH_WINDOW_MINUTES, reauthProofSchema, sessionRequired, tooManyAttempts, verifyReauthentication, type ReauthProof } from './reauth.ts';
import { accountThrottleKey, blockedFor, ipThrottleKey, recordFailure, signInRules } from './throttle.ts';

const tags = ['Authentication'];
const password = { type: 'string', minLength: 1, maxLength: 1024 } as const;

/** Registers the re-authentication and password-change routes; `background` keeps mail work alive until close. */
export function registerAccountSecurityRoutes(app: FastifyInstance, deps: AuthDeps, background: (work: Promise<unknown>) => void): void {
  const { db } = deps;

  app.post<{ Body: ReauthProof }>(
    '/api/v1/auth/reauth',
    {
      schema: {
        tags,
        summary: `Confirm it is you (password, or a code when MFA is on); security actions then need no proof for ${REAUTH_WINDOW_MINUTES} minutes`,
        body: reauthProofSchema,
      },
    },
    async (request) => {
      const method = await verifyReauthentication(deps, request, request.body);
      const until = new Date(deps.now().getTime() + REAUTH_WINDOW_MINUTES * 60_000);
      return { method, reauthenticatedUntil: until.toISOString() };
    },
  );

  app.post<{ Body: { currentPassword: string; newPassword: string } }>(
    '/api/v1/auth/password',
    {
      schema: {
        tags,
        summary: 'Change your password (needs the current one); your other sessions end, your API keys stay',
        body: {
          type: 'object',
          required: ['currentPassword', 'newPassword'],
          additionalProperties: false,
          properties: { currentPassword: password, newPassword: password },
        },
      },
    },
    async (request) => {
      const session = request.authSession;
      if (!session) throw sessionRequired();
      const now = deps.now();
      const userId = request.ctx.userId;
      const [user] = await db.orm
        .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, passwordHash: users.passwordHash })
        .from(users)
        .where(eq(users.id, userId));
      if (!user) throw notFound('The user');
      const accountKey = accountThrottleKey(user.email);
      const ipKey = ipThrottleKey(request.ip);
      const wait = Math.max(await blockedFor(db, accountKey, now), await blockedFor(db, ipKey, now));
      if (wait) throw tooManyAttempts(wait);
      const origin = requestOrigin(request);
      // Guessing the current password through a stolen session counts like guessing it at sign-in.
      if (!(await verifyPassword(user.passwordHash, request.body.currentPassword))) {
        const rules = signInRules(deps.settings);
        const block = Math.max(await recordFailure(db, accountKey, rules.account, now), await recordFailure(db, ipKey, rules.ip, now));
        await logAuthEvent(db, 'auth.reauth_failed', { actorId: userId, target: `user:${userId}`, details: { kind: 'password_change', ...origin } });
        if (block) throw tooManyAttempts(block);
        throw new Problem(400, { key: 'detail.currentPasswordWrong' }, [{ field: 'currentPassword', code: 'invalid', message: 'is not right' }]);
      }
      const problems = await checkPassword(request.body.newPassword, { email: user.email }, 'newPassword');
      if (problems.length) throw new Problem(400, { key: 'detail.choosePassword' }, problems);
      const ended = await changePassword(db, { userId, sessionId: session.id, newPassword: request.body.newPassword, now });
      await logAuthEvent(db, 'auth.password_changed', { actorId: userId, target: `user:${userId}`, details: { otherSessionsEnded: ended, ...origin } });
      if (deps.mailer.isConfigured) {
        // After the answer: a slow mail server must not hold the change up.
        background(
          deps.mailer
            .send(passwordChangedMail(user, `${deps.publicUrl}/`))
            .catch((error: unknown) => app.log.error({ err: error }, 'password-changed notice failed')),
        );
      }
      return { otherSessionsEnded: ended };
    },
  );
}
