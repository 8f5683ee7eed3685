// The approvals every installation starts with. Expenses: the requester's manager approves; above
// ¥5,000 the manager's manager too. Quotes whose discount is above the threshold (the quote's own
// `needsApproval`): the owner's manager. Administrators change them like any process.
import { sql } from 'drizzle-orm';
import { createRecord, writeTransaction, type Caller } from '../../records/index.ts';

export const EXPENSE_SECOND_LEVEL_ABOVE = 5000;

/** Creates the default processes once each; an installation that ever had one for the object keeps its own. */
export async function seedDefaultProcesses(c: Caller): Promise<void> {
  await seedExpenseProcess(c);
  if (c.registry.has('quotes')) await seedQuoteDiscountProcess(c);
}

/** The owner's manager approves a quote whose discount needs approval. */
async function seedQuoteDiscountProcess(c: Caller): Promise<void> {
  const [existing] = await c.db.rows(sql`select 1 from approval_processes where object_name = 'quotes' limit 1`);
  if (existing) return;
  await writeTransaction(c, async (t) => {
    const process = await createRecord(t, 'approvalProcesses', {
      ownerId: null,
      name: '报价折扣审批 Quote discount approval',
      objectName: 'quotes',
      entryCondition: 'needsApproval eq true',
      priority: 1,
      isActive: true,
      description: 'A discount above the threshold in Settings → Quotes: the owner’s manager approves. 折扣超过报价设置中的阈值时，由直属上级审批。',
    });
    await createRecord(t, 'approvalSteps', { ownerId: null, processId: process.id, position: 1, name: '直属上级 Manager', approverKind: 'managerChain', managerLevels: 1, mode: 'any' });
  });
}

async function seedExpenseProcess(c: Caller): Promise<void> {
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
