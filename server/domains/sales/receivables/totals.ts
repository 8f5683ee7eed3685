// The figures payment hooks keep exact: each instalment's paid amount and status, a contract's received
// and outstanding amounts. They are recomputed from the contract's live payments in the writing
// transaction (after the contract row is locked), so concurrent payments on one contract queue up and
// the stored figures always equal the payments that committed.
import { sql } from 'drizzle-orm';
import type { Database } from '../../../platform/db/index.ts';
import { Exact } from '../decimal.ts';
import { allocatePayments, instalmentStatus, type PlanLine } from './allocation.ts';

/** The UTC day of a moment, as the date columns hold it. */
export const dayOf = (moment: Date): string => moment.toISOString().slice(0, 10);

export interface LockedContract {
  currency: string;
  value: Exact;
}

/** Locks a live contract's row for the rest of the transaction; undefined when there is none. */
export async function lockContract(db: Database, contractId: string): Promise<LockedContract | undefined> {
  const [row] = await db.rows<{ value: string | null; currency: string | null }>(sql`select value::text as value, value_currency as currency
    from contracts where id = ${contractId}::uuid and deleted_at is null for update`);
  if (!row) return undefined;
  return { currency: row.currency ?? 'CNY', value: Exact.of(row.value ?? '0') };
}

interface InstalmentRow {
  id: string;
  number: string | number;
  due_date: string;
  amount: string | null;
  status: string | null;
  paid: string | null;
}

/** The live instalments of a contract with what was paid against each directly (optionally leaving one payment out). */
export async function planLines(db: Database, contractId: string, exceptPaymentId?: string): Promise<{ lines: PlanLine[]; unassigned: Exact; received: Exact; status: Map<string, string | null> }> {
  const except = exceptPaymentId ? sql`and pay.id <> ${exceptPaymentId}::uuid` : sql``;
  const rows = await db.rows<InstalmentRow>(sql`select p.id, p.number, to_char(p.due_date, 'YYYY-MM-DD') as due_date, p.amount::text as amount, p.status,
      (select sum(pay.amount)::text from payments pay where pay.instalment_id = p.id and pay.deleted_at is null ${except}) as paid
    from payment_plans p where p.contract_id = ${contractId}::uuid and p.deleted_at is null`);
  const [sums] = await db.rows<{ unassigned: string | null; received: string | null }>(sql`select
      sum(pay.amount) filter (where pay.instalment_id is null or not exists (
        select 1 from payment_plans p where p.id = pay.instalment_id and p.deleted_at is null))::text as unassigned,
      sum(pay.amount)::text as received
    from payments pay where pay.contract_id = ${contractId}::uuid and pay.deleted_at is null ${except}`);
  return {
    lines: rows.map((r) => ({ id: r.id, number: Number(r.number), dueDate: r.due_date, amount: Exact.of(r.amount ?? '0'), direct: Exact.of(r.paid ?? '0') })),
    unassigned: Exact.of(sums?.unassigned ?? '0'),
    received: Exact.of(sums?.received ?? '0'),
    status: new Map(rows.map((r) => [r.id, r.status])),
  };
}

/**
 * Recomputes and stores a contract's instalment paid amounts and statuses and its received and
 * outstanding totals. Bookkeeping, not an edit: the rows' versions stay as they are.
 */
export async function recomputeContract(db: Database, contractId: string, today: string): Promise<void> {
  const contract = await lockContract(db, contractId);
  if (!contract) return;
  const { lines, unassigned, received, status } = await planLines(db, contractId);
  const paid = allocatePayments(lines, unassigned);
  for (const line of lines) {
    const amount = paid.get(line.id)!;
    const next = instalmentStatus(line.amount, amount, line.dueDate, today);
    await db.rows(sql`update payment_plans set paid_amount = ${amount.toFixed(4)}, paid_amount_currency = ${contract.currency}, status = ${next}
      where id = ${line.id}::uuid and (paid_amount is distinct from ${amount.toFixed(4)}::numeric or status is distinct from ${next})`);
    status.set(line.id, next);
  }
  await db.rows(sql`update contracts set received_amount = ${received.toFixed(4)}, received_amount_currency = ${contract.currency},
      outstanding_amount = ${contract.value.minus(received).toFixed(4)}, outstanding_amount_currency = ${contract.currency}
    where id = ${contractId}::uuid`);
}

/** Brings the status of instalments whose due date has passed up to date (the daily job); returns how many changed. */
export async function markOverdueInstalments(db: Database, today: string): Promise<number> {
  const rows = await db.rows(sql`update payment_plans set status = 'overdue'
    where deleted_at is null and status in ('open', 'partlyPaid') and due_date < ${today}::date returning id`);
  return rows.length;
}

