// Quotes over HTTP: prices from the right price book, totals exact in decimals, compatibility rules
// naming the offending lines, approval gating of big discounts, and versions.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../../../testing.ts';
import { catalogue, decideApproval, draftQuote, unique } from './quote-test-support.ts';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const putLines = (quoteId: string, lines: unknown[]) => t.api('PUT', `/api/v1/quotes/${quoteId}/lines`, { lines });

test('3 × ¥33.33 at 7.5% off with 13% VAT: prices from the price book, totals exact to the cent', async () => {
  const { products } = await catalogue(t, [['服务器', '33.33', 13]]);
  const quote = await draftQuote(t);
  const saved = await putLines(quote.id, [{ productId: products[0]!.id, quantity: 3, discountPercent: 7.5 }]);
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  const [line] = saved.body.lines;
  assert.deepEqual([line.unitPrice, line.listPrice, line.isPriceOverridden, line.taxRate, line.netAmount.amount], [{ amount: '33.33', currency: 'CNY' }, { amount: '33.33', currency: 'CNY' }, false, 13, '92.49']);
  assert.equal(line.description, products[0]!.name, 'the product name by default');
  const q = saved.body.quote;
  assert.deepEqual([q.subtotal.amount, q.discountAmount.amount, q.taxAmount.amount, q.total.amount], ['92.49', '0.00', '12.02', '104.51']);

  const typed = await putLines(quote.id, [{ id: line.id, productId: products[0]!.id, quantity: 3, unitPrice: '30', discountPercent: 0 }]);
  assert.deepEqual([typed.body.lines[0].unitPrice.amount, typed.body.lines[0].isPriceOverridden, typed.body.quote.total.amount], ['30.00', true, '101.70']);
  const discounted = await t.api('PATCH', `/api/v1/quotes/${quote.id}`, { discountPercent: 10 });
  assert.deepEqual([discounted.body.subtotal.amount, discounted.body.discountAmount.amount, discounted.body.taxAmount.amount, discounted.body.total.amount], ['90.00', '9.00', '10.53', '91.53']);
  const typedTotal = await t.api('PATCH', `/api/v1/quotes/${quote.id}`, { total: '1' });
  assert.equal(typedTotal.status, 400, 'totals are derived, never typed');
});

test('the price comes from the book for the account’s customer group, valid at the quote date, in its currency', async () => {
  const { products } = await catalogue(t, [['交换机', '100', 13]], { validTo: '2026-12-31' });
  const group = unique('VIP');
  const vip = await t.create('priceBooks', { name: unique('VIP 价格'), currency: 'CNY', customerGroup: group, validFrom: '2026-01-01' });
  await t.create('priceBookEntries', { priceBookId: vip.id, productId: products[0]!.id, unitPrice: '80' });
  const account = await t.create('accounts', { name: unique('VIP 客户'), customerGroup: group });
  const vipQuote = (await t.api('POST', '/api/v1/quotes', { name: unique('报价'), accountId: account.id, currency: 'CNY', quoteDate: '2026-06-01' })).body;
  const priced = await putLines(vipQuote.id, [{ productId: products[0]!.id, quantity: 1 }]);
  assert.equal(priced.body.lines[0].unitPrice.amount, '80.00');

  const late = await draftQuote(t, { quoteDate: '2031-01-05' });
  const noPrice = await putLines(late.id, [{ productId: products[0]!.id, quantity: 1 }]);
  assert.equal(noPrice.status, 400, 'no book is valid then');
  assert.deepEqual(noPrice.body.errors.map((e: any) => [e.field, e.code]), [['lines.0.unitPrice', 'no_price']]);
  const typed = await putLines(late.id, [{ productId: products[0]!.id, quantity: 1, unitPrice: '99.5' }]);
  assert.equal(typed.status, 200);
  await t.api('PATCH', `/api/v1/products/${products[0]!.id}`, { isActive: false });
  const retired = await putLines(late.id, [typed.body.lines[0], { productId: products[0]!.id, quantity: 1, unitPrice: '1' }].map((l: any) => ({ id: l.id, productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice?.amount ?? l.unitPrice })));
  assert.deepEqual(retired.body.errors.map((e: any) => [e.field, e.code]), [['lines.1.productId', 'not_allowed']], 'a product no longer sold is not added, a line that has it stays');
});

test('compatibility rules reject invalid lines with errors naming each offending line; bundles add their products', async () => {
  const { products } = await catalogue(t, [['主机 A', '1000', 13], ['电源 B', '200', 13], ['旧版电源 C', '150', 13], ['套装 D', '500', 13], ['配件 E', '50', 13], ['配件 F', '60', 13]]);
  const [a, b, c, d, e, f] = products.map((p) => p.id as string);
  await t.create('quoteRules', { name: unique('A 需要 B'), kind: 'requires', productId: a, relatedProductIds: [b] });
  await t.create('quoteRules', { name: unique('A 排斥 C'), kind: 'excludes', productId: a, relatedProductIds: [c] });
  await t.create('quoteRules', { name: unique('D 套装'), kind: 'bundle', productId: d, relatedProductIds: [e, f] });
  const quote = await draftQuote(t);

  const rejected = await putLines(quote.id, [{ productId: c, quantity: 1 }, { productId: a, quantity: 2 }]);
  assert.equal(rejected.status, 400);
  assert.deepEqual(rejected.body.errors.map((x: any) => [x.field, x.code]), [['lines.0.productId', 'excludes_product'], ['lines.1.productId', 'requires_product'], ['lines.1.productId', 'excludes_product']]);
  assert.match(rejected.body.errors[1].message, /电源 B/, 'the message names the missing product');
  assert.equal((await t.api('GET', `/api/v1/quotes/${quote.id}/lines`)).body.lines.length, 0, 'nothing was written');

  const fixed = await putLines(quote.id, [{ productId: a, quantity: 2 }, { productId: b, quantity: 2 }]);
  assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
  assert.equal(fixed.body.quote.subtotal.amount, '2400.00');

  const alone = await t.api('POST', '/api/v1/quoteLines', { quoteId: quote.id, productId: c, quantity: 1, position: 3 });
  assert.equal(alone.status, 400, 'a single line is checked with the others');
  assert.deepEqual(alone.body.errors.map((x: any) => x.field), ['lines.0.productId', 'lines.2.productId']);

  const bundled = await putLines(quote.id, [{ productId: a, quantity: 1 }, { productId: b, quantity: 1 }, { productId: d, quantity: 1 }]);
  assert.equal(bundled.status, 200);
  assert.deepEqual(bundled.body.lines.map((l: any) => l.productId), [a, b, d, e, f]);
  assert.ok(bundled.body.lines[3].addedByRuleId, 'marked as added by the bundle');
  const removed = await putLines(quote.id, bundled.body.lines.slice(0, 4).map((l: any) => ({ id: l.id, productId: l.productId, quantity: l.quantity })));
  assert.equal(removed.status, 200, 'a removed bundle product comes back');
  assert.equal(removed.body.lines.length, 5);
});

test('a discount above the threshold needs approval before the quote is sent; a change after approval resets it', async () => {
  assert.equal((await t.api('PUT', '/api/v1/sales/settings/quotes', { discountApprovalThreshold: 10, companyName: '关系科技', brandColor: '#c92a2a' })).status, 200);
  const { products } = await catalogue(t, [['软件许可', '1000', 6]]);
  const quote = await draftQuote(t);
  const small = await putLines(quote.id, [{ productId: products[0]!.id, quantity: 1, discountPercent: 10 }]);
  assert.equal(small.body.quote.needsApproval, false, 'at the threshold is not above it');
  const big = await t.api('PATCH', `/api/v1/quotes/${quote.id}`, { discountPercent: 5 });
  assert.deepEqual([big.body.needsApproval, big.body.largestDiscount], [true, 14.5]);

  const refused = await t.api('PATCH', `/api/v1/quotes/${quote.id}`, { status: 'sent' });
  assert.equal(refused.status, 400);
  assert.deepEqual(refused.body.errors.map((e: any) => [e.field, e.code]), [['status', 'approval_required']]);
  const typedApproval = await t.api('PATCH', `/api/v1/quotes/${quote.id}`, { approvalStatus: 'approved' });
  assert.equal(typedApproval.status, 400, 'users never write the approval status');

  await decideApproval(t, quote.id, 'pending');
  const lineId = small.body.lines[0].id;
  const whilePending = await putLines(quote.id, [{ id: lineId, productId: products[0]!.id, quantity: 2, discountPercent: 10 }]);
  assert.equal(whilePending.status, 409, 'lines do not change while approval is pending');
  await decideApproval(t, quote.id, 'approved');
  const changed = await putLines(quote.id, [{ id: lineId, productId: products[0]!.id, quantity: 1, discountPercent: 12 }]);
  assert.equal(changed.body.quote.approvalStatus, 'none', 'the approval saw other discounts');
  assert.equal((await t.api('PATCH', `/api/v1/quotes/${quote.id}`, { status: 'sent' })).status, 400);

  await decideApproval(t, quote.id, 'approved');
  const sent = await t.api('PATCH', `/api/v1/quotes/${quote.id}`, { status: 'sent' });
  assert.equal(sent.status, 200, JSON.stringify(sent.body));
  assert.equal((await t.api('PATCH', `/api/v1/quotes/${quote.id}`, { discountPercent: 1 })).status, 409, 'a sent quote no longer changes');
  assert.equal((await t.api('PATCH', `/api/v1/quotes/${quote.id}`, { status: 'accepted' })).status, 200);
  await t.api('PUT', '/api/v1/sales/settings/quotes', { discountApprovalThreshold: 20, companyName: 'Guanxi CRM', brandColor: '#1c7ed6' });
});

test('a new version copies the quote and its lines; the old one is superseded and read-only', async () => {
  const { products } = await catalogue(t, [['云存储', '12.5', 6]]);
  const quote = await draftQuote(t, { discountPercent: 2 });
  await putLines(quote.id, [{ productId: products[0]!.id, quantity: 4, discountPercent: 5 }, { productId: products[0]!.id, quantity: 1, unitPrice: '10' }]);
  const v2 = await t.api('POST', `/api/v1/quotes/${quote.id}/versions`);
  assert.equal(v2.status, 201, JSON.stringify(v2.body));
  assert.deepEqual([v2.body.versionNumber, v2.body.previousVersionId, v2.body.name, v2.body.status, v2.body.isSuperseded], [2, quote.id, quote.name, 'draft', false]);
  const old = (await t.api('GET', `/api/v1/quotes/${quote.id}/lines`)).body;
  const copy = (await t.api('GET', `/api/v1/quotes/${v2.body.id}/lines`)).body;
  assert.equal(old.quote.isSuperseded, true);
  assert.deepEqual(copy.lines.map((l: any) => [l.quantity, l.unitPrice.amount, l.isPriceOverridden, l.discountPercent]), [[4, '12.50', false, 5], [1, '10.00', true, 0]]);
  assert.equal(copy.quote.total.amount, old.quote.total.amount);
  assert.notEqual(copy.quote.quoteNumber, old.quote.quoteNumber);

  assert.equal((await t.api('PATCH', `/api/v1/quotes/${quote.id}`, { name: 'changed' })).status, 409, 'old versions are read-only');
  assert.equal((await putLines(quote.id, [])).status, 409);
  assert.equal((await t.api('DELETE', `/api/v1/quoteLines/${old.lines[0].id}`)).status, 409);
  assert.equal((await t.api('POST', `/api/v1/quotes/${quote.id}/versions`)).status, 409, 'only the current version has a next one');
  assert.equal((await putLines(v2.body.id, [])).status, 200, 'the new version is a draft that changes');
  assert.equal((await t.api('POST', `/api/v1/quotes/${v2.body.id}/versions`)).body.versionNumber, 3);
});

test('two saves of the same quote at once take turns: the lines are one save’s, never a mix', async () => {
  const { products } = await catalogue(t, [['键盘', '99', 13], ['鼠标', '49', 13]]);
  const quote = await draftQuote(t);
  const [one, two] = await Promise.all([
    putLines(quote.id, [{ productId: products[0]!.id, quantity: 1 }]),
    putLines(quote.id, [{ productId: products[1]!.id, quantity: 2 }, { productId: products[1]!.id, quantity: 3 }]),
  ]);
  assert.deepEqual([one.status, two.status], [200, 200]);
  const { lines, quote: saved } = (await t.api('GET', `/api/v1/quotes/${quote.id}/lines`)).body;
  const asOne = lines.length === 1 && lines[0].productId === products[0]!.id;
  const asTwo = lines.length === 2 && lines.every((l: any) => l.productId === products[1]!.id);
  assert.ok(asOne || asTwo, `the lines of one save: ${JSON.stringify(lines.map((l: any) => l.productId))}`);
  assert.equal(saved.subtotal.amount, asOne ? '99.00' : '245.00');
});
