// What a pending approval means beyond field writes: files can be neither added nor removed (the same
// 409 `record-locked`, in the caller's language), clients can ask whether a record is locked, and an
// approver who could not read the record before is given a read share so they can open it and decide.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../../testing.ts';
import { installedModules } from '../index.ts';
import { installModules } from '../../records/index.ts';
import { as, createPerson, offers, type Person } from './test-support.ts';

let t: TestContext;
let seller: Person, outsider: Person, bystander: Person;
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** A raw request as a person (bytes, headers); the parsed JSON reply. */
async function send(who: Person, method: 'GET' | 'POST' | 'DELETE', url: string, options: { body?: Buffer; language?: string } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${who.token}`, ...(options.language ? { 'accept-language': options.language } : {}) };
  if (options.body) headers['content-type'] = 'application/octet-stream';
  const r = await t.app.inject({ method, url, headers, ...(options.body ? { payload: options.body } : {}) });
  return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null };
}

before(async () => {
  t = await startTestApp({ modules: installModules([...installedModules.modules, offers]) });
  seller = await createPerson(t, 'Seller 周敏');
  // Neither of them manages the seller or shares a team: offers are private, so they see none of them.
  outsider = await createPerson(t, 'Pricing desk 吴昊');
  bystander = await createPerson(t, 'Bystander 郑洁');
  const process = await t.create('approvalProcesses', { name: 'Discount desk', objectName: 'offers', entryCondition: 'needsApproval eq true' });
  await t.create('approvalSteps', { processId: process.id, position: 1, name: 'Pricing desk', approverKind: 'user', approverId: outsider.id });
});
after(() => t.close());

test("a pending record's files can be neither added nor removed, and the lock says so in the caller's language", async () => {
  const offer = (await as(t, seller, 'POST', '/api/v1/offers', { name: '锁定的报价', discount: 30 })).body;
  const line = (await as(t, seller, 'POST', '/api/v1/offerLines', { offerId: offer.id, product: '实施服务' })).body;
  const file = await send(seller, 'POST', `/api/v1/offers/${offer.id}/attachments?filename=before.pdf`, { body: pdf });
  assert.equal(file.status, 201, JSON.stringify(file.body));
  assert.deepEqual((await as(t, seller, 'GET', `/api/v1/offers/${offer.id}/lock`)).body, {
    isLocked: false,
    code: null,
    detail: null,
    canEdit: true,
    canDelete: false, // the role's other objects: read, create, edit
    canChangeOwner: false,
  });

  assert.equal((await as(t, seller, 'POST', '/api/v1/approvals/requests', { object: 'offers', recordId: offer.id })).status, 201);
  const added = await send(seller, 'POST', `/api/v1/offers/${offer.id}/attachments?filename=after.pdf`, { body: pdf });
  assert.equal(added.status, 409);
  assert.equal(added.body.code, 'record-locked');
  const addedZh = await send(seller, 'POST', `/api/v1/offers/${offer.id}/attachments?filename=after.pdf`, { body: pdf, language: 'zh-CN' });
  assert.equal(addedZh.body.code, 'record-locked');
  assert.match(addedZh.body.detail, /审批中/);
  const onLine = await send(seller, 'POST', `/api/v1/offerLines/${line.id}/attachments?filename=line.pdf`, { body: pdf });
  assert.equal(onLine.body.code, 'record-locked', "the records it owns are locked with it");
  const removed = await send(seller, 'DELETE', `/api/v1/attachments/${file.body.id}`);
  assert.equal(removed.status, 409);
  assert.equal(removed.body.code, 'record-locked');
  const files = await as(t, seller, 'GET', `/api/v1/offers/${offer.id}/attachments`);
  assert.deepEqual(files.body.data.map((f: { fileName: string }) => f.fileName), ['before.pdf'], 'nothing was added or removed');

  const lock = await send(seller, 'GET', `/api/v1/offers/${offer.id}/lock`, { language: 'zh-CN' });
  assert.equal(lock.status, 200);
  assert.equal(lock.body.isLocked, true);
  assert.equal(lock.body.code, 'record-locked');
  assert.match(lock.body.detail, /锁定的报价/);
  assert.equal((await as(t, seller, 'GET', `/api/v1/offerLines/${line.id}/lock`)).body.isLocked, true);
  assert.equal((await as(t, bystander, 'GET', `/api/v1/offers/${offer.id}/lock`)).status, 404, 'no word about records one cannot see');

  const [request] = (await as(t, seller, 'GET', '/api/v1/approvals/requests?box=mine')).body.data;
  await as(t, seller, 'POST', `/api/v1/approvals/requests/${request.id}/withdraw`, {});
  assert.equal((await as(t, seller, 'GET', `/api/v1/offers/${offer.id}/lock`)).body.isLocked, false);
  assert.equal((await send(seller, 'POST', `/api/v1/offers/${offer.id}/attachments?filename=after.pdf`, { body: pdf })).status, 201);
  assert.equal((await send(seller, 'DELETE', `/api/v1/attachments/${file.body.id}`)).status, 204, 'open again once withdrawn');
});

test('an approver who could not read the record can open it while it waits for them; others still cannot', async () => {
  const offer = (await as(t, seller, 'POST', '/api/v1/offers', { name: 'Discount for Acme', discount: 20 })).body;
  assert.equal((await as(t, outsider, 'GET', `/api/v1/offers/${offer.id}`)).status, 404, 'private to the seller');
  const request = (await as(t, seller, 'POST', '/api/v1/approvals/requests', { object: 'offers', recordId: offer.id })).body;
  assert.deepEqual(request.currentApproverIds, [outsider.id]);

  const waiting = (await as(t, outsider, 'GET', '/api/v1/approvals/requests?box=waiting')).body.data;
  assert.ok(waiting.some((r: { recordId: string }) => r.recordId === offer.id));
  const opened = await as(t, outsider, 'GET', `/api/v1/offers/${offer.id}`);
  assert.equal(opened.status, 200, 'the inbox link opens the record');
  assert.equal((await as(t, outsider, 'PATCH', `/api/v1/offers/${offer.id}`, { discount: 5 })).status, 403, 'reading only');
  assert.equal((await as(t, bystander, 'GET', `/api/v1/offers/${offer.id}`)).status, 404);
  const shares = (await as(t, seller, 'GET', `/api/v1/offers/${offer.id}/shares`)).body.data;
  assert.deepEqual(shares.map((s: { principalId: string; access: string }) => [s.principalId, s.access]), [[outsider.id, 'read']], 'the owner sees why');

  assert.equal((await as(t, outsider, 'POST', `/api/v1/approvals/requests/${request.id}/decisions`, { decision: 'approve' })).body.status, 'approved');
  assert.equal((await as(t, outsider, 'GET', `/api/v1/offers/${offer.id}`)).status, 200, 'the approver can still see what they approved');
  assert.equal((await as(t, bystander, 'GET', `/api/v1/offers/${offer.id}`)).status, 404);
});

test('whoever acts for an approver who is away can open the record too', async () => {
  const deputy = await createPerson(t, 'Deputy 冯涛');
  const today = new Date().toISOString().slice(0, 10);
  const delegation = await as(t, outsider, 'POST', '/api/v1/approvalDelegations', { delegateId: deputy.id, startsOn: today, endsOn: today });
  assert.equal(delegation.status, 201, JSON.stringify(delegation.body));
  const offer = (await as(t, seller, 'POST', '/api/v1/offers', { name: 'Discount while away', discount: 40 })).body;
  assert.equal((await as(t, deputy, 'GET', `/api/v1/offers/${offer.id}`)).status, 404);
  const request = (await as(t, seller, 'POST', '/api/v1/approvals/requests', { object: 'offers', recordId: offer.id })).body;
  assert.equal((await as(t, deputy, 'GET', `/api/v1/offers/${offer.id}`)).status, 200);
  const decided = await as(t, deputy, 'POST', `/api/v1/approvals/requests/${request.id}/decisions`, { decision: 'approve' });
  assert.equal(decided.body.status, 'approved');
  await as(t, outsider, 'DELETE', `/api/v1/approvalDelegations/${delegation.body.id}`);
});

test('a delegate appointed after the step began can open the record from their inbox', async () => {
  const deputy = await createPerson(t, 'Late deputy 秦岚');
  const offer = (await as(t, seller, 'POST', '/api/v1/offers', { name: 'Discount, then away', discount: 35 })).body;
  const request = (await as(t, seller, 'POST', '/api/v1/approvals/requests', { object: 'offers', recordId: offer.id })).body;
  assert.deepEqual(request.currentApproverIds, [outsider.id]);
  const today = new Date().toISOString().slice(0, 10);
  const delegation = await as(t, outsider, 'POST', '/api/v1/approvalDelegations', { delegateId: deputy.id, startsOn: today, endsOn: today });
  assert.equal(delegation.status, 201, JSON.stringify(delegation.body));
  assert.equal((await as(t, deputy, 'GET', `/api/v1/offers/${offer.id}`)).status, 404, 'no share yet');
  const waiting = (await as(t, deputy, 'GET', '/api/v1/approvals/requests?box=waiting')).body.data;
  const mine = waiting.find((r: { recordId: string }) => r.recordId === offer.id);
  assert.equal(mine?.onBehalfOfId, outsider.id);
  assert.equal((await as(t, deputy, 'GET', `/api/v1/offers/${offer.id}`)).status, 200, 'the inbox link opens the record');
  assert.equal((await as(t, deputy, 'PATCH', `/api/v1/offers/${offer.id}`, { discount: 5 })).status, 403, 'reading only');
  await as(t, outsider, 'DELETE', `/api/v1/approvalDelegations/${delegation.body.id}`);
});
