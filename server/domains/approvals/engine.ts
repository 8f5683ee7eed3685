// The approval engine: submitting a record to the first process whose entry condition matches it,
// moving through the process's steps as approvers decide, and writing the record's `approvalStatus`
// as the system in the same transaction as each decision.
import { sql } from 'drizzle-orm';
import { Problem, invalidField, notFound } from '../../platform/http/problem.ts';
import { logAuditEvent } from '../../platform/audit/audit.ts';
import { createRecord, getRecord, listRecords, recordAccessOf, systemCaller, updateRecord, writeTransaction, type Caller, type RecordValues } from '../../records/index.ts';
import { notify } from '../../notifications/service.ts';
import { letApproversRead } from './approver-access.ts';
import { actingFor, delegatorsFor, fallbackApprovers, resolveApprovers, stepApplies, type StepRecord } from './approvers.ts';
import type { Decision } from './approvals-shape.ts';

export type { Decision } from './approvals-shape.ts';

/** A 409 whose `code` says what clients should do (the approval contract's codes). */
export function conflict(code: string, key: 'approvals.notApplicable' | 'approvals.notPending' | 'approvals.alreadyPending' | 'approvals.alreadyApproved' | 'approvals.locked', params: Record<string, unknown> = {}): Problem {
  return new Problem(409, { key, params, code });
}

const asSystem = (c: Caller) => systemCaller(c, c.ctx.userId);

/** Whether an object takes part in approvals: it declares `approvalStatus`. */
export function isApprovable(c: Caller, objectName: string): boolean {
  return c.registry.has(objectName) && c.registry.get(objectName).fields.some((f) => f.name === 'approvalStatus');
}

/** The request record, read as the system (the routes decide who may see it). */
export async function loadRequest(c: Caller, id: string): Promise<RecordValues> {
  try {
    return await getRecord(asSystem(c), 'approvalRequests', id);
  } catch {
    throw notFound('The approval request');
  }
}

/** The first active process of the object whose entry condition matches the record. */
async function matchingProcess(c: Caller, objectName: string, recordId: string): Promise<RecordValues | undefined> {
  const system = asSystem(c);
  const processes = await listRecords(system, 'approvalProcesses', {
    filter: { kind: 'and', items: [{ kind: 'compare', path: ['objectName'], op: 'eq', value: objectName }, { kind: 'compare', path: ['isActive'], op: 'eq', value: true }] },
    sort: 'priority,createdAt',
    limit: 100,
  });
  for (const process of processes.data) {
    const condition = String(process.entryCondition ?? '').trim();
    const filter = condition ? `(${condition}) and id eq '${recordId}'` : `id eq '${recordId}'`;
    // An entry condition an administrator broke (a field since removed) matches nothing rather than failing every submit.
    const found = await listRecords(system, objectName, { filter, limit: 1, fields: 'id' }).catch(() => ({ data: [] }));
    if (found.data.length) return process;
  }
  return undefined;
}

async function stepsOf(c: Caller, processId: string): Promise<StepRecord[]> {
  const steps = await listRecords(asSystem(c), 'approvalSteps', { filter: `processId eq '${processId}'`, sort: 'position,createdAt', limit: 100 });
  return steps.data as unknown as StepRecord[];
}

/** Who approved in the current round (since the last submit): they are not asked again by later steps. */
async function approvedThisRound(t: Caller, requestId: string): Promise<Set<string>> {
  const rows = await t.db.rows<{ on_behalf_of_id: string | null; decider_id: string }>(sql`select on_behalf_of_id, decider_id from approval_decisions
    where request_id = ${requestId}::uuid and decision = 'approve' and deleted_at is null`);
  return new Set(rows.map((r) => r.on_behalf_of_id ?? r.decider_id));
}

/** Records one decision (as the system) and audits it. */
async function recordDecision(t: Caller, request: RecordValues, decision: string, by: { deciderId: string; onBehalfOfId?: string | null; comment?: string }, now: Date) {
  const values = {
    requestId: request.id,
    objectName: request.objectName,
    recordId: request.recordId,
    stepName: request.stepName ?? null,
    decision,
    comment: by.comment || null,
    deciderId: by.deciderId,
    onBehalfOfId: by.onBehalfOfId ?? null,
    decidedAt: now.toISOString(),
    ownerId: request.requesterId,
  };
  await createRecord(t, 'approvalDecisions', values);
  await logAuditEvent(t.db, {
    actorId: by.deciderId,
    action: `approval.${decision}`,
    target: `${String(request.objectName)}:${String(request.recordId)}`,
    details: { requestId: request.id, step: request.stepName ?? null, onBehalfOf: by.onBehalfOfId ?? null, comment: by.comment ?? null },
  });
}

async function setRecordStatus(t: Caller, request: RecordValues, approvalStatus: string) {
  await updateRecord(t, String(request.objectName), String(request.recordId), { approvalStatus });
}

async function finish(t: Caller, request: RecordValues, status: 'approved' | 'rejected' | 'sentBack' | 'withdrawn', now: Date) {
  await updateRecord(t, 'approvalRequests', String(request.id), { status, currentApproverIds: [], decidedAt: now.toISOString() });
  const recordStatus = status === 'approved' ? 'approved' : status === 'rejected' ? 'rejected' : 'none';
  await setRecordStatus(t, request, recordStatus);
  if (status !== 'withdrawn') {
    await notify(t.db, { userId: String(request.requesterId), kind: `approval.${status}`, objectName: String(request.objectName), recordId: String(request.recordId), actorId: t.ctx.userId });
  }
}

/**
 * Moves the request to the first applicable step after `afterPosition` that still needs someone; with
 * none left, the request is approved. Approvers already approved this round count as done.
 */
async function advance(t: Caller, request: RecordValues, afterPosition: number, now: Date): Promise<void> {
  const record = await getRecord(t, String(request.objectName), String(request.recordId));
  const done = await approvedThisRound(t, String(request.id));
  for (const step of await stepsOf(t, String(request.processId))) {
    if (step.position <= afterPosition || !stepApplies(step, record)) continue;
    const requesterId = String(request.requesterId);
    let approvers = await resolveApprovers(t, step, requesterId);
    if (approvers.length === 0) approvers = await fallbackApprovers(t, requesterId);
    const remaining = approvers.filter((id) => !done.has(id));
    // An any-of step is done when one of its approvers approved already; an all-of step when all did.
    if (remaining.length === 0 || (step.mode === 'any' && remaining.length < approvers.length)) continue;
    await updateRecord(t, 'approvalRequests', String(request.id), { stepPosition: step.position, stepName: step.name, currentApproverIds: remaining });
    await letApproversRead(t, { objectName: String(request.objectName), recordId: String(request.recordId) }, remaining, now);
    for (const userId of remaining) {
      await notify(t.db, { userId, kind: 'approval.requested', objectName: String(request.objectName), recordId: String(request.recordId), actorId: requesterId });
    }
    return;
  }
  await finish(t, { ...request, stepName: null }, 'approved', now);
}

/** Submits a record for approval (caller must be able to edit it); answers the new request. */
export async function submitForApproval(c: Caller, input: { object: string; recordId: string; comment?: string }, now: Date): Promise<RecordValues> {
  if (!c.registry.has(input.object)) throw invalidField('object', 'not_found', `There is no object ${input.object.slice(0, 63)}.`);
  if (!isApprovable(c, input.object)) throw conflict('approval-not-applicable', 'approvals.notApplicable');
  const access = await recordAccessOf(c, input.object, input.recordId);
  if (access === 'none') throw notFound('The record');
  if (access !== 'edit') throw new Problem(403, { key: 'detail.readOnlyRecord' });
  const def = c.registry.get(input.object);
  return writeTransaction(asSystem(c), async (t) => {
    // One submit at a time per record: the row lock orders two concurrent submits.
    await t.db.rows(sql`select 1 from ${sql.identifier(def.table)} where id = ${input.recordId}::uuid for update`);
    const record = await getRecord(t, input.object, input.recordId);
    if (record.approvalStatus === 'pending') throw conflict('approval-pending', 'approvals.alreadyPending');
    if (record.approvalStatus === 'approved') throw conflict('approval-approved', 'approvals.alreadyApproved');
    const process = await matchingProcess(t, input.object, input.recordId);
    if (!process) throw conflict('approval-not-applicable', 'approvals.notApplicable');
    const title = record[def.titleField];
    const request = await createRecord(t, 'approvalRequests', {
      objectName: input.object,
      recordId: input.recordId,
      recordTitle: title === null || title === undefined ? null : String(title).slice(0, 255),
      processId: process.id,
      stepPosition: 0,
      status: 'pending',
      requesterId: c.ctx.userId,
      currentApproverIds: [],
      submittedAt: now.toISOString(),
      ownerId: c.ctx.userId,
    });
    await recordDecision(t, request, 'submit', { deciderId: c.ctx.userId, comment: input.comment }, now);
    await setRecordStatus(t, request, 'pending');
    await advance(t, request, 0, now);
    return getRecord(t, 'approvalRequests', String(request.id));
  });
}

/** Approves, rejects or sends back a pending request, as one of its current approvers or their delegate. */
export async function decide(c: Caller, requestId: string, input: { decision: Decision; comment?: string }, now: Date): Promise<RecordValues> {
  if (input.decision !== 'approve' && !input.comment?.trim()) {
    throw invalidField('comment', 'required', 'Say why, so the requester knows what to change.');
  }
  return writeTransaction(asSystem(c), async (t) => {
    await t.db.rows(sql`select 1 from approval_requests where id = ${requestId}::uuid for update`);
    const request = await loadRequest(t, requestId);
    if (request.status !== 'pending') {
      if (!(await canSeeRequest({ ...c, db: t.db }, request, now))) throw notFound('The approval request');
      throw conflict('approval-not-pending', 'approvals.notPending');
    }
    const approvers = (request.currentApproverIds ?? []) as string[];
    const userId = c.ctx.userId;
    const isApprover = approvers.includes(userId);
    const [delegator] = isApprover ? [] : await delegatorsFor(t, userId, approvers, now);
    if (!isApprover && !delegator) {
      // Someone who may not see the request learns nothing about it; others (the requester, a manager
      // reading the record, an approver whose step is over) are told they are not the approver now.
      if (!(await canSeeRequest({ ...c, db: t.db }, request, now))) throw notFound('The approval request');
      throw new Problem(403, { key: 'approvals.notApprover' });
    }
    const actingAs = isApprover ? userId : delegator!;
    await recordDecision(t, request, input.decision, { deciderId: userId, onBehalfOfId: isApprover ? null : actingAs, comment: input.comment }, now);
    if (input.decision === 'reject') await finish(t, request, 'rejected', now);
    else if (input.decision === 'sendBack') await finish(t, request, 'sentBack', now);
    else {
      const step = (await stepsOf(t, String(request.processId))).find((s) => s.position === request.stepPosition);
      const remaining = approvers.filter((id) => id !== actingAs);
      if (step?.mode === 'all' && remaining.length) await updateRecord(t, 'approvalRequests', requestId, { currentApproverIds: remaining });
      else await advance(t, request, Number(request.stepPosition), now);
    }
    return getRecord(t, 'approvalRequests', requestId);
  });
}

/** The requester takes back a pending request; the record is open for changes again. */
export async function withdraw(c: Caller, requestId: string, comment: string | undefined, now: Date): Promise<RecordValues> {
  return writeTransaction(asSystem(c), async (t) => {
    await t.db.rows(sql`select 1 from approval_requests where id = ${requestId}::uuid for update`);
    const request = await loadRequest(t, requestId);
    if (request.requesterId !== c.ctx.userId) throw notFound('The approval request');
    if (request.status !== 'pending') throw conflict('approval-not-pending', 'approvals.notPending');
    await recordDecision(t, request, 'withdraw', { deciderId: c.ctx.userId, comment }, now);
    await finish(t, request, 'withdrawn', now);
    return getRecord(t, 'approvalRequests', requestId);
  });
}

/** Whether the caller may see a request: its requester, a current approver (or their delegate), or a reader of its record. */
export async function canSeeRequest(c: Caller, request: RecordValues, now: Date): Promise<boolean> {
  if (request.requesterId === c.ctx.userId) return true;
  const mine = await actingFor(c, c.ctx.userId, now);
  if (((request.currentApproverIds ?? []) as string[]).some((id) => mine.includes(id))) return true;
  return (await recordAccessOf(c, String(request.objectName), String(request.recordId))) !== 'none';
}
