// /api/v1/auth/api-keys: a user's own API keys — created (shown once), listed, revoked. Creating and
// revoking need a web session that proved who it is recently (reauth.ts).
import type { FastifyInstance } from 'fastify';
import { invalidField, notFound } from '../http/problem.ts';
import { isUuid } from '../ids.ts';
import { createApiKey, getApiKey, listApiKeys, revokeApiKey, roleExists } from './api-keys.ts';
import { logAuthEvent, requestOrigin } from './audit.ts';
import type { AuthDeps } from './plugin.ts';
import { reauthProofSchema, requireReauthentication, type ReauthProof } from './reauth.ts';

const tags = ['Authentication'];
/** The longest a key may be made to live: ten years. */
const MAX_KEY_DAYS = 3650;

/** Registers the API-key routes of the signed-in user. */
export function registerApiKeyRoutes(app: FastifyInstance, deps: AuthDeps): void {
  const { db } = deps;
  app.get('/api/v1/auth/api-keys', { schema: { tags, summary: 'Your API keys (never their secrets)' } }, async (request) => ({
    data: await listApiKeys(db, request.ctx.userId),
  }));

  app.post<{ Body: { name: string; roleId?: string | null; expiresInDays?: number | null; reauth?: ReauthProof } }>(
    '/api/v1/auth/api-keys',
    {
      schema: {
        tags,
        summary: 'Create an API key for yourself, optionally limited to a narrower role; the token is shown once (needs re-authentication)',
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100 },
            roleId: { anyOf: [{ type: 'string', format: 'uuid' }, { type: 'null' }] },
            expiresInDays: {
              anyOf: [{ type: 'integer', format: 'int32', minimum: 1, maximum: MAX_KEY_DAYS }, { type: 'null' }],
              description: 'Days until the key stops working; null or absent: it does not expire.',
            },
            reauth: reauthProofSchema,
          },
        },
      },
    },
    async (request, reply) => {
      // Only a web session gets here (plugin.ts): a key cannot mint keys, so none can widen itself.
      await requireReauthentication(deps, request, request.body.reauth);
      const { ctx } = request;
      const roleId = request.body.roleId ?? null;
      if (roleId && !(await roleExists(db, roleId))) throw invalidField('roleId', 'notFound', 'No role has this id.');
      const name = request.body.name.trim() || 'API key';
      const days = request.body.expiresInDays ?? null;
      const expiresAt = days ? new Date(deps.now().getTime() + days * 86_400_000) : null;
      const key = await createApiKey(db, ctx.userId, name, roleId, expiresAt);
      await logAuthEvent(db, 'auth.api_key_created', {
        actorId: ctx.userId,
        target: `api_key:${key.id}`,
        details: { name, roleId, prefix: key.prefix, expiresAt, ...requestOrigin(request) },
      });
      const stored = await getApiKey(db, ctx.userId, key.id);
      return reply.status(201).send({ ...stored, token: key.token });
    },
  );

  app.delete<{ Params: { id: string }; Body: { reauth?: ReauthProof } | null }>(
    '/api/v1/auth/api-keys/:id',
    {
      schema: {
        tags,
        summary: 'Revoke one of your API keys (needs re-authentication)',
        params: { type: 'object', properties: { id: { type: 'string', maxLength: 100 } } },
        body: { type: ['object', 'null'], additionalProperties: false, properties: { reauth: reauthProofSchema } },
      },
    },
    async (request, reply) => {
      await requireReauthentication(deps, request, request.body?.reauth);
      const { id } = request.params;
      if (!isUuid(id) || !(await revokeApiKey(db, request.ctx.userId, id, deps.now()))) throw notFound('The API key');
      await logAuthEvent(db, 'auth.api_key_revoked', { actorId: request.ctx.userId, target: `api_key:${id}`, details: requestOrigin(request) });
      return reply.status(204).send();
    },
  );
}
