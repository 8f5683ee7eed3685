// Manual sharing: whoever may edit a record may share it with a user, a team or everyone (every user,
// those created later included), to read or to edit.
import { and, eq, sql } from 'drizzle-orm';
import { recordShares, teams, users } from '../platform/db/schema.ts';
import { Problem, invalidField, notFound } from '../platform/http/problem.ts';
import { logAuditEvent } from '../platform/audit/audit.ts';
import { findRow } from './read.ts';
import { assertCanDo, parentFieldOf } from './access.ts';
import type { Caller } from './caller.ts';

/**
 * The principal id of a share with everyone: the primary key needs one, and no user or team has it.
 */
export const EVERYONE_PRINCIPAL_ID = '00000000-0000-0000-0000-000000000000';

export interface ShareInput {
  /** `everyone`: every user, present and future; its principal id is EVERYONE_PRINCIPAL_ID. */
  principalType: 'user' | 'team' | 'everyone';
  principalId: string;
  access: 'read' | 'edit';
}

export const shareBodySchema = {
  type: 'object',
  required: ['principalType', 'principalId', 'access'],
  additionalProperties: false,
  properties: {
    principalType: { type: 'string', enum: ['user', 'team', 'everyone'] },
    principalId: { type: 'string', format: 'uuid', maxLength: 36, description: `for everyone: ${EVERYONE_PRINCIPAL_ID}` },
    access: { type: 'string', enum: ['read', 'edit'] },
  },
} as const;

async function findSharedRecord(c: Caller, objectName: string, id: string, isEditRequired: boolean) {
  const def = c.registry.get(objectName);
  assertCanDo(c, def, isEditRequired ? 'edit' : 'read');
  if (parentFieldOf(def)) throw new Problem(400, { key: 'detail.shareThroughParent', params: { objects: def.labelPlural }, en: `${def.labelPlural.en} are shared with the record they belong to; share that one.` });
  const row = await findRow(c, def, id, { isLocked: isEditRequired });
  if (!row) throw notFound(`The ${def.label.en.toLowerCase()}`);
  if (isEditRequired && !row.can_edit) throw new Problem(403, { key: 'detail.shareNeedsEdit', en: `Only those who may edit this ${def.label.en.toLowerCase()} may share it.` });
  return def;
}

/** Who a record is shared with by hand. */
export async function listShares(c: Caller, objectName: string, id: string) {
  await findSharedRecord(c, objectName, id, false);
  // The principal's name comes along, so a screen can show who it is without another request.
  const rows = await c.db.orm
    .select({
      principalType: recordShares.principalType,
      principalId: recordShares.principalId,
      principalName: sql<string | null>`coalesce(${users.name}, ${teams.name})`,
      access: recordShares.access,
      createdAt: recordShares.createdAt,
    })
    .from(recordShares)
    .leftJoin(users, and(eq(recordShares.principalType, 'user'), eq(users.id, recordShares.principalId)))
    .leftJoin(teams, and(eq(recordShares.principalType, 'team'), eq(teams.id, recordShares.principalId)))
    .where(eq(recordShares.recordId, id))
    .orderBy(recordShares.createdAt);
  return { data: rows };
}

/** Shares a record (or changes the access of an existing share). */
export async function addShare(c: Caller, objectName: string, id: string, input: ShareInput) {
  return c.db.transaction(async (tx) => {
    const t = { ...c, db: tx };
    await findSharedRecord(t, objectName, id, true);
    if (input.principalType === 'everyone') {
      if (input.principalId !== EVERYONE_PRINCIPAL_ID) throw invalidField('principalId', 'not_found', `A share with everyone has the principal id ${EVERYONE_PRINCIPAL_ID}.`);
    } else {
      const table = input.principalType === 'team' ? teams : users;
      const [principal] = await tx.orm.select({ id: table.id }).from(table).where(eq(table.id, input.principalId));
      if (!principal) throw invalidField('principalId', 'not_found', `No ${input.principalType} with this id.`);
    }
    const share = { objectName, recordId: id, ...input, createdBy: c.ctx.userId };
    await tx.orm
      .insert(recordShares)
      .values(share)
      .onConflictDoUpdate({ target: [recordShares.recordId, recordShares.principalType, recordShares.principalId], set: { access: input.access } });
    await logAuditEvent(tx, { actorId: c.ctx.userId, action: 'record.share', target: `${objectName}/${id}`, details: { ...input } });
    return share;
  });
}

/** Stops sharing a record with a user or team. */
export async function removeShare(c: Caller, objectName: string, id: string, principalType: string, principalId: string) {
  await c.db.transaction(async (tx) => {
    await findSharedRecord({ ...c, db: tx }, objectName, id, true);
    const removed = await tx.orm
      .delete(recordShares)
      .where(and(eq(recordShares.recordId, id), eq(recordShares.principalType, principalType), eq(recordShares.principalId, principalId)))
      .returning();
    if (!removed.length) throw new Problem(404, { key: 'detail.notShared' });
    await logAuditEvent(tx, { actorId: c.ctx.userId, action: 'record.unshare', target: `${objectName}/${id}`, details: { principalType, principalId } });
  });
}
