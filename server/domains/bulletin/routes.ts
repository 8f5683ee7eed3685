// The bulletin board over HTTP: the board with unread marks, the unread count, recording a read, and
// the read receipts. Each goes through the engine with the caller's own access.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ModuleRouteContext } from '../../records/index.ts';
import { board, markRead, receipts, unreadCount } from './reads.ts';
import type { UnreadCount } from './bulletin-shape.ts';

const tags = ['Bulletin board'];
const uuid = { type: 'string', format: 'uuid', maxLength: 36 } as const;
const dateTime = { type: 'string', format: 'date-time', maxLength: 40 } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: uuid } } as const;
const person = { type: 'object', required: ['userId', 'name'], properties: { userId: uuid, name: { type: 'string', maxLength: 255 }, readAt: dateTime } } as const;

const boardSchema = {
  tags,
  summary: 'The bulletin board: live announcements you may read, pinned first, then newest',
  description:
    'Published announcements that have not expired and whose audience includes you (everyone, or a team of yours), optionally of one column; each says whether you have opened it. `unreadCount` counts all columns.',
  querystring: { type: 'object', additionalProperties: false, properties: { columnId: uuid } },
  response: {
    200: {
      type: 'object',
      required: ['data', 'unreadCount'],
      properties: {
        data: { type: 'array', maxItems: 200, items: { type: 'object', additionalProperties: true, properties: { id: uuid, title: { type: 'string', maxLength: 200 }, isPinned: { type: 'boolean' }, isRead: { type: 'boolean' } } } },
        unreadCount: { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 },
      },
    },
  },
};

/** Registers the bulletin board's routes. */
export function bulletinRoutes(app: FastifyInstance, { callerOf }: ModuleRouteContext): void {
  app.get('/api/v1/bulletin/board', { schema: boardSchema }, (request: FastifyRequest<{ Querystring: { columnId?: string } }>) =>
    board(callerOf(request), { columnId: request.query.columnId }),
  );
  app.get(
    '/api/v1/bulletin/unread-count',
    {
      schema: {
        tags,
        summary: 'How many live announcements for you are unread',
        response: { 200: { type: 'object', required: ['count'], properties: { count: { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 } } } },
      },
    },
    async (request): Promise<UnreadCount> => ({ count: await unreadCount(callerOf(request)) }),
  );
  app.post(
    '/api/v1/announcements/:id/read',
    {
      schema: {
        tags,
        summary: 'Record that you opened an announcement',
        description: 'Once per reader: opening it again keeps the first read. 404 for an announcement you may not read; a draft or archived one is not counted (`readAt` null).',
        params: idParams,
        response: { 200: { type: 'object', required: ['readAt'], properties: { readAt: { anyOf: [dateTime, { type: 'null' }] } } } },
      },
    },
    (request: FastifyRequest<{ Params: { id: string } }>) => markRead(callerOf(request), request.params.id),
  );
  app.get(
    '/api/v1/announcements/:id/receipts',
    {
      schema: {
        tags,
        summary: 'Who has read an announcement, and who of its audience has not',
        description: 'For its author, their managers and administrators (403 for other readers, 404 when you may not read it). The author is in neither list.',
        params: idParams,
        response: {
          200: {
            type: 'object',
            required: ['read', 'notRead'],
            properties: { read: { type: 'array', maxItems: 5000, items: person }, notRead: { type: 'array', maxItems: 5000, items: person } },
          },
        },
      },
    },
    (request: FastifyRequest<{ Params: { id: string } }>) => receipts(callerOf(request), request.params.id),
  );
}
