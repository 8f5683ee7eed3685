// What is still due on each instalment on a given day, in one SQL statement with the engine's access
// conditions on every table it reads (instalments, their contracts, payments), so a caller's figures
// come only from contracts they may read. Payments count when received on or before `asOf`; a payment
// against the whole contract settles instalments oldest first, as `allocation.ts` does.
import { sql } from 'drizzle-orm';
import { assertFieldVisible, baseConditions, fieldByName, type Caller } from '../../../records/index.ts';
import type { BucketName } from './report-shape.ts';

export interface OpenInstalment {
  id: string;
  contractId: string;
  accountId: string | null;
  number: number;
  dueDate: string;
  currency: string;
  amount: string;
  outstanding: string;
  /** asOf − due date in days: negative when not yet due, 0 on the due date. */
  daysPastDue: number;
}

/** Refuses a question about figures the caller may not see (a hidden amount or due date) as the engine does. */
function assertFiguresVisible(c: Caller): void {
  const needs: Array<[string, string[]]> = [['paymentPlans', ['amount', 'dueDate']], ['payments', ['amount', 'paymentDate', 'instalmentId']], ['contracts', ['accountId']]];
  for (const [object, fields] of needs) {
    const def = c.registry.get(object);
    for (const name of fields) assertFieldVisible(c, def, fieldByName(def, name)!, 'fields');
  }
}

const and = (conditions: ReturnType<typeof baseConditions>) => sql.join(conditions, sql` and `);

/** The statement's common part: every visible instalment with what is still due on `asOf`. */
function openInstalmentsSql(c: Caller, asOf: string) {
  const plans = c.registry.get('paymentPlans');
  const contracts = c.registry.get('contracts');
  const payments = c.registry.get('payments');
  return sql`with plan as (
      select p.id, p.contract_id, p.number, p.due_date, p.amount, p.amount_currency as currency, c.account_id
      from ${sql.identifier(plans.table)} p join ${sql.identifier(contracts.table)} c on c.id = p.contract_id
      where ${and(baseConditions(c, plans, 'p'))} and ${and(baseConditions(c, contracts, 'c'))}
    ), paid as (
      select pay.contract_id, pay.amount,
        case when exists (select 1 from plan where plan.id = pay.instalment_id) then pay.instalment_id end as instalment_id
      from ${sql.identifier(payments.table)} pay
      where ${and(baseConditions(c, payments, 'pay'))} and pay.payment_date <= ${asOf}::date
    ), lines as (
      select plan.*,
        greatest(plan.amount - coalesce((select sum(paid.amount) from paid where paid.instalment_id = plan.id), 0), 0) as capacity,
        coalesce((select sum(paid.amount) from paid where paid.contract_id = plan.contract_id and paid.instalment_id is null), 0) as pool
      from plan
    ), allocated as (
      select lines.*, lines.capacity - greatest(0, least(lines.capacity, lines.pool - coalesce(sum(lines.capacity) over (
        partition by lines.contract_id order by lines.due_date, lines.number, lines.id rows between unbounded preceding and 1 preceding), 0))) as outstanding
      from lines
    )`;
}

/** The caller's visible instalments with something still due on `asOf` (only those due before it, when `isOverdueOnly`). */
export async function openInstalments(c: Caller, asOf: string, options: { isOverdueOnly?: boolean; limit?: number } = {}): Promise<OpenInstalment[]> {
  assertFiguresVisible(c);
  const overdue = options.isOverdueOnly ? sql`and a.due_date < ${asOf}::date` : sql``;
  const limit = options.limit ? sql`limit ${options.limit}` : sql``;
  const rows = await c.db.rows<Record<string, string | number | null>>(sql`${openInstalmentsSql(c, asOf)}
    select a.id, a.contract_id, a.account_id, a.number, to_char(a.due_date, 'YYYY-MM-DD') as due_date, a.currency,
      a.amount::text as amount, a.outstanding::text as outstanding, (${asOf}::date - a.due_date) as days_past_due
    from allocated a where a.outstanding > 0 ${overdue}
    order by a.due_date, a.contract_id, a.number, a.id ${limit}`);
  return rows.map((r) => ({
    id: String(r.id),
    contractId: String(r.contract_id),
    accountId: r.account_id === null ? null : String(r.account_id),
    number: Number(r.number),
    dueDate: String(r.due_date),
    currency: String(r.currency ?? 'CNY'),
    amount: String(r.amount),
    outstanding: String(r.outstanding),
    daysPastDue: Number(r.days_past_due),
  }));
}


export interface AgeingCell {
  accountId: string | null;
  currency: string;
  buckets: Record<BucketName, string>;
  total: string;
}

const bucket = (condition: ReturnType<typeof sql>) => sql`coalesce(sum(a.outstanding) filter (where ${condition}), 0)::text`;

/**
 * Outstanding amounts per customer and currency in ageing buckets on `asOf`: not yet due (due after
 * asOf), 0–30 days past due (due on asOf or up to 30 days before), 31–60, 61–90, and over 90.
 */
export async function ageingCells(c: Caller, asOf: string): Promise<AgeingCell[]> {
  assertFiguresVisible(c);
  const days = sql`(${asOf}::date - a.due_date)`;
  const rows = await c.db.rows<Record<string, string | null>>(sql`${openInstalmentsSql(c, asOf)}
    select a.account_id, a.currency,
      ${bucket(sql`${days} < 0`)} as not_yet_due,
      ${bucket(sql`${days} between 0 and 30`)} as days0to30,
      ${bucket(sql`${days} between 31 and 60`)} as days31to60,
      ${bucket(sql`${days} between 61 and 90`)} as days61to90,
      ${bucket(sql`${days} > 90`)} as days90plus,
      sum(a.outstanding)::text as total
    from allocated a where a.outstanding > 0
    group by a.account_id, a.currency order by a.currency, sum(a.outstanding) desc, a.account_id`);
  return rows.map((r) => ({
    accountId: r.account_id,
    currency: String(r.currency ?? 'CNY'),
    buckets: { notYetDue: r.not_yet_due!, days0to30: r.days0to30!, days31to60: r.days31to60!, days61to90: r.days61to90!, days90plus: r.days90plus! },
    total: r.total!,
  }));
}
