// Manual sharing: whoever may edit a record may share it with a user or a team, to read or to edit.
import { and, eq } from 'drizzle-orm';
import { recordShares, teams, users } from '../platform/db/schema.ts';
import { Problem, invalidField } from '../platform/http/problem.ts';
import { logAuditEvent } from '../platform/audit/audit.ts';
import { assertObjectAction } from '../platform/access/index.ts';
import { findRow, type Caller } from './read.ts';

export interface ShareInput {
  principalType: 'user' | 'team';
  principalId: string;
  access: 'read' | 'edit';
}

export const shareBodySchema = {
  type: 'object',
  required: ['principalType', 'principalId', 'access'],
  additionalProperties: false,
  properties: {
    principalType: { type: 'string', enum: ['user', 'team'] },
    principalId: { type: 'string', format: 'uuid' },
    access: { type: 'string', enum: ['read', 'edit'] },
  },
} as const;

async function findSharedRecord(c: Caller, objectName: string, id: string, isEditRequired: boolean) {
  const def = c.registry.get(objectName);
  assertObjectAction(c.ctx, def, isEditRequired ? 'edit' : 'read');
  const row = await findRow(c, def, id, { isLocked: isEditRequired });
  if (!row) throw new Problem(404, `The ${def.label.en.toLowerCase()} was not found.`);
  if (isEditRequired && !row.can_edit) throw new Problem(403, `Only those who may edit this ${def.label.en.toLowerCase()} may share it.`);
  return def;
}

/** Who a record is shared with by hand. */
export async function listShares(c: Caller, objectName: string, id: string) {
  await findSharedRecord(c, objectName, id, false);
  const rows = await c.db.orm
    .select({ principalType: recordShares.principalType, principalId: recordShares.principalId, access: recordShares.access, createdAt: recordShares.createdAt })
    .from(recordShares)
    .where(eq(recordShares.recordId, id));
  return { data: rows };
}

/** Shares a record (or changes the access of an existing share). */
export async function addShare(c: Caller, objectName: string, id: string, input: ShareInput) {
  return c.db.transaction(async (tx) => {
    const t = { ...c, db: tx };
    await findSharedRecord(t, objectName, id, true);
    const table = input.principalType === 'team' ? teams : users;
    const [principal] = await tx.orm.select({ id: table.id }).from(table).where(eq(table.id, input.principalId));
    if (!principal) throw invalidField('principalId', 'not_found', `No ${input.principalType} with this id.`);
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
    if (!removed.length) throw new Problem(404, 'The record is not shared with them.');
    await logAuditEvent(tx, { actorId: c.ctx.userId, action: 'record.unshare', target: `${objectName}/${id}`, details: { principalType, principalId } });
  });
}
