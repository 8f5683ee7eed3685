// Reading approvals: the "waiting for me" inbox (also as a delegate), my requests, one request with its
// decisions, and a record's approval state with the actions open to the caller.
import { sql } from 'drizzle-orm';
import { notFound } from '../../platform/http/problem.ts';
import { getRecord, listRecords, recordAccessOf, systemCaller, type Caller, type RecordValues } from '../../records/index.ts';
import { actingFor } from './approvers.ts';
import { letUserRead } from './approver-access.ts';
import { canSeeRequest, isApprovable, loadRequest } from './engine.ts';
import type { ApprovalDecision, ApprovalRequest, RecordApproval } from './approvals-shape.ts';

/** A request record with the names the screens show. */
type NamedRequest = RecordValues & ApprovalRequest;

const asSystem = (c: Caller) => systemCaller(c, c.ctx.userId);

/** Display names of users, by id. */
async function namesOf(c: Caller, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  if (unique.length === 0) return new Map();
  const rows = await c.db.rows<{ id: string; name: string }>(sql`select id, name from users
    where id in (${sql.join(unique.map((id) => sql`${id}::uuid`), sql`, `)})`);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Requests with their requester's and current approvers' names. */
async function withNames(c: Caller, requests: RecordValues[]): Promise<NamedRequest[]> {
  const names = await namesOf(c, requests.flatMap((r) => [r.requesterId as string, ...((r.currentApproverIds ?? []) as string[])]));
  return requests.map((r) => ({
    ...(r as NamedRequest),
    requesterName: names.get(String(r.requesterId)) ?? null,
    currentApprovers: ((r.currentApproverIds ?? []) as string[]).map((id) => ({ id, name: names.get(id) ?? null })),
  }));
}

/** Pending requests whose current step waits for the caller or someone away who delegated to them. */
export async function waitingFor(c: Caller, now: Date, limit: number): Promise<NamedRequest[]> {
  const mine = await actingFor(c, c.ctx.userId, now);
  const rows = await c.db.rows<{ id: string }>(sql`select r.id from approval_requests r
    where r.deleted_at is null and r.status = 'pending'
      and exists (select 1 from jsonb_array_elements_text(r.current_approver_ids) a where a.value = any(${sql.param(mine)}::text[]))
    order by r.submitted_at, r.id limit ${limit}`);
  if (rows.length === 0) return [];
  const found = await listRecords(asSystem(c), 'approvalRequests', { filter: { kind: 'in', path: ['id'], values: rows.map((r) => r.id) }, sort: 'submittedAt', limit });
  const requests = (await withNames(c, found.data)).map((r) => {
    const approvers = (r.currentApproverIds ?? []) as string[];
    const onBehalfOfId = approvers.includes(c.ctx.userId) ? null : (approvers.find((id) => mine.includes(id)) ?? null);
    return { ...r, onBehalfOfId };
  });
  // A delegation made (or starting) after the step began gave this delegate no read share then.
  const delegated = requests.filter((r) => r.onBehalfOfId);
  if (delegated.length) {
    await c.db.transaction(async (tx) => {
      for (const r of delegated) await letUserRead(asSystem({ ...c, db: tx }), { objectName: String(r.objectName), recordId: String(r.recordId) }, c.ctx.userId);
    });
  }
  return requests;
}

/** The requests the caller submitted, newest first. */
export async function myRequests(c: Caller, limit: number): Promise<NamedRequest[]> {
  const found = await listRecords(asSystem(c), 'approvalRequests', { filter: `requesterId eq '${c.ctx.userId}'`, sort: '-submittedAt', limit });
  return withNames(c, found.data);
}

/** A request's decisions, oldest first, with the names of who decided (and for whom). */
async function decisionsOf(c: Caller, requestId: string): Promise<ApprovalDecision[]> {
  const found = await listRecords(asSystem(c), 'approvalDecisions', { filter: `requestId eq '${requestId}'`, sort: 'decidedAt,createdAt', limit: 500 });
  const names = await namesOf(c, found.data.flatMap((d) => [d.deciderId as string, d.onBehalfOfId as string]));
  return found.data.map((d) => ({
    id: d.id as string,
    decision: d.decision as ApprovalDecision['decision'],
    stepName: d.stepName as string | null,
    comment: d.comment as string | null,
    decidedAt: d.decidedAt as string,
    deciderId: d.deciderId as string,
    deciderName: names.get(String(d.deciderId)) ?? null,
    onBehalfOfId: d.onBehalfOfId as string | null,
    onBehalfOfName: d.onBehalfOfId ? (names.get(String(d.onBehalfOfId)) ?? null) : null,
  }));
}

/** One request with its decisions, for whoever may see it (404 otherwise). */
export async function requestDetail(c: Caller, id: string, now: Date): Promise<NamedRequest> {
  const request = await loadRequest(c, id);
  if (!(await canSeeRequest(c, request, now))) throw notFound('The approval request');
  const [named] = await withNames(c, [request]);
  return { ...named, decisions: await decisionsOf(c, id) };
}

/** The record's `approvalStatus` as stored (read as the system: the caller's access was checked). */
async function approvalStatusOf(c: Caller, objectName: string, recordId: string): Promise<unknown> {
  return (await getRecord(asSystem(c), objectName, recordId)).approvalStatus;
}

/** A record's approval: its latest request (with decisions) and what the caller may do now. */
export async function recordApproval(c: Caller, objectName: string, recordId: string, now: Date): Promise<RecordApproval> {
  const access = await recordAccessOf(c, objectName, recordId);
  const mine = await actingFor(c, c.ctx.userId, now);
  const [latest] = isApprovable(c, objectName)
    ? (await listRecords(asSystem(c), 'approvalRequests', { filter: `objectName eq '${objectName}' and recordId eq '${recordId}'`, sort: '-submittedAt', limit: 1 })).data
    : [];
  const isApprover = latest?.status === 'pending' && ((latest.currentApproverIds ?? []) as string[]).some((id) => mine.includes(id));
  if (access === 'none' && !isApprover) throw notFound('The record');
  const request = latest ? { ...(await withNames(c, [latest]))[0], decisions: await decisionsOf(c, String(latest.id)) } : null;
  const isPending = latest?.status === 'pending';
  return {
    isApprovable: isApprovable(c, objectName),
    request,
    // An approved record is submitted again only once a change has reset its approval.
    canSubmit: isApprovable(c, objectName) && access === 'edit' && !isPending && (await approvalStatusOf(c, objectName, recordId)) !== 'approved',
    canDecide: isApprover,
    canWithdraw: isPending && latest?.requesterId === c.ctx.userId,
  };
}
