// /api/v1/auth/api-keys: a user's own API keys — created (shown once), listed, revoked.
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { apiKeys } from '../db/schema.ts';
import { Problem, invalidField, notFound } from '../http/problem.ts';
import { isUuid } from '../ids.ts';
import { createApiKey, getApiKey, listApiKeys, revokeApiKey, roleExists } from './api-keys.ts';
import { logAuthEvent, requestOrigin } from './audit.ts';
import type { AuthDeps } from './plugin.ts';

const tags = ['Authentication'];

/** Registers the API-key routes of the signed-in user. */
export function registerApiKeyRoutes(app: FastifyInstance, deps: AuthDeps): void {
  const { db } = deps;
  app.get('/api/v1/auth/api-keys', { schema: { tags, summary: 'Your API keys (never their secrets)' } }, async (request) => ({
    data: await listApiKeys(db, request.ctx.userId),
  }));

  app.post<{ Body: { name: string; roleId?: string | null } }>(
    '/api/v1/auth/api-keys',
    {
      schema: {
        tags,
        summary: 'Create an API key for yourself, optionally limited to a narrower role; the token is shown once',
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100 },
            roleId: { anyOf: [{ type: 'string', format: 'uuid' }, { type: 'null' }] },
          },
        },
      },
    },
    async (request, reply) => {
      const { ctx } = request;
      let roleId = request.body.roleId ?? null;
      if (ctx.apiKeyId) {
        // A key limited to a role must not mint a key with more: its keys keep that role.
        const [caller] = await db.orm.select({ roleId: apiKeys.roleId }).from(apiKeys).where(eq(apiKeys.id, ctx.apiKeyId));
        if (caller?.roleId) {
          if (roleId && roleId !== caller.roleId) throw new Problem(403, 'A key limited to a role can only create keys limited to the same role.');
          roleId = caller.roleId;
        }
      }
      if (roleId && !(await roleExists(db, roleId))) throw invalidField('roleId', 'notFound', 'No role has this id.');
      const name = request.body.name.trim() || 'API key';
      const key = await createApiKey(db, ctx.userId, name, roleId);
      await logAuthEvent(db, 'auth.api_key_created', {
        actorId: ctx.userId,
        target: `api_key:${key.id}`,
        details: { name, roleId, prefix: key.prefix, ...requestOrigin(request) },
      });
      const stored = await getApiKey(db, ctx.userId, key.id);
      return reply.status(201).send({ ...stored, token: key.token });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/auth/api-keys/:id',
    { schema: { tags, summary: 'Revoke one of your API keys', params: { type: 'object', properties: { id: { type: 'string' } } } } },
    async (request, reply) => {
      const { id } = request.params;
      if (!isUuid(id) || !(await revokeApiKey(db, request.ctx.userId, id, deps.now()))) throw notFound('The API key');
      await logAuthEvent(db, 'auth.api_key_revoked', { actorId: request.ctx.userId, target: `api_key:${id}`, details: requestOrigin(request) });
      return reply.status(204).send();
    },
  );
}
