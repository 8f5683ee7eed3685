// /api/v1/admin/jobs: the failed (dead) jobs an administrator can inspect and retry.
import type { FastifyInstance } from 'fastify';
import { assertAdmin } from '../access/index.ts';
import { jobStates, listJobs, retryJob, type JobPage } from './dead-letter.ts';
import type { JobSystem } from './system.ts';

const jobSummary = {
  type: 'object',
  required: ['id', 'name', 'state', 'attempts', 'retryLimit', 'error', 'createdAt', 'startedAt', 'finishedAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string', maxLength: 200 },
    state: { type: 'string', enum: jobStates },
    payload: {},
    attempts: { type: 'integer', format: 'int32', minimum: 0, maximum: 1_000_000 },
    retryLimit: { type: 'integer', format: 'int32', minimum: 0, maximum: 1_000_000 },
    error: { type: ['string', 'null'], maxLength: 10_000 },
    createdAt: { type: 'string', format: 'date-time' },
    startedAt: { type: ['string', 'null'], format: 'date-time' },
    finishedAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    state: { type: 'string', enum: jobStates, default: 'failed' },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    limit: { type: 'integer', format: 'int32', minimum: 1, maximum: 200, default: 50 },
    cursor: { type: 'string', maxLength: 500 },
  },
} as const;

/** Registers the admin jobs API; administrators only. */
export function registerJobAdminRoutes(app: FastifyInstance, jobs: JobSystem): void {
  app.register(
    async (admin) => {
      // The same check as the rest of /api/v1/admin (server/admin/guard.ts), from below it.
      admin.addHook('preHandler', async (request) => assertAdmin(request.ctx));
      const tags = ['Administration'];
      admin.get<{ Querystring: JobPage }>(
        '/',
        {
          schema: {
            tags,
            summary: 'List jobs in one state, failed (dead) ones by default, newest first',
            querystring: listQuery,
            response: { 200: { type: 'object', required: ['data', 'nextCursor'], properties: { data: { type: 'array', maxItems: 200, items: jobSummary }, nextCursor: { type: ['string', 'null'], maxLength: 500 } } } },
          },
        },
        (request) => listJobs(jobs, request.query),
      );
      admin.post<{ Params: { id: string } }>(
        '/:id/retry',
        { schema: { tags, summary: 'Put a failed job back in its queue for one more attempt', params: idParams, response: { 200: jobSummary } } },
        (request) => retryJob(jobs, request.params.id),
      );
    },
    { prefix: '/api/v1/admin/jobs' },
  );
}
