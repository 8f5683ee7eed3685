// Order → contract: a confirmed (or fulfilled) order becomes a draft contract for its total, owned by
// the caller, optionally with a plan of equal monthly instalments, in one transaction. One live
// (not deleted, not terminated) contract per order; the order's row is locked so two requests queue up.
import { sql } from 'drizzle-orm';
import { assertObjectAction } from '../../../platform/access/index.ts';
import { invalidField, Problem, type FieldError } from '../../../platform/http/problem.ts';
import { createRecord, getRecord, listRecords, recordAccessOf, systemCaller, writeTransaction, type Caller, type RecordValues } from '../../../records/index.ts';
import { Exact } from '../decimal.ts';
import { parseDay } from '../exchange-rates.ts';

/** What the caller may choose when making the contract; the rest comes from the order. */
export interface ContractFromOrderInput {
  startDate?: string;
  endDate?: string;
  signedDate?: string;
  instalments?: number;
}

const contractStatusesOfOrders = new Set(['confirmed', 'fulfilled']);
const literal = (value: unknown) => `'${String(value).replaceAll("'", "''")}'`;

/**
 * Splits an amount into `count` instalments of whole cents; the last takes the remainder so the sum
 * is exactly the amount. Undefined when an instalment would be zero.
 */
export function splitEvenly(total: string, count: number): string[] | undefined {
  const amount = Exact.of(total);
  const cents = amount.times(100n).dividedBy(BigInt(count));
  const share = new Exact(cents.num / cents.den, 100n); // floor: amounts are never negative here
  if (share.isZero() || share.isNegative()) return undefined;
  const shares = Array.from({ length: count - 1 }, () => share.toFixed(4));
  return [...shares, amount.minus(share.times(BigInt(count - 1))).toFixed(4)];
}

/** The day `months` months after `day`, kept in the month (31 January + 1 month = 28 or 29 February). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

/** The dates of the request, checked: real days, the end not before the start. */
function datesOf(input: ContractFromOrderInput, today: string) {
  const startDate = input.startDate ? parseDay(input.startDate, 'startDate') : today;
  const signedDate = input.signedDate ? parseDay(input.signedDate, 'signedDate') : today;
  const endDate = input.endDate ? parseDay(input.endDate, 'endDate') : null;
  if (endDate && endDate < startDate) throw invalidField('endDate', 'before_start', 'The end date cannot be before the start date.');
  return { startDate, signedDate, endDate };
}

/**
 * Makes the draft contract of an order the caller can see (404 otherwise) and whose contracts they may
 * create (403 otherwise). 409 `order-not-confirmed` for a draft or cancelled order, 409
 * `order-has-contract` when the order already has a live contract (its id in `errors[0].existingId`
 * when the caller may read it). Answers the contract.
 */
export async function createContractFromOrder(c: Caller, orderId: string, input: ContractFromOrderInput, today: string): Promise<RecordValues> {
  const dates = datesOf(input, today);
  return writeTransaction(c, async (t) => {
    const order = await getRecord(t, 'orders', orderId);
    assertObjectAction(t.ctx, t.registry.get('contracts'), 'create');
    if (!contractStatusesOfOrders.has(String(order.status))) {
      throw new Problem(409, { key: 'detail.orderNotConfirmed', params: { status: order.status }, code: 'order-not-confirmed' });
    }
    await t.db.rows(sql`select id from orders where id = ${orderId}::uuid for update`);
    const system = systemCaller(t, t.ctx.userId);
    const [existing] = (await listRecords(system, 'contracts', { filter: `orderId eq ${literal(orderId)} and status ne 'terminated'`, fields: 'contractNumber', limit: 1 })).data;
    if (existing) {
      const readable = (await recordAccessOf(t, 'contracts', String(existing.id))) !== 'none';
      const error: FieldError = { field: 'orderId', code: 'unique_violation', message: 'This order already has a contract.', ...(readable ? { existingId: String(existing.id) } : {}) };
      throw new Problem(409, { key: 'detail.orderHasContract', params: { contract: existing.contractNumber }, code: 'order-has-contract' }, [error]);
    }
    const total = order.total as { amount: string; currency: string } | null;
    const currency = String(order.currency ?? total?.currency ?? 'CNY');
    const amount = total?.amount ?? '0';
    const shares = input.instalments ? splitEvenly(amount, input.instalments) : [];
    if (!shares) throw invalidField('instalments', 'out_of_range', 'The order total is too small for this many instalments.');
    const quote = order.quoteId ? (await listRecords(system, 'quotes', { filter: `id eq ${literal(order.quoteId)}`, fields: 'name', limit: 1 })).data[0] : undefined;
    const title = quote?.name ? `${String(quote.name)} (${String(order.orderNumber)})` : String(order.orderNumber);
    const contract = await createRecord(system, 'contracts', {
      ownerId: t.ctx.userId,
      title: title.slice(0, 200),
      accountId: order.accountId,
      opportunityId: order.opportunityId ?? null,
      orderId,
      value: { amount, currency },
      status: 'draft',
      ...dates,
    });
    for (const [index, share] of shares.entries()) {
      await createRecord(system, 'paymentPlans', {
        contractId: contract.id,
        number: index + 1,
        name: `${index + 1}/${shares.length}`,
        dueDate: addMonths(dates.startDate, index),
        amount: { amount: share, currency },
      });
    }
    return getRecord(t, 'contracts', String(contract.id));
  });
}
