// Org-wide defaults and sharing rules: the administrator's side of record-level access.
import { eq, gt } from 'drizzle-orm';
import { keysetPage, pageKeys, type PageQuery } from './paging.ts';
import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.ts';
import { objectAccessDefaults, roles, sharingRules, teams } from '../platform/db/schema.ts';
import { newId } from '../platform/ids.ts';
import { Problem, invalidField, notFound } from '../platform/http/problem.ts';
import { logAuditEvent } from '../platform/audit/audit.ts';
import type { RequestContext } from '../platform/auth/context.ts';
import { compileFilter, parseFilter, type Registry } from '../records/index.ts';
import { uuidSchema } from './guard.ts';

export const sharingRuleBodySchema = {
  type: 'object',
  required: ['objectName', 'name', 'filter', 'principalType', 'principalId', 'access'],
  additionalProperties: false,
  properties: {
    objectName: { type: 'string', maxLength: 63 },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    filter: { type: 'string', minLength: 1, maxLength: 4000 },
    principalType: { type: 'string', enum: ['team', 'role'] },
    principalId: uuidSchema,
    access: { type: 'string', enum: ['read', 'edit'] },
  },
} as const;

export const accessDefaultBodySchema = {
  type: 'object',
  required: ['default'],
  additionalProperties: false,
  properties: { default: { type: 'string', enum: ['private', 'publicRead', 'publicReadWrite'] } },
} as const;

type RuleInput = { objectName: string; name: string; filter: string; principalType: 'team' | 'role'; principalId: string; access: 'read' | 'edit' };

/** All sharing rules. */
export async function listSharingRules(db: Database, query: PageQuery = {}) {
  return keysetPage(pageKeys(null), query, (after, limit) =>
    db.orm.select().from(sharingRules).where(after ? gt(sharingRules.id, after[0] as string) : undefined).orderBy(sharingRules.id).limit(limit),
  );
}

/** Creates a rule after checking its filter against the object and its principal exists. */
export async function createSharingRule(db: Database, registry: Registry, ctx: RequestContext, input: RuleInput) {
  const def = registry.get(input.objectName);
  if (def.isReadOnly) throw invalidField('objectName', 'read_only', `${def.name} cannot be shared.`);
  compileFilter(parseFilter(input.filter), def, 't', { registry, visibleRows: () => sql`true` });
  const table = input.principalType === 'team' ? teams : roles;
  const [principal] = await db.orm.select({ id: table.id }).from(table).where(eq(table.id, input.principalId));
  if (!principal) throw invalidField('principalId', 'not_found', `No ${input.principalType} with this id.`);
  const rule = { id: newId(), ...input };
  await db.transaction(async (tx) => {
    await tx.orm.insert(sharingRules).values(rule);
    await logAuditEvent(tx, { actorId: ctx.userId, action: 'sharing_rule.create', target: rule.id, details: rule });
  });
  return rule;
}

/** Deletes a rule; what it shared stops being visible on the next request. */
export async function deleteSharingRule(db: Database, ctx: RequestContext, id: string) {
  await db.transaction(async (tx) => {
    const [rule] = await tx.orm.delete(sharingRules).where(eq(sharingRules.id, id)).returning();
    if (!rule) throw notFound('The sharing rule');
    await logAuditEvent(tx, { actorId: ctx.userId, action: 'sharing_rule.delete', target: id, details: rule });
  });
}

/** Sets an object's org-wide default record access. */
export async function setAccessDefault(db: Database, registry: Registry, ctx: RequestContext, objectName: string, access: string) {
  const def = registry.get(objectName);
  if (def.isReadOnly) throw new Problem(400, { key: 'detail.accessOfReadOnlyObject', params: { object: def.name } });
  await registry.change(db, async (tx) => {
    await tx.orm
      .insert(objectAccessDefaults)
      .values({ objectName, access })
      .onConflictDoUpdate({ target: objectAccessDefaults.objectName, set: { access, updatedAt: new Date() } });
    await logAuditEvent(tx, { actorId: ctx.userId, action: 'object.access_default', target: objectName, details: { from: def.access.default, to: access } });
  });
  return { objectName, default: access };
}
