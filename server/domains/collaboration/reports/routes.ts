// The work reports' HTTP commands. Thin: each calls one service with the caller's own access. The
// report records themselves are also served by the generic API (`/api/v1/workReports`).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ModuleRouteContext } from '../../../records/index.ts';
import { addComment, markRead, openDraft, reportView, submitReport, type SubmitInput } from './service.ts';
import type { ReportKind } from './period.ts';
import { teamReports } from './team.ts';

const tags = ['Work reports'];
const kind = { type: 'string', enum: ['daily', 'weekly'], maxLength: 6, description: 'daily (日报) or weekly (周报)' };
const date = { type: 'string', format: 'date', maxLength: 10, description: "a calendar day of the period (the caller's today when absent)" };
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid', maxLength: 36 } } };
const record = { type: 'object', additionalProperties: true, description: 'a work report (schema WorkReports)' };

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

/** Registers the work-report commands. */
export function workReportRoutes(app: FastifyInstance, { callerOf }: ModuleRouteContext): void {
  app.post(
    '/api/v1/work-reports/draft',
    {
      schema: {
        tags,
        summary: 'Open my report of a period',
        description: "The caller's daily or weekly report of the period holding `date` (in their time zone), created as a draft when missing. While a draft, its summary is taken again from what they logged in the period. Answers the report, the template in use and the deadline.",
        body: { type: 'object', required: ['kind'], additionalProperties: false, properties: { kind, date } },
        response: { 200: { type: 'object', properties: { report: record, template: { type: ['object', 'null'], additionalProperties: true }, deadline: { type: ['string', 'null'], format: 'date-time', maxLength: 40 } } } },
      },
    },
    (request: FastifyRequest<{ Body: { kind: ReportKind; date?: string } }>) => openDraft(callerOf(request), request.body.kind, request.body.date, new Date()),
  );

  app.post(
    '/api/v1/work-reports/:id/submit',
    {
      schema: {
        tags,
        summary: 'Submit my report',
        description: "Checks the answers against the template, takes the summary again, shares the report (read) with the author's manager and the cc'd people and notifies them. 403 for someone else's report, 409 when already submitted.",
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            answers: { type: 'object', maxProperties: 30, additionalProperties: { type: 'string', maxLength: 10000 }, description: 'text per question key of the template' },
            ccIds: { type: 'array', maxItems: 50, items: { type: 'string', format: 'uuid', maxLength: 36 }, description: 'users who get a copy' },
          },
        },
        response: { 200: record },
      },
    },
    (request: FastifyRequest<{ Params: { id: string }; Body: SubmitInput }>) => submitReport(callerOf(request), request.params.id, request.body ?? {}, new Date()),
  );

  app.get(
    '/api/v1/work-reports/team',
    {
      schema: {
        tags,
        summary: "My team's reports",
        description: 'For the people below the caller in the manager hierarchy: whose report of the period holding `date` is submitted (read by the caller or not, comments) and who has not submitted.',
        querystring: { type: 'object', required: ['kind', 'date'], additionalProperties: false, properties: { kind, date } },
      },
    },
    (request: FastifyRequest<{ Querystring: { kind: ReportKind; date: string } }>) => teamReports(callerOf(request), request.query.kind, request.query.date),
  );

  app.get(
    '/api/v1/work-reports/:id',
    { schema: { tags, summary: 'Read a report', description: 'The report with its template, recipients, comments and who has read it. 404 for a report the caller may not read.', params: idParams } },
    (request: IdRequest) => reportView(callerOf(request), request.params.id),
  );

  app.post(
    '/api/v1/work-reports/:id/read',
    { schema: { tags, summary: 'Mark a report read', description: 'Records that the caller (a reader other than the author) opened the submitted report; once per reader.', params: idParams } },
    (request: IdRequest) => markRead(callerOf(request), request.params.id, new Date()),
  );

  app.post(
    '/api/v1/work-reports/:id/comments',
    {
      schema: {
        tags,
        summary: 'Comment on a report',
        description: 'Adds a comment to a submitted report the caller may read and notifies its author (or, when the author comments, its recipients).',
        params: idParams,
        body: { type: 'object', required: ['body'], additionalProperties: false, properties: { body: { type: 'string', minLength: 1, maxLength: 2000 } } },
      },
    },
    async (request: FastifyRequest<{ Params: { id: string }; Body: { body: string } }>, reply) => reply.code(201).send(await addComment(callerOf(request), request.params.id, request.body.body)),
  );
}
