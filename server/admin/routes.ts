// /api/v1/admin/…: users, teams, roles, sharing rules, org-wide defaults and the audit log.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../platform/db/index.ts';
import type { Registry } from '../records/index.ts';
import { listAuditEvents, type AuditFilter } from '../platform/audit/audit.ts';
import { keysetPage, pageKeys, pageQueryProperties, type PageQuery } from './paging.ts';
import { idParams, requireAdmin } from './guard.ts';
import { createUser, getUser, pageUsers, updateUser, userBodySchema, userPatchSchema, type UserInput } from './users.ts';
import { createTeam, deleteTeam, listTeams, updateTeam, type TeamInput } from './teams.ts';
import { createRole, deleteRole, listRoles, roleBodySchema, rolePatchSchema, updateRole } from './roles.ts';
import { accessDefaultBodySchema, createSharingRule, deleteSharingRule, listSharingRules, setAccessDefault, sharingRuleBodySchema } from './sharing.ts';

const teamBody = {
  type: 'object',
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, parentId: { anyOf: [{ type: 'string', format: 'uuid' }, { type: 'null' }] } },
} as const;

type Id = { Params: { id: string } };
type Paged<Extra = object> = { Querystring: PageQuery & Extra };
const pageQuery = { type: 'object', additionalProperties: false, properties: pageQueryProperties } as const;
const auditQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...pageQueryProperties,
    action: { type: 'string', minLength: 1, maxLength: 100, description: 'an action, or a prefix such as auth.*' },
    actorId: { type: 'string', format: 'uuid' },
    from: { type: 'string', format: 'date-time', maxLength: 40, description: 'events at or after' },
    to: { type: 'string', format: 'date-time', maxLength: 40, description: 'events before' },
  },
} as const;

/** Registers the administration API; every route requires the administrator role. */
export function registerAdminRoutes(app: FastifyInstance, db: Database, registry: Registry): void {
  app.register(async (admin) => {
    admin.addHook('preHandler', async (request) => requireAdmin(request));
    const tags = ['Administration'];

    admin.get<Paged<{ q?: string }>>(
      '/users',
      { schema: { tags, querystring: { ...pageQuery, properties: { ...pageQuery.properties, q: { type: 'string', maxLength: 100, description: 'part of a name or e-mail' } } } } },
      (r) => pageUsers(db, r.query),
    );
    admin.get<Id>('/users/:id', { schema: { tags, params: idParams } }, (r) => getUser(db, r.params.id));
    admin.post<{ Body: UserInput & { email: string; name: string; roleId: string } }>('/users', { schema: { tags, body: userBodySchema } }, async (r, reply) =>
      reply.status(201).send(await createUser(db, r.ctx, r.body)),
    );
    admin.patch<Id & { Body: UserInput }>('/users/:id', { schema: { tags, params: idParams, body: userPatchSchema } }, (r) =>
      updateUser(db, r.ctx, r.params.id, r.body),
    );

    admin.get<Paged>('/teams', { schema: { tags, querystring: pageQuery } }, (r) => listTeams(db, r.query));
    admin.post<{ Body: TeamInput & { name: string } }>('/teams', { schema: { tags, body: { ...teamBody, required: ['name'] } } }, async (r, reply) =>
      reply.status(201).send(await createTeam(db, r.ctx, r.body)),
    );
    admin.patch<Id & { Body: TeamInput }>('/teams/:id', { schema: { tags, params: idParams, body: { ...teamBody, minProperties: 1 } } }, (r) =>
      updateTeam(db, r.ctx, r.params.id, r.body),
    );
    admin.delete<Id>('/teams/:id', { schema: { tags, params: idParams } }, async (r, reply) => {
      await deleteTeam(db, r.ctx, r.params.id);
      return reply.status(204).send();
    });

    admin.get<Paged>('/roles', { schema: { tags, querystring: pageQuery } }, (r) => listRoles(db, r.query));
    admin.post<{ Body: Parameters<typeof createRole>[2] }>('/roles', { schema: { tags, body: roleBodySchema } }, async (r, reply) =>
      reply.status(201).send(await createRole(db, r.ctx, r.body)),
    );
    admin.patch<Id & { Body: Parameters<typeof updateRole>[3] }>('/roles/:id', { schema: { tags, params: idParams, body: rolePatchSchema } }, (r) =>
      updateRole(db, r.ctx, r.params.id, r.body),
    );
    admin.delete<Id>('/roles/:id', { schema: { tags, params: idParams } }, async (r, reply) => {
      await deleteRole(db, r.ctx, r.params.id);
      return reply.status(204).send();
    });

    admin.get<Paged>('/sharing-rules', { schema: { tags, querystring: pageQuery } }, (r) => listSharingRules(db, r.query));
    admin.post<{ Body: Parameters<typeof createSharingRule>[3] }>('/sharing-rules', { schema: { tags, body: sharingRuleBodySchema } }, async (r, reply) =>
      reply.status(201).send(await createSharingRule(db, registry, r.ctx, r.body)),
    );
    admin.delete<Id>('/sharing-rules/:id', { schema: { tags, params: idParams } }, async (r, reply) => {
      await deleteSharingRule(db, r.ctx, r.params.id);
      return reply.status(204).send();
    });

    admin.put<{ Params: { object: string }; Body: { default: string } }>(
      '/objects/:object/access',
      { schema: { tags, summary: 'Set the org-wide default record access of an object', params: { type: 'object', required: ['object'], properties: { object: { type: 'string', maxLength: 63 } } }, body: accessDefaultBodySchema } },
      (r) => setAccessDefault(db, registry, r.ctx, r.params.object, r.body.default),
    );

    admin.get<Paged<Omit<AuditFilter, 'beforeId'>>>('/audit', { schema: { tags, summary: 'The audit log, newest first', querystring: auditQuery } }, (r) => {
      const { limit, cursor, ...filter } = r.query;
      return keysetPage(pageKeys(null, true), { limit, cursor }, (after, size) =>
        listAuditEvents(db, size, { ...filter, beforeId: after?.[0] as string | undefined }),
      );
    });
  }, { prefix: '/api/v1/admin' });
}
