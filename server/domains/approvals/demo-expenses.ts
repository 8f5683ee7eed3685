// Demo expenses in Chinese and English, through the approval engine: one reimbursed, one approved and
// waiting for finance, one pending with the manager, one rejected; plus the demo's finance person.
import { sql } from 'drizzle-orm';
import { ensureUser } from '../../platform/auth/users.ts';
import { createRecord, systemCaller, type Caller } from '../../records/index.ts';
import { decide, submitForApproval } from './engine.ts';
import { reimburse } from './expenses.ts';

const DAY_MS = 86_400_000;

/** The demo's expenses of the sales team (by e-mail handle), dated before `now`; in the caller's transaction. */
export async function seedExpenseDemo(c: Caller, now: Date): Promise<void> {
  const finance = await ensureUser(c.db, { email: 'zhao.min@guanxi.local', name: '赵敏', roleKey: 'finance', locale: 'zh-CN' });
  const people = await c.db.rows<{ id: string; email: string; manager_id: string | null }>(sql`select id, email, manager_id from users
    where email in ('wang.qiang@guanxi.local', 'chen.jing@guanxi.local', 'emily.carter@guanxi.local')`);
  const byHandle = (handle: string) => people.find((p) => p.email === `${handle}@guanxi.local`);
  const day = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS).toISOString().slice(0, 10);
  const claims: Array<{ handle: string; description: string; category: string; amount: number; daysAgo: number; outcome: 'reimbursed' | 'approved' | 'pending' | 'rejected' | 'draft' }> = [
    { handle: 'wang.qiang', description: '上海客户拜访高铁票', category: 'travel', amount: 1106, daysAgo: 40, outcome: 'reimbursed' },
    { handle: 'chen.jing', description: '客户招待午餐（华东客户）', category: 'meals', amount: 860, daysAgo: 21, outcome: 'approved' },
    { handle: 'emily.carter', description: 'Singapore trade fair hotel', category: 'lodging', amount: 6800, daysAgo: 12, outcome: 'approved' },
    { handle: 'wang.qiang', description: '北京展会展位物料', category: 'office', amount: 2350, daysAgo: 5, outcome: 'pending' },
    { handle: 'chen.jing', description: 'Taxi to the airport', category: 'transport', amount: 180, daysAgo: 9, outcome: 'rejected' },
    { handle: 'emily.carter', description: 'Client dinner, Hangzhou', category: 'meals', amount: 1420, daysAgo: 2, outcome: 'draft' },
  ];
  for (const claim of claims) {
    const person = byHandle(claim.handle);
    if (!person) continue;
    const at = new Date(now.getTime() - claim.daysAgo * DAY_MS);
    const expense = await createRecord(c, 'expenses', {
      description: claim.description,
      category: claim.category,
      amount: { amount: String(claim.amount), currency: 'CNY' },
      expenseDate: day(claim.daysAgo),
      ownerId: person.id,
    });
    if (claim.outcome === 'draft') continue;
    // The engine acts as the people themselves, so the history reads as it would have happened.
    const request = await submitForApproval(systemCaller(c, person.id), { object: 'expenses', recordId: String(expense.id) }, at);
    if (claim.outcome === 'pending') continue;
    const decision = claim.outcome === 'rejected' ? { decision: 'reject' as const, comment: 'Please take the airport shuttle for short trips.' } : { decision: 'approve' as const, comment: '同意' };
    // Each step's first approver decides until the request is done (at most a few steps).
    for (let step = 0; step < 5; step++) {
      const [row] = await c.db.rows<{ status: string; current_approver_ids: string[] }>(sql`select status, current_approver_ids from approval_requests where id = ${String(request.id)}::uuid`);
      const approver = row?.current_approver_ids?.[0];
      if (row?.status !== 'pending' || !approver) break;
      await decide(systemCaller(c, approver), String(request.id), decision, at);
    }
    if (claim.outcome === 'reimbursed') await reimburse(systemCaller(c, finance.id), String(expense.id), at);
  }
}
