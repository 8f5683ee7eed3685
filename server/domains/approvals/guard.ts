// The record lock: while a request is pending, users may not change or delete the record, nor the
// records it owns (a quote's lines). And who may write the engine's own objects at all.
import { sql } from 'drizzle-orm';
import { Problem } from '../../platform/http/problem.ts';
import type { GuardedWrite, ObjectHooks } from '../../records/index.ts';
import { conflict, isApprovable } from './engine.ts';

const engineObjects = new Set(['approvalRequests', 'approvalDecisions']);
const adminObjects = new Set(['approvalProcesses', 'approvalSteps']);

/** Refuses users' writes to a record (or a child of one) that is pending approval: 409 `record-locked`. */
async function guardLockedRecord({ caller, object, action, id, record }: GuardedWrite): Promise<void> {
  if (engineObjects.has(object.name)) throw new Problem(403, { key: 'approvals.engineOnly' });
  if (adminObjects.has(object.name) && !caller.ctx.isAdmin) throw new Problem(403, { key: 'approvals.adminOnly' });
  const locks: Array<[string, string]> = [];
  if (action !== 'create' && isApprovable(caller, object.name)) locks.push([object.name, id]);
  for (const field of object.fields) {
    const parentId = record[field.name];
    if (field.type === 'parent' && field.target && typeof parentId === 'string' && isApprovable(caller, field.target)) locks.push([field.target, parentId]);
  }
  if (locks.length === 0) return;
  const [pending] = await caller.db.rows<{ record_title: string | null }>(sql`select record_title from approval_requests
    where deleted_at is null and status = 'pending'
      and (${sql.join(locks.map(([name, recordId]) => sql`(object_name = ${name} and record_id = ${recordId}::uuid)`), sql` or `)})
    limit 1`);
  if (pending) throw conflict('record-locked', 'approvals.locked', { title: pending.record_title ?? '' });
}

/** The hooks the approvals module puts on every object (under '*'). */
export const lockHooks: ObjectHooks = { guardWrite: guardLockedRecord };
