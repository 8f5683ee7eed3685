// The approvals API's answers (the inboxes, a request with its decisions, a record's approval state)
// and the decisions it accepts: one definition, free of imports, that the server builds and the web
// app reads. A request is an `approvalRequests` record; these are the fields the screens rely on.

/** What an approver may decide. */
export type Decision = 'approve' | 'reject' | 'sendBack';
export type RequestStatus = 'pending' | 'approved' | 'rejected' | 'sentBack' | 'withdrawn';

/** One entry of a request's history, with the names of who decided (and for whom). */
export interface ApprovalDecision {
  id: string;
  decision: 'submit' | Decision | 'withdraw';
  stepName: string | null;
  comment: string | null;
  decidedAt: string;
  deciderId: string;
  deciderName: string | null;
  onBehalfOfId: string | null;
  onBehalfOfName: string | null;
}

/** A request with its requester's and current approvers' names (the record's other fields come along). */
export interface ApprovalRequest {
  id: string;
  objectName: string;
  recordId: string;
  recordTitle: string | null;
  status: RequestStatus;
  stepName: string | null;
  submittedAt: string;
  requesterName: string | null;
  currentApprovers: Array<{ id: string; name: string | null }>;
  /** In the caller's inbox: whom they decide for, when it waits for someone who delegated to them. */
  onBehalfOfId?: string | null;
  /** In a request's detail and a record's approval. */
  decisions?: ApprovalDecision[];
}

/** A record's approval: its latest request and what the caller may do now. */
export interface RecordApproval {
  isApprovable: boolean;
  request: ApprovalRequest | null;
  canSubmit: boolean;
  canDecide: boolean;
  canWithdraw: boolean;
}
