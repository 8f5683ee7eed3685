// Where a quote line's price comes from: the quote's price book, or else the active book in the
// quote's currency valid at the quote date, for the account's customer group before a book for all.
import { listRecords, systemCaller, type Caller, type RecordValues } from '../../../records/index.ts';

/** A value in the filter language's quotes. */
export const literal = (value: unknown) => `'${String(value).replaceAll("'", "''")}'`;

/** Reads as the system inside the caller's transaction: hooks need the facts, whoever writes. */
export const asSystem = (c: Caller) => (c.isSystem ? c : systemCaller(c, c.ctx.userId));

/** The price book a quote prices from, or undefined when none applies. */
export async function priceBookFor(c: Caller, quote: RecordValues): Promise<RecordValues | undefined> {
  const system = asSystem(c);
  if (quote.priceBookId) {
    const { data } = await listRecords(system, 'priceBooks', { filter: `id eq ${literal(quote.priceBookId)}`, limit: 1 });
    return data[0];
  }
  const [account] = (await listRecords(system, 'accounts', { filter: `id eq ${literal(quote.accountId)}`, fields: 'customerGroup', limit: 1 })).data;
  const group = (account?.customerGroup as string | null | undefined) ?? null;
  const date = literal(quote.quoteDate);
  const { data } = await listRecords(system, 'priceBooks', {
    filter: `currency eq ${literal(quote.currency)} and isActive eq true and validFrom lte ${date} and (validTo isNull or validTo gte ${date})`,
    sort: '-validFrom',
    limit: 100,
  });
  return data.find((book) => group !== null && book.customerGroup === group) ?? data.find((book) => !book.customerGroup);
}

/** The unit price of a product in a price book (decimal text), or undefined when the book has no entry. */
export async function bookPriceOf(c: Caller, priceBookId: string, productId: string): Promise<string | undefined> {
  const { data } = await listRecords(asSystem(c), 'priceBookEntries', {
    filter: `priceBookId eq ${literal(priceBookId)} and productId eq ${literal(productId)}`,
    limit: 1,
  });
  return (data[0]?.unitPrice as { amount: string } | undefined)?.amount;
}

/** The decimal text of a money value as written (`"12.5"`, `12.5` or `{ amount }`) or as stored. */
export function amountText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'object') return amountText((value as { amount?: unknown }).amount);
  return typeof value === 'number' ? value.toFixed(4) : String(value);
}
