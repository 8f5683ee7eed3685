// A big discount goes through the approval engine end to end: the default quote process applies to a
// quote whose discount is above the threshold, the quote is locked while pending, the owner's manager
// approves, and only then may the quote be sent.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../../../testing.ts';
import { asUser, catalogue, draftQuote } from './quote-test-support.ts';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

test('the default process: submit, locked while pending, the manager approves, then the quote is sent', async () => {
  assert.equal((await t.api('PUT', '/api/v1/sales/settings/quotes', { discountApprovalThreshold: 15, companyName: '关系科技', brandColor: '#1c7ed6' })).status, 200);
  const manager = await asUser(t, 'sales_manager');
  const rep = await asUser(t, 'sales_rep');
  const other = await asUser(t, 'sales_manager');
  assert.equal((await t.api('PATCH', `/api/v1/admin/users/${rep.id}`, { managerId: manager.id })).status, 200);
  const { products } = await catalogue(t, [['企业版许可', '20000', 13]]);
  const quote = await draftQuote(t, {}, rep);
  const lines = await rep('PUT', `/api/v1/quotes/${quote.id}/lines`, { lines: [{ productId: products[0]!.id, quantity: 2, discountPercent: 25 }] });
  assert.equal(lines.status, 200, JSON.stringify(lines.body));
  assert.equal(lines.body.quote.needsApproval, true);

  const submitted = await rep('POST', '/api/v1/approvals/requests', { object: 'quotes', recordId: quote.id, comment: '战略客户，请批准 25% 折扣' });
  assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
  assert.equal((await rep('GET', `/api/v1/quotes/${quote.id}`)).body.approvalStatus, 'pending');
  const locked = await rep('PATCH', `/api/v1/quotes/${quote.id}`, { discountPercent: 1 });
  assert.deepEqual([locked.status, locked.body.code], [409, 'record-locked']);

  const waiting = (await manager('GET', '/api/v1/approvals/requests?box=waiting')).body.data as Array<{ id: string }>;
  assert.ok(waiting.some((r) => r.id === submitted.body.id), 'in the manager’s inbox');
  assert.equal((await other('POST', `/api/v1/approvals/requests/${submitted.body.id}/decisions`, { decision: 'approve' })).status === 200, false, 'another manager cannot decide');
  const approved = await manager('POST', `/api/v1/approvals/requests/${submitted.body.id}/decisions`, { decision: 'approve', comment: '同意' });
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  assert.equal((await rep('GET', `/api/v1/quotes/${quote.id}`)).body.approvalStatus, 'approved');
  const sent = await rep('PATCH', `/api/v1/quotes/${quote.id}`, { status: 'sent' });
  assert.equal(sent.status, 200, JSON.stringify(sent.body));

  // Accepted: the quote's total becomes what the deal is worth.
  const deal = await rep('POST', '/api/v1/opportunities', { name: '企业版采购', accountId: quote.accountId, stage: 'negotiation', amount: '1.00', closeDate: '2030-06-30' });
  assert.equal(deal.status, 201, JSON.stringify(deal.body));
  assert.equal((await rep('PATCH', `/api/v1/quotes/${quote.id}`, { opportunityId: deal.body.id })).status, 200);
  const accepted = await rep('PATCH', `/api/v1/quotes/${quote.id}`, { status: 'accepted' });
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  assert.deepEqual((await rep('GET', `/api/v1/opportunities/${deal.body.id}`)).body.amount, accepted.body.total);
});

test('a quote within the threshold has no process to go through', async () => {
  const rep = await asUser(t, 'sales_rep');
  const { products } = await catalogue(t, [['标准版许可', '500', 13]]);
  const quote = await draftQuote(t, {}, rep);
  await rep('PUT', `/api/v1/quotes/${quote.id}/lines`, { lines: [{ productId: products[0]!.id, quantity: 1, discountPercent: 5 }] });
  const submitted = await rep('POST', '/api/v1/approvals/requests', { object: 'quotes', recordId: quote.id });
  assert.deepEqual([submitted.status, submitted.body.code], [409, 'approval-not-applicable']);
  assert.equal((await rep('PATCH', `/api/v1/quotes/${quote.id}`, { status: 'sent' })).status, 200);
});
