// Order → contract over HTTP: a confirmed order becomes one draft contract with an exact plan; drafts,
// cancelled orders and bad input are refused with clear errors; another team sees nothing of it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../../../testing.ts';
import { asUser, catalogue, draftQuote, unique } from '../quotes/quote-test-support.ts';
import { addMonths, splitEvenly } from './from-order.ts';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

type Send = ReturnType<typeof asUser> extends Promise<infer S> ? S : never;

/** An order of a quote worth `price` (no tax), made by `send` or the administrator. */
async function orderOf(price: string, send?: Send) {
  const api = send ?? ((m: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', u: string, b?: unknown) => t.api(m, u, b));
  const { products } = await catalogue(t, [['年度服务', price, 0]]);
  const quote = await draftQuote(t, { name: unique('服务报价') }, send);
  assert.equal((await api('PUT', `/api/v1/quotes/${quote.id}/lines`, { lines: [{ productId: products[0]!.id, quantity: 1 }] })).status, 200);
  assert.equal((await api('PATCH', `/api/v1/quotes/${quote.id}`, { status: 'accepted' })).status, 200);
  const order = await api('POST', `/api/v1/quotes/${quote.id}/order`);
  assert.equal(order.status, 201, JSON.stringify(order.body));
  return { quote, order: order.body as Record<string, any>, api };
}

test('even splits are exact to the cent, the last instalment taking the remainder', () => {
  assert.deepEqual(splitEvenly('100000.00', 3), ['33333.3300', '33333.3300', '33333.3400']);
  assert.deepEqual(splitEvenly('0.02', 3), undefined);
  assert.deepEqual(splitEvenly('99.99', 1), ['99.9900']);
  assert.deepEqual([addMonths('2026-01-31', 1), addMonths('2028-01-31', 1), addMonths('2026-11-15', 2)], ['2026-02-28', '2028-02-29', '2027-01-15']);
});

test('a confirmed order becomes one draft contract with an exact monthly plan', async () => {
  const { quote, order, api } = await orderOf('100000');
  const url = `/api/v1/orders/${order.id}/contract`;
  const early = await api('POST', url, { startDate: '2026-07-01' });
  assert.equal(early.status, 409, 'a draft order is no contract yet');
  assert.equal(early.body.code, 'order-not-confirmed');
  assert.equal((await api('PATCH', `/api/v1/orders/${order.id}`, { status: 'confirmed' })).status, 200);

  const made = await api('POST', url, { startDate: '2026-07-31', endDate: '2027-07-30', signedDate: '2026-07-20', instalments: 3 });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const c = made.body;
  assert.deepEqual(
    [c.status, c.orderId, c.accountId, c.value, c.startDate, c.endDate, c.signedDate, c.ownerId, c.outstandingAmount.amount],
    ['draft', order.id, quote.accountId, { amount: '100000.00', currency: 'CNY' }, '2026-07-31', '2027-07-30', '2026-07-20', t.adminId, '100000.00'],
  );
  assert.equal(c.title, `${quote.name} (${order.orderNumber})`);
  const plan = (await api('GET', `/api/v1/paymentPlans?filter=${encodeURIComponent(`contractId eq '${c.id}'`)}&sort=number`)).body.data;
  assert.deepEqual(plan.map((p: any) => [p.number, p.dueDate, p.amount.amount]), [
    [1, '2026-07-31', '33333.33'],
    [2, '2026-08-31', '33333.33'],
    [3, '2026-09-30', '33333.34'],
  ]);

  const again = await api('POST', url, { instalments: 2 });
  assert.equal(again.status, 409, 'one contract per order');
  assert.equal(again.body.code, 'order-has-contract');
  assert.equal(again.body.errors[0].existingId, c.id);
  const contracts = (await api('GET', `/api/v1/contracts?filter=${encodeURIComponent(`orderId eq '${order.id}'`)}`)).body.data;
  assert.equal(contracts.length, 1);
  assert.equal((await api('PATCH', `/api/v1/contracts/${c.id}`, { orderId: order.id })).status, 400, 'the order link is set by the command only');

  // A terminated contract no longer counts: the order may get a new one (without a plan, dated today).
  assert.equal((await api('PATCH', `/api/v1/contracts/${c.id}`, { status: 'terminated' })).status, 200);
  const renewed = await api('POST', url);
  assert.equal(renewed.status, 201, JSON.stringify(renewed.body));
  assert.match(renewed.body.startDate, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(renewed.body.startDate, renewed.body.signedDate);
});

test('cancelled orders and bad input are refused with clear errors, never a 500', async () => {
  const { order, api } = await orderOf('0.02');
  const url = `/api/v1/orders/${order.id}/contract`;
  assert.equal((await api('PATCH', `/api/v1/orders/${order.id}`, { status: 'confirmed' })).status, 200);
  const cases: Array<[unknown, number, string | undefined]> = [
    [{ instalments: 0 }, 400, 'instalments'],
    [{ instalments: 25 }, 400, 'instalments'],
    [{ instalments: 1.5 }, 400, 'instalments'],
    [{ instalments: 3 }, 400, 'instalments'], // 0.02 cannot be three instalments of at least a cent
    [{ startDate: '2026-02-30' }, 400, 'startDate'],
    [{ endDate: 'soon' }, 400, 'endDate'],
    [{ startDate: '2026-07-01', endDate: '2026-06-30' }, 400, 'endDate'],
    [{ extra: true }, 400, undefined],
    [[1, 2], 400, undefined],
  ];
  for (const [body, status, field] of cases) {
    const r = await api('POST', url, body);
    assert.equal(r.status, status, `${JSON.stringify(body)}: ${JSON.stringify(r.body)}`);
    if (field) assert.ok(r.body.errors?.some((e: { field: string }) => e.field.endsWith(field)), `${JSON.stringify(body)}: ${JSON.stringify(r.body)}`);
  }
  assert.equal((await api('POST', '/api/v1/orders/not-a-uuid/contract', {})).status, 400);
  assert.equal((await api('POST', '/api/v1/orders/00000000-0000-4000-8000-000000000000/contract', {})).status, 404);
  assert.equal((await api('GET', `/api/v1/contracts?filter=${encodeURIComponent(`orderId eq '${order.id}'`)}`)).body.data.length, 0, 'nothing half made');

  assert.equal((await api('PATCH', `/api/v1/orders/${order.id}`, { status: 'cancelled' })).status, 200);
  const cancelled = await api('POST', url, { instalments: 1 });
  assert.equal(cancelled.status, 409);
  assert.equal(cancelled.body.code, 'order-not-confirmed');
});

test('a rep of another team cannot make or read the contract of an order they cannot see', async () => {
  const owner = await asUser(t);
  const stranger = await asUser(t);
  const { order } = await orderOf('1200', owner);
  assert.equal((await owner('PATCH', `/api/v1/orders/${order.id}`, { status: 'fulfilled' })).status, 200);
  const url = `/api/v1/orders/${order.id}/contract`;
  assert.equal((await stranger('POST', url, { instalments: 2 })).status, 404);
  const made = await owner('POST', url, { startDate: '2026-03-01', instalments: 2 });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.equal(made.body.ownerId, owner.id);
  assert.equal((await stranger('GET', `/api/v1/contracts/${made.body.id}`)).status, 404);
  assert.deepEqual((await stranger('GET', `/api/v1/paymentPlans?filter=${encodeURIComponent(`contractId eq '${made.body.id}'`)}`)).body.data, []);
  assert.deepEqual((await stranger('GET', `/api/v1/contracts?filter=${encodeURIComponent(`orderId eq '${order.id}'`)}`)).body.data, []);
  assert.equal((await stranger('POST', url, {})).status, 404, 'not even a hint that a contract exists');

  // A read-only user the order is shared with sees it, but may not create contracts.
  const readOnly = await asUser(t, 'read_only');
  assert.equal((await readOnly('POST', url, {})).status, 404);
  const shared = await owner('POST', `/api/v1/orders/${order.id}/shares`, { principalType: 'user', principalId: readOnly.id, access: 'read' });
  assert.equal(shared.status, 201, JSON.stringify(shared.body));
  assert.equal((await readOnly('GET', `/api/v1/orders/${order.id}`)).status, 200);
  assert.equal((await readOnly('POST', url, {})).status, 403);
});
