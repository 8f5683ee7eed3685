// The engine on any object that declares `approvalStatus` (the approval contract): an entry condition
// on a derived `needsApproval`, named-user and role approvers with all-of, and the lock reaching the
// records the locked one owns.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../../testing.ts';
import { installedModules } from '../index.ts';
import { installModules } from '../../records/index.ts';
import { as, createPerson, offers, type Person } from './test-support.ts';

let t: TestContext;
let seller: Person, pricing1: Person, pricing2: Person, controller: Person;

before(async () => {
  t = await startTestApp({ modules: installModules([...installedModules.modules, offers]) });
  seller = await createPerson(t, 'Seller 孙丽');
  pricing1 = await createPerson(t, 'Pricing One', { roleKey: 'marketing' });
  pricing2 = await createPerson(t, 'Pricing Two', { roleKey: 'marketing' });
  controller = await createPerson(t, 'Controller 钱进', { roleKey: 'sales_manager' });
  const process = await t.create('approvalProcesses', { name: 'Discount approval', objectName: 'offers', entryCondition: 'needsApproval eq true' });
  // All of the marketing role (both pricing people), then one named controller.
  await t.create('approvalSteps', { processId: process.id, position: 1, name: 'Pricing', approverKind: 'role', roleKey: 'marketing', mode: 'all' });
  await t.create('approvalSteps', { processId: process.id, position: 2, name: 'Controller', approverKind: 'user', approverId: controller.id });
});
after(() => t.close());

test('the entry condition decides whether a record needs approval at all', async () => {
  const small = (await as(t, seller, 'POST', '/api/v1/offers', { name: 'Small discount', discount: 5 })).body;
  const refused = await as(t, seller, 'POST', '/api/v1/approvals/requests', { object: 'offers', recordId: small.id });
  assert.equal(refused.status, 409);
  assert.equal(refused.body.code, 'approval-not-applicable');
});

test('all-of a role, then a named user; lines of a pending offer are locked too', async () => {
  const offer = (await as(t, seller, 'POST', '/api/v1/offers', { name: '大客户报价', discount: 25 })).body;
  const line = (await as(t, seller, 'POST', '/api/v1/offerLines', { offerId: offer.id, product: 'CRM 套件' })).body;
  const request = (await as(t, seller, 'POST', '/api/v1/approvals/requests', { object: 'offers', recordId: offer.id })).body;
  assert.deepEqual([...request.currentApproverIds].toSorted(), [pricing1.id, pricing2.id].toSorted());

  assert.equal((await as(t, seller, 'PATCH', `/api/v1/offerLines/${line.id}`, { product: 'changed' })).body.code, 'record-locked');
  assert.equal((await as(t, seller, 'POST', '/api/v1/offerLines', { offerId: offer.id, product: 'extra' })).body.code, 'record-locked');

  const afterOne = (await as(t, pricing1, 'POST', `/api/v1/approvals/requests/${request.id}/decisions`, { decision: 'approve' })).body;
  assert.deepEqual(afterOne.currentApproverIds, [pricing2.id], 'all of them: the second still has to approve');
  assert.equal(afterOne.stepPosition, 1);
  const afterTwo = (await as(t, pricing2, 'POST', `/api/v1/approvals/requests/${request.id}/decisions`, { decision: 'approve' })).body;
  assert.deepEqual(afterTwo.currentApproverIds, [controller.id]);
  const done = (await as(t, controller, 'POST', `/api/v1/approvals/requests/${request.id}/decisions`, { decision: 'approve' })).body;
  assert.equal(done.status, 'approved');
  assert.equal((await as(t, seller, 'GET', `/api/v1/offers/${offer.id}`)).body.approvalStatus, 'approved');
  assert.equal((await as(t, seller, 'PATCH', `/api/v1/offerLines/${line.id}`, { product: 'changed' })).status, 200, 'unlocked once decided');
});

test('only administrators change processes', async () => {
  assert.equal((await as(t, controller, 'POST', '/api/v1/approvalProcesses', { name: 'Mine', objectName: 'offers' })).status, 403);
  const [process] = (await t.api('GET', `/api/v1/approvalProcesses?filter=${encodeURIComponent("objectName eq 'offers'")}`)).body.data;
  assert.equal((await as(t, controller, 'PATCH', `/api/v1/approvalProcesses/${process.id}`, { isActive: false })).status, 403);
  assert.equal((await as(t, controller, 'GET', `/api/v1/approvalProcesses/${process.id}`)).status, 200, 'everyone may read them');
});

test("a process's entry condition and steps are checked when saved", async () => {
  const badCondition = await t.api('POST', '/api/v1/approvalProcesses', { name: 'Broken', objectName: 'offers', entryCondition: 'nothing eq 1' });
  assert.equal(badCondition.status, 400);
  assert.deepEqual(badCondition.body.errors.map((e: { field: string }) => e.field), ['entryCondition']);
  assert.equal((await t.api('POST', '/api/v1/approvalProcesses', { name: 'Accounts', objectName: 'accounts' })).body.errors[0].field, 'objectName', 'accounts cannot be approved');
  const process = await t.create('approvalProcesses', { name: 'Checked', objectName: 'offers', isActive: false });
  const noRole = await t.api('POST', '/api/v1/approvalSteps', { processId: process.id, position: 1, name: 'Nobody', approverKind: 'role', roleKey: 'astronaut' });
  assert.equal(noRole.body.errors[0].field, 'roleKey');
  const badAmount = await t.api('POST', '/api/v1/approvalSteps', { processId: process.id, position: 1, name: 'Big', approverKind: 'managerChain', amountField: 'name', amountAbove: 10 });
  assert.equal(badAmount.body.errors[0].field, 'amountField');
  assert.equal((await t.api('POST', '/api/v1/approvalSteps', { processId: process.id, position: 1, name: 'Big', approverKind: 'managerChain', amountField: 'discount', amountAbove: 10 })).status, 201);
});
