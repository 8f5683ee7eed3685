// The approvals API: submit a record, decide or withdraw a request, the "waiting for me" and "my
// requests" inboxes, a record's approval state, and reimbursing an expense.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type ModuleRouteContext } from '../../records/index.ts';
import { decide, submitForApproval, withdraw, type Decision } from './engine.ts';
import { myRequests, recordApproval, requestDetail, waitingFor } from './inbox.ts';
import { reimburse } from './expenses.ts';

const tags = ['Approvals'];
const uuid = { type: 'string', format: 'uuid', maxLength: 36 };
const comment = { type: 'string', maxLength: 2000 };
const idParams = { type: 'object', required: ['id'], properties: { id: uuid } };

/** Registers the approval commands and inboxes; each checks the caller's access itself. */
export function approvalRoutes(app: FastifyInstance, { callerOf }: ModuleRouteContext): void {
  app.post(
    '/api/v1/approvals/requests',
    {
      schema: {
        tags,
        summary: 'Submit a record for approval',
        description:
          'Starts the first active approval process of the object whose entry condition matches the record; the record is locked (409 `record-locked`) until the request is decided or withdrawn. Needs edit access to the record. 409 `approval-not-applicable` when no process applies, `approval-pending` when one is running.',
        body: {
          type: 'object',
          required: ['object', 'recordId'],
          additionalProperties: false,
          properties: { object: { type: 'string', minLength: 1, maxLength: 63 }, recordId: uuid, comment },
        },
      },
    },
    async (request: FastifyRequest<{ Body: { object: string; recordId: string; comment?: string } }>, reply) =>
      reply.status(201).send(await submitForApproval(callerOf(request), request.body, new Date())),
  );

  app.get(
    '/api/v1/approvals/requests',
    {
      schema: {
        tags,
        summary: 'Approval requests waiting for me, or my own requests',
        description:
          '`box=waiting`: pending requests whose current step waits for the caller, directly or as the delegate of an approver who is away (`onBehalfOfId` names them). `box=mine`: the requests the caller submitted, newest first.',
        querystring: {
          type: 'object',
          properties: { box: { type: 'string', enum: ['waiting', 'mine'], default: 'waiting', maxLength: 7 }, limit: { type: 'integer', format: 'int32', minimum: 1, maximum: 200, default: 100 } },
        },
      },
    },
    async (request: FastifyRequest<{ Querystring: { box?: 'waiting' | 'mine'; limit?: number } }>) => {
      const caller = callerOf(request);
      const limit = request.query.limit ?? 100;
      return { data: request.query.box === 'mine' ? await myRequests(caller, limit) : await waitingFor(caller, new Date(), limit) };
    },
  );

  app.get(
    '/api/v1/approvals/requests/:id',
    { schema: { tags, summary: 'One approval request with its decisions', description: 'For its requester, its current approvers (and their delegates) and readers of its record; 404 otherwise.', params: idParams } },
    async (request: FastifyRequest<{ Params: { id: string } }>) => requestDetail(callerOf(request), request.params.id, new Date()),
  );

  app.get(
    '/api/v1/approvals/records/:object/:recordId',
    {
      schema: {
        tags,
        summary: "A record's approval: its latest request, decisions and what the caller may do",
        description: '404 for a record the caller cannot read.',
        params: { type: 'object', required: ['object', 'recordId'], properties: { object: { type: 'string', minLength: 1, maxLength: 63 }, recordId: uuid } },
      },
    },
    async (request: FastifyRequest<{ Params: { object: string; recordId: string } }>) =>
      recordApproval(callerOf(request), request.params.object, request.params.recordId, new Date()),
  );

  app.post(
    '/api/v1/approvals/requests/:id/decisions',
    {
      schema: {
        tags,
        summary: 'Approve, reject or send back a request',
        description:
          'By a current approver, or by the delegate of one who is away (recorded as on behalf of them). A rejection or send-back needs a comment. Reject: the record becomes `rejected`; send back: `none`, so the requester can change and resubmit it. 409 `approval-not-pending` once decided.',
        params: idParams,
        body: {
          type: 'object',
          required: ['decision'],
          additionalProperties: false,
          properties: { decision: { type: 'string', enum: ['approve', 'reject', 'sendBack'], maxLength: 8 }, comment },
        },
      },
    },
    async (request: FastifyRequest<{ Params: { id: string }; Body: { decision: Decision; comment?: string } }>) =>
      decide(callerOf(request), request.params.id, request.body, new Date()),
  );

  app.post(
    '/api/v1/approvals/requests/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw my pending request',
        description: 'Only by its requester; the record is unlocked and its approval status is `none` again.',
        params: idParams,
        body: { type: 'object', additionalProperties: false, properties: { comment } },
      },
    },
    async (request: FastifyRequest<{ Params: { id: string }; Body: { comment?: string } | undefined }>) =>
      withdraw(callerOf(request), request.params.id, request.body?.comment, new Date()),
  );

  app.post(
    '/api/v1/expenses/:id/reimburse',
    {
      schema: {
        tags: ['Expenses'],
        summary: 'Mark an approved expense reimbursed',
        description: 'Finance only (a role that may change every expense). 409 `expense-not-approved` unless approved, `expense-reimbursed` when done already.',
        params: idParams,
      },
    },
    async (request: FastifyRequest<{ Params: { id: string } }>) => reimburse(callerOf(request), request.params.id, new Date()),
  );
}
