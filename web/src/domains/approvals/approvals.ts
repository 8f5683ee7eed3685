// The approvals module's data in the web app: the inboxes, a record's approval state, and the commands
// (submit, decide, withdraw, reimburse). Every command refreshes what shows the record.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { get, query, request } from '../../app/api.ts';
import type { ApprovalRequest, Decision, RecordApproval } from '../../../../server/domains/approvals/approvals-shape.ts';

export type { ApprovalDecision, ApprovalRequest, RecordApproval } from '../../../../server/domains/approvals/approvals-shape.ts';

export type InboxKind = 'waiting' | 'mine';
export type DecisionKind = Decision;

/** One of the inboxes: what waits for the user, or what they asked for. */
export function useInbox(box: InboxKind) {
  return useQuery({ queryKey: ['approvals', 'inbox', box], queryFn: () => get<{ data: ApprovalRequest[] }>(`/api/v1/approvals/requests${query({ box })}`) });
}

/** A record's approval state and what the user may do with it. */
export function useRecordApproval(object: string, id: string) {
  return useQuery({ queryKey: ['approvals', 'record', object, id], queryFn: () => get<RecordApproval>(`/api/v1/approvals/records/${object}/${id}`) });
}

/** Everything that shows an approval: the inboxes, the record's panel and page, its timeline. */
export async function refreshApprovals(client: QueryClient, object?: string, id?: string) {
  await client.invalidateQueries({ queryKey: ['approvals'] });
  await client.invalidateQueries({ queryKey: ['timeline'] });
  if (object && id) await client.invalidateQueries({ queryKey: ['record', object, id] });
}

export const submitForApproval = (object: string, recordId: string, comment: string) =>
  request<ApprovalRequest>('POST', '/api/v1/approvals/requests', { object, recordId, ...(comment.trim() ? { comment: comment.trim() } : {}) });

export const decide = (requestId: string, decision: DecisionKind, comment: string) =>
  request<ApprovalRequest>('POST', `/api/v1/approvals/requests/${requestId}/decisions`, { decision, ...(comment.trim() ? { comment: comment.trim() } : {}) });

export const withdraw = (requestId: string, comment: string) =>
  request<ApprovalRequest>('POST', `/api/v1/approvals/requests/${requestId}/withdraw`, comment.trim() ? { comment: comment.trim() } : {});

export const reimburse = (expenseId: string) => request<Record<string, unknown>>('POST', `/api/v1/expenses/${expenseId}/reimburse`);

/** Badge colours of request statuses (dark shades: readable white text). */
export const statusColors: Record<string, string> = {
  none: 'gray.8',
  pending: 'blue.9',
  approved: 'teal.9',
  rejected: 'red.9',
  sentBack: 'grape.9',
  withdrawn: 'gray.8',
};
