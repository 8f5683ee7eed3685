// The expense approval every installation starts with: the requester's manager approves; above
// ¥5,000 the manager's manager too. Administrators change it like any process.
import { sql } from 'drizzle-orm';
import { createRecord, writeTransaction, type Caller } from '../../records/index.ts';

export const EXPENSE_SECOND_LEVEL_ABOVE = 5000;

/** Creates the default expense process once; an installation that ever had an expense process keeps its own. */
export async function seedExpenseProcess(c: Caller): Promise<void> {
  const [existing] = await c.db.rows(sql`select 1 from approval_processes where object_name = 'expenses' limit 1`);
  if (existing) return;
  await writeTransaction(c, async (t) => {
    const process = await createRecord(t, 'approvalProcesses', {
      ownerId: null,
      name: '费用报销审批 Expense approval',
      objectName: 'expenses',
      entryCondition: '',
      priority: 1,
      isActive: true,
      description: 'Manager approves; above ¥5,000 the manager’s manager too. 直属上级审批；超过¥5,000还需上级的上级审批。',
    });
    await createRecord(t, 'approvalSteps', { ownerId: null, processId: process.id, position: 1, name: '直属上级 Manager', approverKind: 'managerChain', managerLevels: 1, mode: 'any' });
    await createRecord(t, 'approvalSteps', {
      ownerId: null,
      processId: process.id,
      position: 2,
      name: '上级的上级 Second-level manager',
      approverKind: 'managerChain',
      managerLevels: 2,
      mode: 'all',
      amountField: 'amount',
      amountAbove: EXPENSE_SECOND_LEVEL_ABOVE,
    });
  });
}
