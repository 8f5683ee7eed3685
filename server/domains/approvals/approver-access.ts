// Approvers must be able to open what they are asked to decide: when a step asks people, each of them
// (and whoever acts for them today) who may not read the record gets a read share on it, in the same
// transaction. The share stays when the request ends: an approver answers for their decision, which
// stays on the record's timeline, and a share does not say why it exists, so taking it back could take
// one the owner gave by hand. The owner sees these shares in the record's share dialog like any other.
// Someone who acts for an approver only since after the step began (a delegation made or starting later)
// gets theirs when the request reaches their inbox (inbox.ts).
import { sql } from 'drizzle-orm';
import { addShare, type Caller } from '../../records/index.ts';
import { canUserRead } from '../collaboration/mentions.ts';
import { dayOf } from './approvers.ts';

/** Delegates of these approvers for today (their delegations cover `now`). */
async function delegatesOf(c: Caller, approverIds: string[], now: Date): Promise<string[]> {
  if (approverIds.length === 0) return [];
  const day = dayOf(now);
  const rows = await c.db.rows<{ delegate_id: string }>(sql`select distinct d.delegate_id from approval_delegations d
    where d.deleted_at is null and d.starts_on <= ${day}::date and d.ends_on >= ${day}::date
      and d.owner_id in (${sql.join(approverIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  return rows.map((r) => r.delegate_id);
}

/** Gives one person a read share on the record unless they can read it already. */
export async function letUserRead(t: Caller, ref: { objectName: string; recordId: string }, userId: string): Promise<void> {
  if (await canUserRead(t, userId, ref)) return;
  await addShare(t, ref.objectName, ref.recordId, { principalType: 'user', principalId: userId, access: 'read' });
}

/** Gives every approver of the step (and their delegates today) who cannot read the record a read share. */
export async function letApproversRead(t: Caller, ref: { objectName: string; recordId: string }, approverIds: string[], now: Date): Promise<void> {
  const people = new Set([...approverIds, ...(await delegatesOf(t, approverIds, now))]);
  for (const userId of people) await letUserRead(t, ref, userId);
}
