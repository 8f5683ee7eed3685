// A rep cannot read another team's contract, instalment or payment by any path: get, list, JSON query,
// search, aggregate, the overdue list, the ageing report, the contract's timeline, nor write a payment
// onto it. A manager reads their reps' ones; a hidden amount means no receivables figures at all.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../../../testing.ts';
import { requestAs, salesTeam, type People } from './test-people.ts';

let t: TestContext;
let people: People;
let theirs: { contract: string; instalment: string; payment: string };
let mine: { contract: string; instalment: string; payment: string };
const asOf = '2031-01-31';

const contractFor = async (ownerId: string, word: string) => {
  const accountId = (await t.create('accounts', { name: `${word} 客户`, ownerId })).id;
  const contract = await t.create('contracts', { title: `${word} 框架合同`, accountId, ownerId, status: 'active', value: '9000' });
  const instalment = await t.create('paymentPlans', { contractId: contract.id, number: 1, dueDate: '2030-12-01', amount: '9000', name: `${word} 首付款` });
  const payment = await t.create('payments', { contractId: contract.id, instalmentId: instalment.id, paymentDate: '2030-12-05', amount: '1000', reference: `${word}-REF-1` });
  return { contract: contract.id as string, instalment: instalment.id as string, payment: payment.id as string };
};

before(async () => {
  t = await startTestApp();
  people = await salesTeam(t, 'recv-access');
  theirs = await contractFor(people.outsider.id, '星河');
  mine = await contractFor(people.rep1.id, '晨光');
});
after(() => t.close());

test("a rep cannot read another team's contract, instalment or payment by any path", async () => {
  const as = (method: 'GET' | 'POST', url: string, body?: unknown) => requestAs(t, people.rep1.token, method, url, body);
  for (const [object, id] of [['contracts', theirs.contract], ['paymentPlans', theirs.instalment], ['payments', theirs.payment]] as const) {
    assert.equal((await as('GET', `/api/v1/${object}/${id}`)).status, 404, `get ${object}`);
    const list = await as('GET', `/api/v1/${object}?limit=500`);
    assert.equal(list.status, 200);
    assert.ok(!list.body.data.some((r: { id: string }) => r.id === id), `list ${object}`);
    const query = await as('POST', `/api/v1/${object}/query`, { filter: { field: 'id', op: 'eq', value: id } });
    assert.ok(query.status === 200 || query.status === 400, `query ${object}: ${query.status}`);
    if (query.status === 200) assert.equal(query.body.data.length, 0, `query ${object}`);
    assert.equal((await as('GET', `/api/v1/${object}/${id}/timeline`)).status, 404, `timeline ${object}`);
    assert.equal((await as('GET', `/api/v1/${object}/${id}/history`)).status, 404, `history ${object}`);
  }
  const found = await as('GET', `/api/v1/search?q=${encodeURIComponent('星河')}`);
  assert.equal(found.status, 200);
  assert.ok(!JSON.stringify(found.body).includes(theirs.contract) && !JSON.stringify(found.body).includes(theirs.payment), 'search');
  assert.ok(!JSON.stringify((await as('GET', '/api/v1/search?q=REF')).body).includes(theirs.payment), 'search by reference');
  const sums = await as('GET', '/api/v1/payments/aggregate?sum=amount');
  assert.deepEqual(sums.body.data[0].sums.amount, [{ amount: '1000.00', currency: 'CNY' }], 'aggregate holds only my payment');
  const overdue = await as('GET', `/api/v1/receivables/overdue?asOf=${asOf}`);
  assert.deepEqual(overdue.body.data.map((r: { contractId: string }) => r.contractId), [mine.contract]);
  const ageing = await as('GET', `/api/v1/receivables/ageing?asOf=${asOf}`);
  assert.deepEqual(ageing.body.totals.map((x: { total: string }) => x.total), ['8000.00']);
  // Nor write onto it: a payment on their contract is refused as if it did not exist.
  const write = await as('POST', '/api/v1/payments', { contractId: theirs.contract, paymentDate: '2031-01-02', amount: '1' });
  assert.ok([403, 404, 400].includes(write.status), String(write.status));
  assert.equal((await requestAs(t, null, 'GET', `/api/v1/contracts/${theirs.contract}`)).body.receivedAmount.amount, '1000.00');
  // My own contract's timeline shows my payment.
  const timeline = await as('GET', `/api/v1/contracts/${mine.contract}/timeline`);
  assert.ok(timeline.body.data.some((e: { kind: string; payment?: { id: string } }) => e.kind === 'payment' && e.payment?.id === mine.payment));
});

test("a manager reads their reps' receivables, not another team's", async () => {
  const overdue = await requestAs(t, people.manager.token, 'GET', `/api/v1/receivables/overdue?asOf=${asOf}`);
  assert.deepEqual(overdue.body.data.map((r: { contractId: string }) => r.contractId), [mine.contract]);
  assert.equal((await requestAs(t, people.manager.token, 'GET', `/api/v1/payments/${mine.payment}`)).status, 200);
  assert.equal((await requestAs(t, people.manager.token, 'GET', `/api/v1/payments/${theirs.payment}`)).status, 404);
});

test('a role that may not see instalment amounts gets no receivables figures', async () => {
  const role = await t.api('POST', '/api/v1/admin/roles', {
    key: 'recv_no_amounts',
    name: { en: 'No amounts', 'zh-CN': '无金额' },
    permissions: { objects: { '*': ['read'] }, fields: { paymentPlans: { amount: 'hidden' } } },
  });
  assert.equal(role.status, 201, JSON.stringify(role.body));
  await t.api('PATCH', `/api/v1/admin/users/${people.rep2.id}`, { roleId: role.body.id });
  const r = await requestAs(t, people.rep2.token, 'GET', `/api/v1/receivables/ageing?asOf=${asOf}`);
  assert.equal(r.status, 400);
  assert.equal((await requestAs(t, people.rep2.token, 'GET', `/api/v1/receivables/overdue?asOf=${asOf}`)).status, 400);
});
