// POST /api/v1/admin/users/{id}/invite (administrators) makes a one-time link with which a user
// chooses their password; POST /api/v1/auth/invitation/accept (anyone holding the link) uses it.
import type { FastifyInstance } from 'fastify';
import { assertAdmin } from '../access/index.ts';
import { Problem, invalidField, notFound } from '../http/problem.ts';
import { logAuthEvent, requestOrigin } from './audit.ts';
import { issueInvitation } from './invitations.ts';
import { completePasswordReset, userForResetToken } from './password-reset.ts';
import { checkPassword } from './passwords.ts';
import type { AuthDeps } from './plugin.ts';

/** Registers the invitation routes. */
export function registerInvitationRoutes(app: FastifyInstance, deps: AuthDeps): void {
  const { db } = deps;

  app.post<{ Params: { id: string } }>(
    '/api/v1/admin/users/:id/invite',
    {
      // The answer carries a one-time link: an Idempotency-Key replay must never store it.
      config: { hasSecretAnswer: true },
      schema: {
        tags: ['Administration'],
        summary: 'Make a one-time link (valid 7 days) with which the user chooses a password; mailed when mail is configured, and returned',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
      },
    },
    async (request, reply) => {
      assertAdmin(request.ctx);
      const invitation = await issueInvitation(db, deps.mailer, { userId: request.params.id, publicUrl: deps.publicUrl, now: deps.now() }, (error) =>
        request.log.error({ err: error }, 'invitation mail failed'),
      );
      if (!invitation) throw notFound('The active user');
      await logAuthEvent(db, 'auth.invitation_created', {
        actorId: request.ctx.userId,
        target: `user:${request.params.id}`,
        details: { isMailed: invitation.isMailed, expiresAt: invitation.expiresAt, ...requestOrigin(request) },
      });
      return reply.status(201).send(invitation);
    },
  );

  app.post<{ Body: { token: string; password: string } }>(
    '/api/v1/auth/invitation/accept',
    {
      schema: {
        tags: ['Authentication'],
        summary: "Choose a password with an invitation's token; returns the e-mail address to sign in with",
        security: [],
        body: {
          type: 'object',
          required: ['token', 'password'],
          additionalProperties: false,
          properties: { token: { type: 'string', minLength: 1, maxLength: 200 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
        },
      },
    },
    async (request) => {
      const now = deps.now();
      const invalidToken = invalidField('token', 'invalid', 'The link is not valid: it was already used, has expired, or was mistyped.');
      const user = await userForResetToken(db, request.body.token, now);
      if (!user) throw invalidToken;
      const problems = await checkPassword(request.body.password, { email: user.email });
      if (problems.length) throw new Problem(400, { key: 'detail.choosePassword' }, problems);
      const userId = await completePasswordReset(db, request.body.token, request.body.password, now);
      if (!userId) throw invalidToken;
      await logAuthEvent(db, 'auth.invitation_accepted', { actorId: userId, target: `user:${userId}`, details: requestOrigin(request) });
      return { email: user.email };
    },
  );
}
