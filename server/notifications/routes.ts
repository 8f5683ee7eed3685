// /api/v1/notifications: the caller's notification center, its live stream and preferences.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Database } from '../platform/db/index.ts';
import type { Caller, Registry } from '../records/index.ts';
import { kindNames } from './kinds.ts';
import { countUnread, getPreferences, listNotifications, markAllRead, markRead, setPreferences } from './service.ts';
import type { NotificationHub } from './stream.ts';

const notification = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.String({ maxLength: 100 }),
  message: Type.String({ maxLength: 2000, description: "in the reader's language" }),
  object: Type.Union([Type.String({ maxLength: 63 }), Type.Null()]),
  recordId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  title: Type.Union([Type.String({ maxLength: 2000 }), Type.Null()], { description: "the record's title, null when hidden from you" }),
  actorId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
const preference = Type.Object({ kind: Type.String({ maxLength: 100 }), isInApp: Type.Boolean(), isEmail: Type.Boolean() }, { additionalProperties: false });

/** Registers the notification routes; `hub` serves the streams. */
export function registerNotificationRoutes(app: FastifyInstance, db: Database, registry: Registry, hub: NotificationHub): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const caller = (request: FastifyRequest): Caller => ({ db, registry, ctx: request.ctx });
  const tags = ['Notifications'];

  api.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        summary: 'Your notifications, newest first',
        querystring: Type.Object({
          unread: Type.Optional(Type.Boolean()),
          limit: Type.Optional(Type.Integer({ format: 'int32', minimum: 1, maximum: 100, default: 20 })),
          cursor: Type.Optional(Type.String({ maxLength: 500 })),
        }),
        response: { 200: Type.Object({ data: Type.Array(notification, { maxItems: 100 }), nextCursor: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]) }) },
      },
    },
    (r) => listNotifications(caller(r), r.query),
  );
  api.get(
    '/api/v1/notifications/unread-count',
    { schema: { tags, summary: 'How many notifications you have not read', response: { 200: Type.Object({ count: Type.Integer({ format: 'int32', minimum: 0, maximum: 1000 }) }) } } },
    (r) => countUnread(caller(r)),
  );
  api.get('/api/v1/notifications/stream', { schema: { tags, summary: 'Server-Sent Events: `notification` and `record` events as they happen' } }, (r, reply) =>
    hub.open(r, reply),
  );
  api.post('/api/v1/notifications/read-all', { schema: { tags, summary: 'Mark all your notifications read' } }, (r) => markAllRead(caller(r)));
  api.post(
    '/api/v1/notifications/:id/read',
    { schema: { tags, summary: 'Mark one notification read', params: Type.Object({ id: Type.String({ format: 'uuid' }) }) } },
    async (r, reply) => {
      await markRead(caller(r), r.params.id);
      return reply.status(204).send();
    },
  );
  api.get('/api/v1/notifications/preferences', { schema: { tags, summary: 'How you are told, per kind' } }, (r) => getPreferences(caller(r)));
  api.put(
    '/api/v1/notifications/preferences',
    {
      schema: {
        tags,
        summary: `Choose in-app and e-mail per kind (${kindNames.join(', ')})`,
        body: Type.Object({ items: Type.Array(preference, { minItems: 1, maxItems: 50 }) }, { additionalProperties: false }),
      },
    },
    (r) => setPreferences(caller(r), r.body.items),
  );
}
