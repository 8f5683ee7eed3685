// Roles: object actions and field restrictions per role (see platform/access/permissions.ts).
import { and, count, eq, gt, isNull } from 'drizzle-orm';
import { keysetPage, pageKeys, type PageQuery } from './paging.ts';
import type { Database } from '../platform/db/index.ts';
import { apiKeys, roles, sharingRules, users } from '../platform/db/schema.ts';
import { newId } from '../platform/ids.ts';
import { Problem, notFound } from '../platform/http/problem.ts';
import { logAuditEvent } from '../platform/audit/audit.ts';
import { objectActions, type RolePermissions } from '../platform/access/permissions.ts';
import type { RequestContext } from '../platform/auth/context.ts';
import { labelSchema } from '../records/index.ts';

/** JSON Schema of a role's permissions. */
export const permissionsSchema = {
  type: 'object',
  required: ['objects'],
  additionalProperties: false,
  properties: {
    objects: {
      type: 'object',
      maxProperties: 500,
      additionalProperties: { type: 'array', uniqueItems: true, maxItems: objectActions.length, items: { type: 'string', enum: objectActions } },
    },
    fields: {
      type: 'object',
      maxProperties: 500,
      additionalProperties: {
        type: 'object',
        maxProperties: 1000,
        additionalProperties: { type: 'string', enum: ['hidden', 'readOnly'] },
      },
    },
  },
} as const;

export const roleBodySchema = {
  type: 'object',
  required: ['key', 'name', 'permissions'],
  additionalProperties: false,
  properties: { key: { type: 'string', pattern: '^[a-z][a-z0-9_]{1,40}$', maxLength: 41 }, name: labelSchema, permissions: permissionsSchema },
} as const;

export const rolePatchSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { name: labelSchema, permissions: permissionsSchema },
} as const;

type RoleInput = { key: string; name: { en: string; 'zh-CN': string }; permissions: RolePermissions };

/** All roles. */
export async function listRoles(db: Database, query: PageQuery = {}) {
  // Ids are UUIDv7: id order is creation order.
  return keysetPage(pageKeys(null), query, (after, limit) =>
    db.orm.select().from(roles).where(after ? gt(roles.id, after[0] as string) : undefined).orderBy(roles.id).limit(limit),
  );
}

/** Creates a role (never an administrator role: there is exactly one). */
export async function createRole(db: Database, ctx: RequestContext, input: RoleInput) {
  const role = { id: newId(), key: input.key, name: input.name, permissions: { ...input.permissions, isAdmin: false }, isSystem: false };
  await db.transaction(async (tx) => {
    await tx.orm.insert(roles).values(role);
    await logAuditEvent(tx, { actorId: ctx.userId, action: 'role.create', target: role.id, details: role });
  });
  return role;
}

/** Changes a role's name or permissions; takes effect on its users' next request. */
export async function updateRole(db: Database, ctx: RequestContext, id: string, input: Partial<RoleInput>) {
  const [existing] = await db.orm.select().from(roles).where(eq(roles.id, id));
  if (!existing) throw notFound('The role');
  if (existing.key === 'administrator' && input.permissions) throw new Problem(403, { key: 'detail.administratorRoleFixed' });
  const changes = { ...input, ...(input.permissions ? { permissions: { ...input.permissions, isAdmin: false } } : {}), updatedAt: new Date() };
  return db.transaction(async (tx) => {
    const [role] = await tx.orm.update(roles).set(changes).where(eq(roles.id, id)).returning();
    await logAuditEvent(tx, { actorId: ctx.userId, action: 'role.update', target: id, details: { before: existing, changes: input } });
    return role;
  });
}

/** Deletes a custom role that no user holds. */
export async function deleteRole(db: Database, ctx: RequestContext, id: string) {
  const [existing] = await db.orm.select().from(roles).where(eq(roles.id, id));
  if (!existing) throw notFound('The role');
  if (existing.isSystem) throw new Problem(403, { key: 'detail.defaultRoleUndeletable' });
  const [{ value: holders }] = await db.orm.select({ value: count() }).from(users).where(eq(users.roleId, id));
  if (holders > 0) throw new Problem(409, { key: 'detail.roleHasUsers', params: { count: holders } });
  const [{ value: keys }] = await db.orm.select({ value: count() }).from(apiKeys).where(and(eq(apiKeys.roleId, id), isNull(apiKeys.revokedAt)));
  if (keys > 0) throw new Problem(409, { key: 'detail.roleHasKeys', params: { count: keys } });
  const [{ value: rules }] = await db.orm.select({ value: count() }).from(sharingRules).where(eq(sharingRules.principalId, id));
  if (rules > 0) throw new Problem(409, { key: 'detail.roleHasRules', params: { count: rules } });
  await db.transaction(async (tx) => {
    await tx.orm.delete(roles).where(eq(roles.id, id));
    await logAuditEvent(tx, { actorId: ctx.userId, action: 'role.delete', target: id, details: existing });
  });
}
