// Quote → order: an accepted quote becomes an order with the quote's lines and totals, in one
// transaction (the order and every line, or nothing). Orders are written by the system; users move
// an order's status.
import { Problem } from '../../../platform/http/problem.ts';
import type { ObjectHooks } from '../../../records/index.ts';
import { createRecord, getRecord, listRecords, notFoundUnlessEditable, writeTransaction, type Caller, type RecordValues } from './engine.ts';
import { linesOf } from './line-hooks.ts';
import { asSystem, literal } from './pricing.ts';

const copiedLineFields = ['position', 'productId', 'description', 'quantity', 'unitPrice', 'discountPercent', 'taxRate', 'netAmount'];

/** Creates the order of an accepted quote the caller may edit; 409 when it is not accepted or has an order. */
export async function createOrderFromQuote(c: Caller, quoteId: string, today: string): Promise<RecordValues> {
  return writeTransaction(c, async (t) => {
    const quote = await getRecord(t, 'quotes', quoteId);
    await notFoundUnlessEditable(t, 'quotes', quoteId);
    if (quote.status !== 'accepted') throw new Problem(409, { key: 'detail.quoteNotAccepted' });
    const system = asSystem(t);
    const existing = await listRecords(system, 'orders', { filter: `quoteId eq ${literal(quoteId)}`, fields: 'orderNumber', limit: 1 });
    if (existing.data[0]) throw new Problem(409, { key: 'detail.quoteHasOrder', params: { order: existing.data[0].orderNumber } });
    const order = await createRecord(system, 'orders', {
      ownerId: quote.ownerId,
      status: 'draft',
      accountId: quote.accountId,
      opportunityId: quote.opportunityId ?? null,
      quoteId,
      orderDate: today,
      currency: quote.currency,
      subtotal: quote.subtotal,
      discountAmount: quote.discountAmount,
      taxAmount: quote.taxAmount,
      total: quote.total,
    });
    for (const line of await linesOf(t, quoteId)) {
      await createRecord(system, 'orderLines', { orderId: order.id, ...Object.fromEntries(copiedLineFields.map((f) => [f, line[f] ?? null])) });
    }
    return order;
  });
}

/** Order lines are copies of quote lines: only the system writes them. */
export const orderLineHooks: ObjectHooks = {
  validate: ({ caller }) => (caller.isSystem ? undefined : [{ field: 'orderId', code: 'read_only', message: 'Order lines are copied from the quote.' }]),
  afterWrite: ({ caller, action }) => {
    if (!caller.isSystem && (action === 'delete' || action === 'restore')) throw new Problem(409, { key: 'detail.orderLinesReadOnly' });
  },
};
