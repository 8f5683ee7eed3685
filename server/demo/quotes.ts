// The demo's quoting: price books in yuan and dollars, a product rule, and a quote in Chinese for the
// first demo account, priced through the same engine writes the API uses.
import { createRecord, updateRecord, type Caller } from '../records/index.ts';

export interface QuoteDemoInput {
  /** Product ids by SKU. */
  products: Map<string, string>;
  /** Product list prices in yuan by SKU. */
  prices: Map<string, number>;
  account: { id: string; ownerId: string; contactId: string | null };
  /** The demo's "today", as an ISO date. */
  today: string;
}

/** Creates the price books (CNY, USD), a rule and a draft quote with lines. */
export async function seedQuoteDemo(t: Caller, { products, prices, account, today }: QuoteDemoInput): Promise<void> {
  const year = today.slice(0, 4);
  const books = [
    { name: '标准价格表 Standard (CNY)', currency: 'CNY', rate: 1 },
    { name: 'Standard price book (USD)', currency: 'USD', rate: 1 / 7.1 },
  ];
  for (const book of books) {
    const { id } = await createRecord(t, 'priceBooks', { name: book.name, currency: book.currency, validFrom: `${year}-01-01`, validTo: `${Number(year) + 1}-12-31` });
    for (const [code, productId] of products) {
      const price = (prices.get(code) ?? 0) * book.rate;
      await createRecord(t, 'priceBookEntries', { priceBookId: id, productId, unitPrice: price.toFixed(2) });
    }
  }
  const at = (code: string) => products.get(code)!;
  await createRecord(t, 'quoteRules', { name: '实施服务需搭配软件 Implementation needs a licence', kind: 'requires', productId: at('SRV-IMPL-S'), relatedProductIds: [at('GX-CRM-PRO')] });
  await createRecord(t, 'quoteRules', { name: '金牌与白金支持二选一 Gold or platinum, not both', kind: 'excludes', productId: at('SUP-GOLD'), relatedProductIds: [at('SUP-PLAT')] });

  const quote = await createRecord(t, 'quotes', {
    name: 'CRM 专业版年度采购报价',
    accountId: account.id,
    contactId: account.contactId,
    currency: 'CNY',
    quoteDate: today,
    ownerId: account.ownerId,
    notes: '报价有效期 30 天。付款方式：签约后 30 天内支付全款。',
  });
  const lines: Array<[string, number, number]> = [
    ['GX-CRM-PRO', 50, 10],
    ['SRV-IMPL-S', 1, 0],
    ['SRV-TRAIN', 3, 5],
  ];
  for (const [position, [code, quantity, discountPercent]] of lines.entries()) {
    await createRecord(t, 'quoteLines', { quoteId: quote.id, productId: at(code), quantity, discountPercent, position: position + 1 });
  }
  await updateRecord(t, 'quotes', quote.id as string, { validUntil: new Date(Date.parse(today) + 30 * 86_400_000).toISOString().slice(0, 10) });
}
