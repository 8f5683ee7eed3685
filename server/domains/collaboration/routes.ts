// The collaboration module's HTTP commands: the caller's open tasks, the overdue tasks they may read,
// and completing a task. Thin: each calls one service with the caller's own access.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseIfMatch, type ModuleRouteContext } from '../../records/index.ts';
import { completeTask, listMyTasks, listOverdueTasks, utcToday, type TaskPage } from './task-lists.ts';

const tags = ['Tasks'];
const page = {
  limit: { type: 'integer', format: 'int32', minimum: 1, maximum: 500, default: 50, description: 'tasks per page' },
  cursor: { type: 'string', maxLength: 2000, description: 'nextCursor of the previous page' },
};
const taskPage = {
  type: 'object',
  properties: {
    data: { type: 'array', maxItems: 500, items: { type: 'object', additionalProperties: true, description: 'an activity of type task (schema Activities)' } },
    nextCursor: { type: ['string', 'null'], maxLength: 2000 },
  },
};
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } };

type PageRequest = FastifyRequest<{ Querystring: TaskPage & { today?: string } }>;

/** Registers the task lists and the complete command. */
export function collaborationRoutes(app: FastifyInstance, { callerOf }: ModuleRouteContext): void {
  app.get(
    '/api/v1/tasks/mine',
    { schema: { tags, summary: 'My open tasks', description: 'Open tasks assigned to (owned by) the caller, soonest due first.', querystring: { type: 'object', properties: page }, response: { 200: taskPage } } },
    (request: PageRequest) => listMyTasks(callerOf(request), request.query),
  );

  app.get(
    '/api/v1/tasks/overdue',
    {
      schema: {
        tags,
        summary: 'Overdue tasks',
        description: 'Open tasks due before `today` that the caller may read (their own and those shared with them, their team or below them).',
        querystring: { type: 'object', properties: { ...page, today: { type: 'string', format: 'date', maxLength: 10, description: "the caller's calendar day; UTC today when absent" } } },
        response: { 200: taskPage },
      },
    },
    (request: PageRequest) => {
      const { today, ...rest } = request.query;
      return listOverdueTasks(callerOf(request), today ?? utcToday(), rest);
    },
  );

  app.post(
    '/api/v1/tasks/:id/complete',
    { schema: { tags, summary: 'Complete a task', description: 'Sets the status to done and records when. Honours If-Match; 404 for a record that is not a task the caller may read.', params: idParams } },
    async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const record = await completeTask(callerOf(request), request.params.id, parseIfMatch(request.headers['if-match']));
      return reply.header('ETag', `"${String(record.version)}"`).send(record);
    },
  );
}
