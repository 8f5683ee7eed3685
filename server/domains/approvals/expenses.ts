// Expenses' behaviour: the department is the requester's primary team, a reimbursed expense is closed,
// and finance reimburses approved expenses.
import { sql } from 'drizzle-orm';
import { canDo } from '../../platform/access/index.ts';
import { Problem, notFound } from '../../platform/http/problem.ts';
import { logAuditEvent } from '../../platform/audit/audit.ts';
import { getRecord, systemCaller, updateRecord, writeTransaction, type Caller, type ObjectHooks, type RecordValues } from '../../records/index.ts';

/** The name of a user's primary team (their department), or null. */
async function departmentOf(c: Caller, userId: string): Promise<string | null> {
  const [row] = await c.db.rows<{ name: string }>(sql`select t.name from team_members m join teams t on t.id = m.team_id
    where m.user_id = ${userId}::uuid order by m.is_primary desc, t.name limit 1`);
  return row?.name ?? null;
}

/** The fields an approval covers. */
const approvedFields = ['amount', 'expenseDate', 'category', 'description', 'ownerId'];

export const expenseHooks: ObjectHooks = {
  beforeWrite: async ({ caller, action, before, changes, proposed }) => {
    const derived: RecordValues = {};
    // What was approved is what gets reimbursed: a user's change to an approved expense needs a new approval.
    const isChangedByUser = action === 'update' && !caller.isSystem && approvedFields.some((f) => f in changes && JSON.stringify(changes[f]) !== JSON.stringify(before?.[f]));
    if (isChangedByUser && before?.approvalStatus === 'approved') derived.approvalStatus = 'none';
    const ownerChanged = action === 'create' || 'ownerId' in changes;
    if (ownerChanged && !(caller.isSystem && 'department' in changes)) derived.department = await departmentOf(caller, String(proposed.ownerId ?? caller.ctx.userId));
    return derived;
  },
  guardWrite: ({ action, record }) => {
    if (action !== 'create' && record.reimbursementStatus === 'reimbursed') {
      throw new Problem(409, { key: 'approvals.reimbursedLocked', code: 'expense-reimbursed' });
    }
  },
};

/** Whether the caller is finance: may change every expense (`editAll`), as the Finance role may. */
export function isFinance(c: Caller): boolean {
  return canDo(c.ctx, 'expenses', 'editAll');
}

/** Marks an approved expense reimbursed, by finance; answers the expense. */
export async function reimburse(c: Caller, id: string, now: Date): Promise<RecordValues> {
  const expense = await getRecord(c, 'expenses', id).catch(() => {
    throw notFound('The expense');
  });
  if (!isFinance(c)) throw new Problem(403, { key: 'approvals.notFinance' });
  if (expense.reimbursementStatus === 'reimbursed') throw new Problem(409, { key: 'approvals.alreadyReimbursed', code: 'expense-reimbursed' });
  if (expense.approvalStatus !== 'approved') throw new Problem(409, { key: 'approvals.notApproved', code: 'expense-not-approved' });
  return writeTransaction(systemCaller(c, c.ctx.userId), async (t) => {
    // The version read above: a second reimbursement racing this one answers 412 instead of writing twice.
    const updated = await updateRecord(t, 'expenses', id, { reimbursementStatus: 'reimbursed', reimbursedAt: now.toISOString(), reimbursedById: c.ctx.userId }, Number(expense.version));
    await logAuditEvent(t.db, { actorId: c.ctx.userId, action: 'expense.reimburse', target: `expenses:${id}`, details: { amount: expense.amount } });
    return updated;
  });
}
