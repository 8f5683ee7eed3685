// Quote line hooks: a line's price comes from the price book unless typed, its tax rate from the
// product, its amount is derived; every change of the lines refreshes the quote (bundles added,
// compatibility checked, totals and approval need derived) in the same transaction.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Problem } from '../../../platform/http/problem.ts';
import { createRecord, listRecords, recordAccessOf, updateRecord, type Caller, type FieldError, type ObjectHooks, type RecordValues, type WriteEvent } from '../../../records/index.ts';
import { Exact } from '../decimal.ts';
import { checkCompatibility, missingBundleProducts, type CompatibilityRule } from './compatibility.ts';
import { amountText, asSystem, bookPriceOf, literal, priceBookFor } from './pricing.ts';
import { assertQuoteEditable } from './quote-state.ts';

// Quotes whose lines are being rewritten as a batch: their refresh waits for the batch's end, so a
// product may be added before the one it requires.
const batches = new AsyncLocalStorage<ReadonlySet<string>>();

/** Runs `work` (line writes of the quote) and then refreshes the quote once. */
export async function withLineBatch<T>(c: Caller, quoteId: string, work: () => Promise<T>): Promise<T> {
  const result = await batches.run(new Set([...(batches.getStore() ?? []), quoteId]), work);
  await refreshQuote(c, quoteId);
  return result;
}

/** The quote's lines in their order. */
export async function linesOf(c: Caller, quoteId: string): Promise<RecordValues[]> {
  return (await listRecords(asSystem(c), 'quoteLines', { filter: `quoteId eq ${literal(quoteId)}`, sort: 'position,createdAt', limit: 500 })).data;
}

async function quoteOf(c: Caller, quoteId: string): Promise<RecordValues | undefined> {
  return (await listRecords(asSystem(c), 'quotes', { filter: `id eq ${literal(quoteId)}`, limit: 1 })).data[0];
}

/** The active compatibility rules. */
export async function activeRules(c: Caller): Promise<CompatibilityRule[]> {
  const { data } = await listRecords(asSystem(c), 'quoteRules', { filter: 'isActive eq true', sort: 'createdAt', limit: 500 });
  return data.map((r) => ({ id: r.id as string, kind: r.kind as CompatibilityRule['kind'], productId: r.productId as string, relatedProductIds: (r.relatedProductIds ?? []) as string[] }));
}

/** Product names by id, for messages. */
export async function productNames(c: Caller, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const { data } = await listRecords(asSystem(c), 'products', { filter: `id in (${[...new Set(ids)].map(literal).join(', ')})`, fields: 'name', limit: 500 });
  return new Map(data.map((p) => [p.id as string, p.name as string]));
}

/**
 * After the lines changed: adds the products bundles bring, checks the compatibility rules (400 naming
 * each offending line as `lines.{index}.productId`) and has the quote derive its figures again.
 */
export async function refreshQuote(c: Caller, quoteId: string): Promise<void> {
  const system = asSystem(c);
  const quote = await quoteOf(c, quoteId);
  if (!quote) return;
  const rules = await activeRules(c);
  let lines = await linesOf(c, quoteId);
  const missing = missingBundleProducts(lines.map((l) => ({ productId: l.productId as string })), rules);
  if (missing.length) {
    let position = Math.max(0, ...lines.map((l) => Number(l.position ?? 0)));
    await batches.run(new Set([...(batches.getStore() ?? []), quoteId]), async () => {
      for (const { productId, ruleId } of missing) {
        await createRecord(system, 'quoteLines', { quoteId, productId, quantity: 1, position: ++position, addedByRuleId: ruleId });
      }
    });
    lines = await linesOf(c, quoteId);
  }
  const products = lines.map((l) => ({ productId: l.productId as string }));
  const errors = checkCompatibility(products, rules, await productNames(c, [...products.map((p) => p.productId), ...rules.flatMap((r) => r.relatedProductIds)]));
  if (errors.length) throw new Problem(400, { key: 'detail.quoteIncompatible' }, errors);
  await updateRecord(system, 'quotes', quoteId, { linesChangedAt: new Date().toISOString(), ...(quote.approvalStatus === 'approved' ? { approvalStatus: 'none' } : {}) });
}

const isSet = (v: unknown) => v !== undefined && v !== null;

async function deriveLine({ caller, action, before, changes, proposed }: WriteEvent): Promise<RecordValues> {
  const quote = await quoteOf(caller, proposed.quoteId as string);
  if (!quote) return {};
  // A quote the caller may not change is the engine's to refuse (as not found): say nothing of its state.
  if (!caller.isSystem && (await recordAccessOf(caller, 'quotes', quote.id as string)) !== 'edit') return {};
  if (!caller.isSystem) assertQuoteEditable(quote);
  const derived: RecordValues = {};
  const productChanged = action === 'create' || ('productId' in changes && changes.productId !== before?.productId);
  if ('unitPrice' in changes && !caller.isSystem) derived.isPriceOverridden = isSet(changes.unitPrice);
  const isOverridden = (derived.isPriceOverridden ?? proposed.isPriceOverridden) === true;
  if (productChanged) {
    const [product] = (await listRecords(asSystem(caller), 'products', { filter: `id eq ${literal(proposed.productId)}`, limit: 1 })).data;
    derived.taxRate = product?.taxRate ?? 0;
    if (!isSet(proposed.description) && product) derived.description = product.name;
    const book = await priceBookFor(caller, quote);
    const price = book ? await bookPriceOf(caller, book.id as string, proposed.productId as string) : undefined;
    derived.listPrice = price === undefined ? null : { amount: price, currency: quote.currency };
    if (!isOverridden && !(caller.isSystem && isSet(changes.unitPrice))) derived.unitPrice = derived.listPrice;
  } else if ('unitPrice' in changes && !isSet(changes.unitPrice)) {
    derived.unitPrice = proposed.listPrice;
  }
  const unitPrice = amountText('unitPrice' in derived ? derived.unitPrice : proposed.unitPrice);
  if (unitPrice !== undefined) {
    derived.unitPrice = { amount: unitPrice, currency: quote.currency };
    const discount = Exact.of(1).minus(Exact.of(Number(proposed.discountPercent ?? 0)).dividedBy(100));
    derived.netAmount = { amount: Exact.of(Number(proposed.quantity ?? 0)).times(unitPrice).times(discount).toFixed(2), currency: quote.currency };
  } else {
    derived.netAmount = null;
  }
  return derived;
}

async function checkLine({ caller, action, before, proposed, changes }: WriteEvent): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (!caller.isSystem && (action === 'create' || changes.productId !== before?.productId) && proposed.productId) {
    const [product] = (await listRecords(asSystem(caller), 'products', { filter: `id eq ${literal(proposed.productId)}`, fields: 'isActive', limit: 1 })).data;
    if (product?.isActive === false) errors.push({ field: 'productId', code: 'not_allowed', message: 'This product is no longer sold.' });
  }
  if (!isSet(proposed.unitPrice)) errors.push({ field: 'unitPrice', code: 'no_price', message: 'The price book has no price for this product: type a unit price.' });
  if (Number(proposed.quantity) <= 0) errors.push({ field: 'quantity', code: 'minimum', message: 'Enter more than 0.', params: { limit: 0 } });
  const discount = Number(proposed.discountPercent ?? 0);
  if (discount < 0 || discount > 100) errors.push({ field: 'discountPercent', code: 'out_of_range', message: 'Enter a discount between 0 and 100.' });
  const price = amountText(changes.unitPrice);
  if (price !== undefined && Exact.of(price).isNegative()) errors.push({ field: 'unitPrice', code: 'out_of_range', message: 'A price cannot be negative.' });
  return errors;
}

/** Hooks of `quoteLines`. */
export const quoteLineHooks: ObjectHooks = {
  beforeWrite: deriveLine,
  validate: checkLine,
  afterWrite: async ({ caller, action, before, record }) => {
    const quoteId = (record?.quoteId ?? before?.quoteId) as string;
    if ((action === 'delete' || action === 'restore') && !caller.isSystem) {
      const quote = await quoteOf(caller, quoteId);
      if (quote) assertQuoteEditable(quote);
    }
    if (batches.getStore()?.has(quoteId)) return;
    await refreshQuote(caller, quoteId);
  },
};
