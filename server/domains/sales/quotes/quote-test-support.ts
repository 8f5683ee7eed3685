// Fixtures the quote tests share: a catalogue (products, a price book, rules), an account, and
// requests as a user of a role with their own API key.
import type { TestContext } from '../../../testing.ts';
import { createApiKey } from '../../../platform/auth/api-keys.ts';
import { createUser } from '../../../platform/auth/test-support.ts';
import { systemCaller, updateRecord } from '../../../records/index.ts';

let counter = 0;
/** A name no other test uses. */
export const unique = (base: string) => `${base} ${process.pid}-${++counter}`;

/** A user of the role and requests sent with their own API key. */
export async function asUser(t: TestContext, roleKey = 'sales_rep') {
  const user = await createUser(t, { roleKey });
  const { token } = await createApiKey(t.db, user.id, roleKey);
  const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) => t.api(method, url, body, { authorization: `Bearer ${token}` });
  return Object.assign(send, { id: user.id, token });
}

/** A product with a price in a new CNY price book valid through 2030. */
export async function catalogue(t: TestContext, prices: Array<[name: string, price: string, taxRate: number]>, bookFields: Record<string, unknown> = {}) {
  const book = await t.create('priceBooks', { name: unique('价格表'), currency: 'CNY', validFrom: '2026-01-01', validTo: '2030-12-31', ...bookFields });
  const products: Record<string, any>[] = [];
  for (const [name, price, taxRate] of prices) {
    const product = await t.create('products', { name: unique(name), code: unique('SKU'), unit: '台', taxRate });
    await t.create('priceBookEntries', { priceBookId: book.id, productId: product.id, unitPrice: price });
    products.push(product);
  }
  return { book, products };
}

/** A draft quote dated 2026-06-01 for a new account (created by `send`, or the administrator). */
export async function draftQuote(t: TestContext, fields: Record<string, unknown> = {}, send?: (m: 'POST', u: string, b: unknown) => Promise<{ status: number; body: any }>) {
  const post = send ?? ((m: 'POST', u: string, b: unknown) => t.api(m, u, b));
  const account = (await post('POST', '/api/v1/accounts', { name: unique('客户') })).body;
  const quote = await post('POST', '/api/v1/quotes', { name: unique('报价'), accountId: account.id, currency: 'CNY', quoteDate: '2026-06-01', ...fields });
  if (quote.status !== 201) throw new Error(`quote not created: ${JSON.stringify(quote.body)}`);
  return quote.body as Record<string, any>;
}

/** Records the approval engine's decision on a quote, as the engine does: as the system. */
export async function decideApproval(t: TestContext, quoteId: string, approvalStatus: 'pending' | 'approved' | 'rejected' | 'none') {
  return updateRecord(systemCaller({ db: t.db, registry: t.registry }, t.adminId), 'quotes', quoteId, { approvalStatus });
}
