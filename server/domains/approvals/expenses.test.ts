// Expense approvals on a real database: the default two-step process with a delegation, the record
// lock, rejection and send-back, reimbursement by finance, and who may see or decide what.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../../testing.ts';
import { as, createPerson, createTeam, type Person } from './test-support.ts';
import { systemCaller } from '../../records/index.ts';
import { actingFor } from './approvers.ts';

let t: TestContext;
let director: Person, manager: Person, rep: Person, northRep: Person, finance: Person, stand_in: Person;

before(async () => {
  t = await startTestApp();
  const east = await createTeam(t, '华东区');
  const north = await createTeam(t, '华北区');
  director = await createPerson(t, 'Director 李娜', { roleKey: 'sales_director', teamIds: [east] });
  manager = await createPerson(t, 'Manager Emily', { roleKey: 'sales_manager', teamIds: [east], managerId: director.id });
  rep = await createPerson(t, 'Rep 王强', { teamIds: [east], managerId: manager.id });
  northRep = await createPerson(t, 'Rep 陈静', { teamIds: [north] });
  finance = await createPerson(t, 'Finance 赵敏', { roleKey: 'finance' });
  stand_in = await createPerson(t, 'Deputy 周杰', { roleKey: 'sales_manager', teamIds: [east] });
});
after(() => t.close());

const expense = async (who: Person, amount: number, description = `出差 ${amount}`) => {
  const r = await as(t, who, 'POST', '/api/v1/expenses', { description, expenseDate: '2030-03-02', category: 'travel', amount: { amount: String(amount), currency: 'CNY' } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as Record<string, any>;
};
const submit = (who: Person, id: string, comment?: string) => as(t, who, 'POST', '/api/v1/approvals/requests', { object: 'expenses', recordId: id, ...(comment ? { comment } : {}) });
const decideAs = (who: Person, requestId: string, decision: string, comment?: string) =>
  as(t, who, 'POST', `/api/v1/approvals/requests/${requestId}/decisions`, { decision, ...(comment ? { comment } : {}) });
const waitingIds = async (who: Person) => ((await as(t, who, 'GET', '/api/v1/approvals/requests?box=waiting')).body.data as Array<{ id: string }>).map((r) => r.id);
const statusOf = async (id: string) => (await t.api('GET', `/api/v1/expenses/${id}`)).body.approvalStatus;

test('two steps above ¥5,000: the manager, then the director through his delegate; the record is locked meanwhile', async () => {
  const claim = await expense(rep, 8000, '上海客户拜访差旅');
  assert.equal(claim.approvalStatus, 'none');
  assert.equal(claim.department?.startsWith('华东区'), true, "the requester's primary team");

  const submitted = await submit(rep, claim.id, '请审批');
  assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
  const requestId = submitted.body.id as string;
  assert.deepEqual(submitted.body.currentApproverIds, [manager.id]);
  assert.equal(await statusOf(claim.id), 'pending');

  // The lock: 409 with its code for the owner and even for an administrator; the engine's own writes pass.
  const locked = await as(t, rep, 'PATCH', `/api/v1/expenses/${claim.id}`, { description: 'changed' });
  assert.equal(locked.status, 409);
  assert.equal(locked.body.code, 'record-locked');
  assert.match(locked.body.detail, /上海客户拜访差旅/);
  assert.equal((await t.api('DELETE', `/api/v1/expenses/${claim.id}`)).body.code, 'record-locked', 'even for an administrator');
  assert.equal((await t.api('PATCH', `/api/v1/expenses/${claim.id}`, { notes: 'admin' })).body.code, 'record-locked');
  assert.equal((await submit(rep, claim.id)).body.code, 'approval-pending');

  assert.ok((await waitingIds(manager)).includes(requestId));
  assert.ok(!(await waitingIds(director)).includes(requestId), 'step 2 has not started');
  assert.equal((await decideAs(director, requestId, 'approve')).status, 403, 'not an approver yet (he may read the record)');

  assert.equal((await decideAs(manager, requestId, 'approve', '同意')).status, 200);
  const atStep2 = (await t.api('GET', `/api/v1/approvals/requests/${requestId}`)).body;
  assert.equal(atStep2.stepPosition, 2);
  assert.deepEqual(atStep2.currentApproverIds, [director.id], 'the manager approved already: only the director remains');

  // The director is away and delegated to his deputy.
  const delegation = await as(t, director, 'POST', '/api/v1/approvalDelegations', { delegateId: stand_in.id, startsOn: '2000-01-01', endsOn: '2999-12-31', note: '休假' });
  assert.equal(delegation.status, 201, JSON.stringify(delegation.body));
  const deputyInbox = (await as(t, stand_in, 'GET', '/api/v1/approvals/requests?box=waiting')).body.data as Array<{ id: string; onBehalfOfId: string }>;
  assert.equal(deputyInbox.find((r) => r.id === requestId)?.onBehalfOfId, director.id);
  const approved = await decideAs(stand_in, requestId, 'approve', '代李娜批准');
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  assert.equal(approved.body.status, 'approved');
  assert.equal(await statusOf(claim.id), 'approved');
  assert.equal((await decideAs(director, requestId, 'approve')).body.code, 'approval-not-pending');

  const detail = (await as(t, rep, 'GET', `/api/v1/approvals/requests/${requestId}`)).body;
  assert.deepEqual(
    detail.decisions.map((d: any) => [d.decision, d.deciderId, d.onBehalfOfId]),
    [['submit', rep.id, null], ['approve', manager.id, null], ['approve', stand_in.id, director.id]],
  );
  const timeline = (await as(t, rep, 'GET', `/api/v1/expenses/${claim.id}/timeline`)).body.data as Array<{ kind: string }>;
  assert.equal(timeline.filter((e) => e.kind === 'approval').length, 3, 'every decision is on the timeline');
  const audited = await t.db.rows<{ action: string }>(sql`select action from audit_events where target = ${`expenses:${claim.id}`} order by at`);
  assert.deepEqual(audited.map((a) => a.action), ['approval.submit', 'approval.approve', 'approval.approve']);
  const notes = await t.db.rows<{ user_id: string; kind: string }>(sql`select user_id, kind from notifications where record_id = ${claim.id}::uuid order by created_at`);
  assert.deepEqual(notes.map((n) => [n.user_id, n.kind]), [[manager.id, 'approval.requested'], [director.id, 'approval.requested'], [rep.id, 'approval.approved']]);

  // Reimbursement: finance only, once, and then the expense is closed.
  assert.equal((await as(t, manager, 'POST', `/api/v1/expenses/${claim.id}/reimburse`)).status, 403);
  const paid = await as(t, finance, 'POST', `/api/v1/expenses/${claim.id}/reimburse`);
  assert.equal(paid.status, 200, JSON.stringify(paid.body));
  assert.equal(paid.body.reimbursementStatus, 'reimbursed');
  assert.equal(paid.body.reimbursedById, finance.id);
  assert.equal((await as(t, finance, 'POST', `/api/v1/expenses/${claim.id}/reimburse`)).body.code, 'expense-reimbursed');
  assert.equal((await as(t, rep, 'PATCH', `/api/v1/expenses/${claim.id}`, { notes: 'later' })).body.code, 'expense-reimbursed');
});

test('send back needs a comment and unlocks the record; a resubmitted expense can be rejected; the requester may withdraw', async () => {
  const claim = await expense(rep, 300, '出租车');
  const first = (await submit(rep, claim.id)).body;
  assert.deepEqual(first.currentApproverIds, [manager.id], 'below ¥5,000: only the manager');
  assert.equal((await decideAs(manager, first.id, 'sendBack')).status, 400, 'a send-back says why');
  const sentBack = await decideAs(manager, first.id, 'sendBack', '请附上发票');
  assert.equal(sentBack.body.status, 'sentBack');
  assert.equal(await statusOf(claim.id), 'none');
  assert.equal((await as(t, rep, 'PATCH', `/api/v1/expenses/${claim.id}`, { notes: '发票已附' })).status, 200, 'unlocked');

  const second = (await submit(rep, claim.id)).body;
  const rejected = await decideAs(manager, second.id, 'reject', '不符合报销规定');
  assert.equal(rejected.body.status, 'rejected');
  assert.equal(await statusOf(claim.id), 'rejected');
  const panel = (await as(t, rep, 'GET', `/api/v1/approvals/records/expenses/${claim.id}`)).body;
  assert.equal(panel.request.id, second.id);
  assert.equal(panel.canSubmit, true);
  assert.equal(panel.request.decisions.at(-1).comment, '不符合报销规定');

  const third = (await submit(rep, claim.id)).body;
  assert.equal((await as(t, manager, 'POST', `/api/v1/approvals/requests/${third.id}/withdraw`, {})).status, 404, 'only the requester withdraws');
  const withdrawn = await as(t, rep, 'POST', `/api/v1/approvals/requests/${third.id}/withdraw`, { comment: '金额有误' });
  assert.equal(withdrawn.body.status, 'withdrawn');
  assert.equal(await statusOf(claim.id), 'none');
  assert.ok(!(await waitingIds(manager)).includes(third.id));
});

test('an approved expense is not submitted again; a change to what was approved needs a new approval', async () => {
  const claim = await expense(rep, 450, '打印资料');
  const request = (await submit(rep, claim.id)).body;
  assert.equal((await decideAs(manager, request.id, 'approve')).status, 200);
  assert.equal(await statusOf(claim.id), 'approved');
  assert.equal((await submit(rep, claim.id)).body.code, 'approval-approved');
  assert.equal((await as(t, rep, 'GET', `/api/v1/approvals/records/expenses/${claim.id}`)).body.canSubmit, false);
  assert.equal((await as(t, rep, 'PATCH', `/api/v1/expenses/${claim.id}`, { notes: '备注不影响审批' })).status, 200);
  assert.equal(await statusOf(claim.id), 'approved', 'notes are not part of the approval');
  assert.equal((await as(t, rep, 'PATCH', `/api/v1/expenses/${claim.id}`, { amount: { amount: '4500', currency: 'CNY' } })).status, 200);
  assert.equal(await statusOf(claim.id), 'none', 'a new amount needs a new approval');
  assert.equal((await as(t, rep, 'GET', `/api/v1/approvals/records/expenses/${claim.id}`)).body.canSubmit, true);
});

test("another team's rep can reach an expense by no path, and cannot decide; the report counts only what the caller sees", async () => {
  const claim = await expense(rep, 1200, '客户招待');
  const request = (await submit(rep, claim.id)).body;
  assert.equal((await as(t, northRep, 'GET', `/api/v1/expenses/${claim.id}`)).status, 404);
  const list = (await as(t, northRep, 'GET', '/api/v1/expenses')).body.data as Array<{ id: string }>;
  assert.ok(!list.some((e) => e.id === claim.id));
  assert.equal((await as(t, northRep, 'GET', `/api/v1/approvals/requests/${request.id}`)).status, 404);
  assert.equal((await as(t, northRep, 'GET', `/api/v1/approvals/records/expenses/${claim.id}`)).status, 404);
  assert.equal((await as(t, northRep, 'GET', `/api/v1/approvalRequests/${request.id}`)).status, 404);
  assert.equal((await as(t, northRep, 'GET', `/api/v1/expenses/${claim.id}/timeline`)).status, 404);
  assert.equal((await submit(northRep, claim.id)).status, 404);
  assert.equal((await decideAs(northRep, request.id, 'approve')).status, 404);
  assert.equal((await decideAs(rep, request.id, 'approve')).status, 403, 'the requester does not approve their own request');
  assert.equal((await as(t, northRep, 'POST', `/api/v1/expenses/${claim.id}/reimburse`)).status, 404);
  assert.equal((await as(t, northRep, 'POST', '/api/v1/approvalRequests', { objectName: 'expenses', recordId: claim.id })).status, 400, 'read-only fields');
  assert.equal((await as(t, rep, 'DELETE', `/api/v1/approvalRequests/${request.id}`)).status, 403, 'only the engine writes requests');
  assert.equal((await as(t, northRep, 'POST', '/api/v1/approvalProcesses', { name: 'mine', objectName: 'expenses' })).status, 403);

  await expense(northRep, 50, '地铁');
  const report = async (who: Person) =>
    (await as(t, who, 'GET', '/api/v1/expenses/aggregate?groupBy=ownerId&sum=amount')).body.data as Array<{ key: string[] | string; count: number }>;
  const northReport = await report(northRep);
  assert.equal(northReport.length, 1, 'only their own expenses');
  const managerReport = await report(manager);
  assert.ok(managerReport.some((g) => JSON.stringify(g.key).includes(rep.id)), "the manager sees the rep's");
  assert.ok(!managerReport.some((g) => JSON.stringify(g.key).includes(northRep.id)));
  const financeReport = (await as(t, finance, 'GET', '/api/v1/expenses/aggregate?groupBy=department,expenseDate:month&sum=amount')).body.data as unknown[];
  assert.ok(financeReport.length >= 2, 'finance sees every department');
});

test('no process for an object without approvals: 409 approval-not-applicable', async () => {
  const account = await t.create('accounts', { name: `审批测试 ${process.pid}` });
  const r = await t.api('POST', '/api/v1/approvals/requests', { object: 'accounts', recordId: account.id });
  assert.equal(r.status, 409);
  assert.equal(r.body.code, 'approval-not-applicable');
  assert.equal((await t.api('POST', '/api/v1/approvals/requests', { object: 'nothing', recordId: account.id })).status, 400);
});

test('a delegation counts only on the days it covers', async () => {
  const away = await createPerson(t, 'Away 吴刚', { roleKey: 'sales_manager' });
  const deputy = await createPerson(t, 'Deputy 郑爽', { roleKey: 'sales_manager' });
  assert.equal((await as(t, away, 'POST', '/api/v1/approvalDelegations', { delegateId: deputy.id, startsOn: '2030-05-01', endsOn: '2030-05-10' })).status, 201);
  const c = systemCaller(t, t.adminId);
  assert.deepEqual(await actingFor(c, deputy.id, new Date('2030-05-01T00:00:00Z')), [deputy.id, away.id]);
  assert.deepEqual(await actingFor(c, deputy.id, new Date('2030-05-10T23:59:00Z')), [deputy.id, away.id]);
  assert.deepEqual(await actingFor(c, deputy.id, new Date('2030-05-11T00:00:00Z')), [deputy.id], 'back at work');
  assert.deepEqual(await actingFor(c, deputy.id, new Date('2030-04-30T12:00:00Z')), [deputy.id], 'not away yet');
});
