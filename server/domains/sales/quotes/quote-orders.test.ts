// Quote → order over HTTP: only an accepted quote, once, with its lines and totals, all or nothing;
// and a rep never reaches another team's quote, its lines, its PDF or its order by any path.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../../../testing.ts';
import { asUser, catalogue, draftQuote, unique } from './quote-test-support.ts';
import { expireQuotes } from './expiry.ts';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

test('an accepted quote becomes one order with its lines and totals', async () => {
  const { products } = await catalogue(t, [['路由器', '199.90', 13], ['安装服务', '500', 6]]);
  const quote = await draftQuote(t, { discountPercent: 3 });
  await t.api('PUT', `/api/v1/quotes/${quote.id}/lines`, { lines: [{ productId: products[0]!.id, quantity: 3, discountPercent: 5 }, { productId: products[1]!.id, quantity: 1 }] });
  assert.equal((await t.api('POST', `/api/v1/quotes/${quote.id}/order`)).status, 409, 'a draft is no order yet');
  const accepted = (await t.api('PATCH', `/api/v1/quotes/${quote.id}`, { status: 'accepted' })).body;

  const order = await t.api('POST', `/api/v1/quotes/${quote.id}/order`);
  assert.equal(order.status, 201, JSON.stringify(order.body));
  assert.match(order.body.orderNumber, /^SO-\d{4}-\d{5}$/);
  assert.deepEqual([order.body.status, order.body.quoteId, order.body.accountId, order.body.total, order.body.taxAmount], ['draft', quote.id, quote.accountId, accepted.total, accepted.taxAmount]);
  const lines = (await t.api('GET', `/api/v1/orderLines?filter=${encodeURIComponent(`orderId eq '${order.body.id}'`)}&sort=position`)).body.data;
  assert.deepEqual(lines.map((l: any) => [l.position, l.productId, l.quantity, l.unitPrice.amount, l.netAmount.amount]), [
    [1, products[0]!.id, 3, '199.90', '569.72'],
    [2, products[1]!.id, 1, '500.00', '500.00'],
  ]);
  assert.equal((await t.api('POST', `/api/v1/quotes/${quote.id}/order`)).status, 409, 'one order per quote');
  assert.equal((await t.api('PATCH', `/api/v1/orderLines/${lines[0].id}`, { quantity: 9 })).status, 400, 'order lines are copies');
  assert.equal((await t.api('POST', '/api/v1/orders', { status: 'draft' })).status, 409, 'orders come from quotes');
  assert.equal((await t.api('PATCH', `/api/v1/orders/${order.body.id}`, { status: 'confirmed' })).body.status, 'confirmed');
});

test('the order is made all or nothing: a line that cannot be copied leaves no order behind', async () => {
  const { products } = await catalogue(t, [['显示器', '999', 13], ['停产配件', '10', 13]]);
  const quote = await draftQuote(t);
  await t.api('PUT', `/api/v1/quotes/${quote.id}/lines`, { lines: [{ productId: products[0]!.id, quantity: 1 }, { productId: products[1]!.id, quantity: 1 }] });
  await t.api('PATCH', `/api/v1/quotes/${quote.id}`, { status: 'accepted' });
  // The second product is withdrawn: its order line cannot refer to it, so the order fails at its last line.
  assert.equal((await t.api('DELETE', `/api/v1/products/${products[1]!.id}`)).status, 204);
  const failed = await t.api('POST', `/api/v1/quotes/${quote.id}/order`);
  assert.equal(failed.status, 400);
  const orders = (await t.api('GET', `/api/v1/orders?filter=${encodeURIComponent(`quoteId eq '${quote.id}'`)}`)).body.data;
  assert.deepEqual(orders, [], 'no order without its lines');
  assert.equal((await t.api('GET', `/api/v1/orderLines?filter=${encodeURIComponent(`productId eq '${products[0]!.id}'`)}`)).body.data.length, 0);
  await t.api('POST', `/api/v1/products/${products[1]!.id}/restore`);
  assert.equal((await t.api('POST', `/api/v1/quotes/${quote.id}/order`)).status, 201, 'once the product is back, the order is made');
});

test('a rep cannot reach another team’s quote, its lines, its PDF or its order by any path', async () => {
  const owner = await asUser(t);
  const stranger = await asUser(t);
  const { products } = await catalogue(t, [['保密产品', '88', 13]]);
  const quote = await draftQuote(t, { name: unique('机密报价') }, owner);
  const saved = await owner('PUT', `/api/v1/quotes/${quote.id}/lines`, { lines: [{ productId: products[0]!.id, quantity: 2 }] });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  const lineId = saved.body.lines[0].id;
  assert.equal((await owner('PATCH', `/api/v1/quotes/${quote.id}`, { status: 'accepted' })).status, 200);
  const order = await owner('POST', `/api/v1/quotes/${quote.id}/order`);
  assert.equal(order.status, 201, JSON.stringify(order.body));
  assert.equal((await owner('GET', `/api/v1/quotes/${quote.id}/pdf`)).status, 200, 'the owner gets the PDF');
  const orderLine = (await owner('GET', `/api/v1/orderLines?filter=${encodeURIComponent(`orderId eq '${order.body.id}'`)}`)).body.data[0];
  assert.ok(orderLine, 'the owner reads the order lines');

  const q = encodeURIComponent;
  for (const url of [
    `/api/v1/quotes/${quote.id}`,
    `/api/v1/quotes/${quote.id}/lines`,
    `/api/v1/quotes/${quote.id}/pdf`,
    `/api/v1/quoteLines/${lineId}`,
    `/api/v1/orders/${order.body.id}`,
    `/api/v1/orderLines/${orderLine.id}`,
    `/api/v1/quotes/${quote.id}/history`,
  ]) {
    assert.equal((await stranger('GET', url)).status, 404, url);
  }
  for (const url of [
    `/api/v1/quotes?filter=${q(`name eq '${quote.name}'`)}`,
    `/api/v1/quoteLines?filter=${q(`quoteId eq '${quote.id}'`)}`,
    `/api/v1/orders?filter=${q(`quoteId eq '${quote.id}'`)}`,
    `/api/v1/orderLines?filter=${q(`orderId eq '${order.body.id}'`)}`,
  ]) {
    const list = await stranger('GET', url);
    assert.equal(list.status, 200, url);
    assert.deepEqual(list.body.data, [], url);
  }
  const queried = await stranger('POST', '/api/v1/quotes/query', { filter: { name: { eq: quote.name } } });
  assert.deepEqual(queried.body.data ?? [], [], 'nor through the JSON query');
  const found = (await stranger('GET', `/api/v1/search?q=${q(quote.name)}`)).body.data;
  assert.ok(!found.some((hit: { id: string }) => hit.id === quote.id), 'nor through the search');
  assert.ok((await owner('GET', `/api/v1/search?q=${q(quote.name)}`)).body.data.some((hit: { id: string }) => hit.id === quote.id), 'which finds it for the owner');
  for (const [method, url, body] of [
    ['PUT', `/api/v1/quotes/${quote.id}/lines`, { lines: [] }],
    ['POST', `/api/v1/quotes/${quote.id}/versions`, undefined],
    ['POST', `/api/v1/quotes/${quote.id}/order`, undefined],
    ['PATCH', `/api/v1/quotes/${quote.id}`, { name: 'x' }],
  ] as const) {
    assert.equal((await stranger(method, url, body)).status, 404, `${method} ${url}`);
  }
  const sneak = await stranger('POST', '/api/v1/quoteLines', { quoteId: quote.id, productId: products[0]!.id, quantity: 1 });
  assert.equal(sneak.status, 400, 'a line cannot be added to a quote one cannot see');
});

test('sent quotes past their validity expire by the daily job; drafts and valid ones stay', async () => {
  const sent = await draftQuote(t, { validUntil: '2026-06-30' });
  const stillValid = await draftQuote(t, { validUntil: '2026-07-31' });
  const draft = await draftQuote(t, { validUntil: '2026-06-30' });
  for (const quote of [sent, stillValid]) assert.equal((await t.api('PATCH', `/api/v1/quotes/${quote.id}`, { status: 'sent' })).status, 200);
  assert.ok((await expireQuotes(t.db, t.registry, new Date('2026-07-01T02:20:00Z'))) >= 1);
  const statusOf = async (id: string) => (await t.api('GET', `/api/v1/quotes/${id}`)).body.status;
  assert.deepEqual([await statusOf(sent.id), await statusOf(stillValid.id), await statusOf(draft.id)], ['expired', 'sent', 'draft']);
});
