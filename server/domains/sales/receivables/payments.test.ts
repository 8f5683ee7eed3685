// Payments on a real database: instalment paid amounts and statuses and the contract's received and
// outstanding totals stay exact after partial, full and contract-level payments; an overpayment, a
// foreign currency or another contract's instalment is refused with a field error; deleting a payment
// puts the figures back.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../../../testing.ts';
import { markOverdueInstalments } from './totals.ts';

let t: TestContext;
let accountId: string;

before(async () => {
  t = await startTestApp();
  accountId = (await t.create('accounts', { name: '回款测试客户' })).id;
});
after(() => t.close());

const contractWithPlan = async (value: string, instalments: Array<[string, string]>) => {
  const contract = await t.create('contracts', { title: `合同 ${value}`, accountId, value: { amount: value, currency: 'CNY' }, status: 'active' });
  const plan = [];
  for (const [i, [dueDate, amount]] of instalments.entries()) plan.push(await t.create('paymentPlans', { contractId: contract.id, number: i + 1, dueDate, amount }));
  return { contract, plan };
};
const get = async (object: string, id: string) => (await t.api('GET', `/api/v1/${object}/${id}`)).body;
const pay = (body: Record<string, unknown>) => t.api('POST', '/api/v1/payments', { paymentDate: '2026-03-01', method: 'bankTransfer', ...body });

test('a contract gets a number, and starts with nothing received', async () => {
  const { contract } = await contractWithPlan('1000', []);
  assert.match(contract.contractNumber, /^HT-\d{4}-\d{4}$/);
  assert.deepEqual(contract.receivedAmount, { amount: '0.00', currency: 'CNY' });
  assert.deepEqual(contract.outstandingAmount, { amount: '1000.00', currency: 'CNY' });
});

test('partial, full and contract-level payments keep every figure exact', async () => {
  const { contract, plan } = await contractWithPlan('1000.00', [['2030-01-10', '333.33'], ['2030-02-10', '333.33'], ['2030-03-10', '333.34']]);
  const [first, second, third] = plan;
  assert.equal(first!.status, 'open');
  assert.equal((await pay({ contractId: contract.id, instalmentId: first!.id, amount: '100.10' })).status, 201);
  assert.equal((await pay({ contractId: contract.id, instalmentId: first!.id, amount: '0.2' })).status, 201);
  let one = await get('paymentPlans', first!.id);
  assert.deepEqual(one.paidAmount, { amount: '100.30', currency: 'CNY' });
  assert.equal(one.status, 'partlyPaid');
  assert.equal((await pay({ contractId: contract.id, instalmentId: first!.id, amount: 233.03 })).status, 201);
  one = await get('paymentPlans', first!.id);
  assert.equal(one.status, 'paid');
  assert.equal(one.paidAmount.amount, '333.33');

  // A payment against the contract settles the next instalments in due-date order.
  assert.equal((await pay({ contractId: contract.id, amount: '400' })).status, 201);
  assert.equal((await get('paymentPlans', second!.id)).status, 'paid');
  const last = await get('paymentPlans', third!.id);
  assert.deepEqual([last.status, last.paidAmount.amount], ['partlyPaid', '66.67']);
  const totals = await get('contracts', contract.id);
  assert.deepEqual([totals.receivedAmount.amount, totals.outstandingAmount.amount], ['733.33', '266.67']);

  // Overpayment: more than the contract still owes, or than the instalment still owes, is refused.
  const tooMuch = await pay({ contractId: contract.id, amount: '266.68' });
  assert.equal(tooMuch.status, 400);
  assert.deepEqual(tooMuch.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]), [['amount', 'overpayment']]);
  const onInstalment = await pay({ contractId: contract.id, instalmentId: first!.id, amount: '0.01' });
  assert.deepEqual(onInstalment.body.errors.map((e: { code: string }) => e.code), ['overpayment']);
  assert.equal((await pay({ contractId: contract.id, amount: { amount: '1', currency: 'USD' } })).body.errors[0].code, 'currency_mismatch');
  assert.equal((await pay({ contractId: contract.id, amount: '0' })).body.errors[0].code, 'not_positive');
  const exact = await pay({ contractId: contract.id, amount: '266.67' });
  assert.equal(exact.status, 201);
  const settled = await get('contracts', contract.id);
  assert.deepEqual([settled.receivedAmount.amount, settled.outstandingAmount.amount], ['1000.00', '0.00']);
  assert.equal((await get('paymentPlans', third!.id)).status, 'paid');

  // Deleting a payment (as someone who may edit the contract) puts its amount back.
  assert.equal((await t.api('DELETE', `/api/v1/payments/${exact.body.id}`)).status, 204);
  assert.equal((await get('contracts', contract.id)).outstandingAmount.amount, '266.67');
  assert.equal((await get('paymentPlans', third!.id)).status, 'partlyPaid');
});

test("an instalment of another contract is refused; the value cannot fall below what was received", async () => {
  const a = await contractWithPlan('500', [['2030-01-01', '500']]);
  const b = await contractWithPlan('500', [['2030-01-01', '500']]);
  const wrong = await pay({ contractId: a.contract.id, instalmentId: b.plan[0]!.id, amount: '10' });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.errors[0].field, 'instalmentId');
  assert.equal((await pay({ contractId: a.contract.id, amount: '300' })).status, 201);
  assert.equal((await t.api('PATCH', `/api/v1/contracts/${a.contract.id}`, { renewalReminderDays: -1 })).body.errors?.[0]?.field, 'renewalReminderDays');
  const lower = await t.api('PATCH', `/api/v1/contracts/${a.contract.id}`, { value: '200' });
  assert.equal(lower.body.errors?.[0]?.code, 'below_received');
  assert.equal((await t.api('PATCH', `/api/v1/contracts/${a.contract.id}`, { value: '800' })).status, 200);
  assert.equal((await get('contracts', a.contract.id)).outstandingAmount.amount, '500.00');
});

test('an instalment past its due date is overdue until paid', async () => {
  const { contract, plan } = await contractWithPlan('100', [['2020-01-01', '100']]);
  assert.equal((await get('paymentPlans', plan[0]!.id)).status, 'overdue');
  await pay({ contractId: contract.id, amount: '100' });
  assert.equal((await get('paymentPlans', plan[0]!.id)).status, 'paid');
});

test('the daily job turns unpaid instalments past their due date overdue; a plan cannot fall below what was paid on it', async () => {
  const { contract, plan } = await contractWithPlan('300', [['2040-01-01', '100'], ['2040-02-01', '200']]);
  await pay({ contractId: contract.id, instalmentId: plan[0]!.id, amount: '40' });
  await markOverdueInstalments(t.db, '2040-01-01');
  assert.equal((await get('paymentPlans', plan[0]!.id)).status, 'partlyPaid', 'due today is not overdue yet');
  assert.ok((await markOverdueInstalments(t.db, '2040-01-02')) >= 1);
  assert.deepEqual([(await get('paymentPlans', plan[0]!.id)).status, (await get('paymentPlans', plan[1]!.id)).status], ['overdue', 'open']);
  const lower = await t.api('PATCH', `/api/v1/paymentPlans/${plan[0]!.id}`, { amount: '30' });
  assert.equal(lower.body.errors?.[0]?.code, 'below_received');
  assert.equal((await t.api('PATCH', `/api/v1/paymentPlans/${plan[0]!.id}`, { amount: '40' })).status, 200);
  assert.equal((await get('paymentPlans', plan[0]!.id)).status, 'paid');
});

test('two payments at once that together would overpay: exactly one is taken', async () => {
  const { contract } = await contractWithPlan('100', [['2041-01-01', '100']]);
  const replies = await Promise.all([pay({ contractId: contract.id, amount: '60' }), pay({ contractId: contract.id, amount: '60' })]);
  assert.deepEqual(replies.map((r) => r.status).toSorted(), [201, 400]);
  assert.equal((await get('contracts', contract.id)).receivedAmount.amount, '60.00');
});
