// How payments settle a contract's instalments, in exact decimals: a payment made against an
// instalment settles that one; a payment made against the contract as a whole settles the open
// instalments in due-date order (oldest first). The ageing SQL (`ageing-sql.ts`) applies the same rule.
import { Exact } from '../decimal.ts';

export interface PlanLine {
  id: string;
  number: number;
  dueDate: string;
  amount: Exact;
  /** Paid against this instalment itself. */
  direct: Exact;
}

/** Orders instalments as allocation walks them: due date, then number, then id (a stable tie-break). */
export function planOrder(a: PlanLine, b: PlanLine): number {
  return a.dueDate.localeCompare(b.dueDate) || a.number - b.number || a.id.localeCompare(b.id);
}

/** What each instalment has received: its own payments plus its share of the contract-level ones. */
export function allocatePayments(lines: readonly PlanLine[], unassigned: Exact): Map<string, Exact> {
  const paid = new Map<string, Exact>();
  let pool = unassigned;
  for (const line of lines.toSorted(planOrder)) {
    const room = line.amount.minus(line.direct);
    const capacity = room.isNegative() ? Exact.zero : room;
    const share = pool.minus(capacity).isNegative() ? pool : capacity;
    paid.set(line.id, line.direct.plus(share));
    pool = pool.minus(share);
  }
  return paid;
}

export type InstalmentStatus = 'open' | 'partlyPaid' | 'paid' | 'overdue';

/** An instalment's status on `today` (YYYY-MM-DD): paid in full, else overdue once its due date has passed. */
export function instalmentStatus(amount: Exact, paid: Exact, dueDate: string, today: string): InstalmentStatus {
  const rest = amount.minus(paid);
  if (rest.isZero() || rest.isNegative()) return 'paid';
  if (dueDate < today) return 'overdue';
  return paid.isZero() ? 'open' : 'partlyPaid';
}

