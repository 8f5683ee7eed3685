// The calendar's HTTP commands. Events themselves are records (`/api/v1/calendarEvents`); these add the
// window of occurrences, the team of a manager, edits of a repeated event's occurrence, "mark done",
// .ics import and the private iCalendar feed (the one public route: its secret is the credential).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { invalidField, notFound } from '../../platform/http/problem.ts';
import { listRecords, parseIfMatch, type ModuleRouteContext, type RecordValues } from '../../records/index.ts';
import { createFeed, feedFor, hasFeed, revokeFeed } from './feeds.ts';
import { importCalendar } from './ics-import.ts';
import { markDone } from './mark-done.ts';
import { listOccurrences } from './occurrences.ts';
import { editOccurrence, removeOccurrence } from './series-edits.ts';
import type { EditScope, FeedState, NewFeed, Occurrence, TeamMember } from './calendar-shape.ts';

const tags = ['Calendar'];
export const FEED_PATH = '/api/v1/calendar/feed/:file';
/** The longest window one request may ask for (a month view with its edges fits easily). */
const MAX_WINDOW_MS = 62 * 86_400_000;

const dateTime = { type: 'string', format: 'date-time', maxLength: 40 };
const id = { type: 'string', format: 'uuid', maxLength: 36 };
const idParams = { type: 'object', required: ['id'], properties: { id } };
const ids = { type: 'array', maxItems: 100, items: id };
const occurrence = {
  type: 'object',
  properties: {
    eventId: id,
    occurrenceStart: { type: ['string', 'null'], maxLength: 40 },
    seriesId: { type: ['string', 'null'], maxLength: 36 },
    isRecurring: { type: 'boolean' },
    startAt: dateTime,
    endAt: dateTime,
    subject: { type: 'string', maxLength: 200 },
    type: { type: 'string', maxLength: 20 },
    status: { type: 'string', maxLength: 20 },
    location: { type: ['string', 'null'], maxLength: 255 },
    ownerId: id,
    relatedObject: { type: ['string', 'null'], maxLength: 63 },
    relatedId: { type: ['string', 'null'], maxLength: 36 },
    timeZone: { type: 'string', maxLength: 64 },
  },
};
/** The fields an occurrence edit may change (the engine checks each again, like any write). */
const changes = {
  type: 'object',
  additionalProperties: false,
  properties: {
    subject: { type: 'string', maxLength: 200 },
    type: { type: 'string', maxLength: 20 },
    status: { type: 'string', maxLength: 20 },
    startAt: dateTime,
    endAt: dateTime,
    location: { type: ['string', 'null'], maxLength: 255 },
    description: { type: ['string', 'null'], maxLength: 10_000 },
    outcome: { type: ['string', 'null'], maxLength: 10_000 },
    attendeeUserIds: ids,
    attendeeContactIds: ids,
    ccUserIds: ids,
    reminderMinutes: { type: ['integer', 'null'], format: 'int32', minimum: 0, maximum: 10_080 },
  },
};
const record = { type: 'object', additionalProperties: true, description: 'a calendar event (schema CalendarEvents)' };

type WindowQuery = { from: string; to: string; userIds?: string };

/** Registers the calendar's routes; each goes through the engine with the caller's own access. */
export function calendarRoutes(app: FastifyInstance, { db, registry, callerOf }: ModuleRouteContext): void {
  app.get(
    '/api/v1/calendar/occurrences',
    {
      schema: {
        tags,
        summary: 'The occurrences in a time window',
        description:
          'Events the caller may read that overlap [from, to) (at most 62 days), series expanded in their time zone. Without `userIds`: the events the caller organises, attends or is in cc of; with them (comma-separated): the events those users organise.',
        querystring: {
          type: 'object',
          required: ['from', 'to'],
          properties: { from: dateTime, to: dateTime, userIds: { type: 'string', maxLength: 3700, pattern: '^[0-9a-fA-F-]{36}(,[0-9a-fA-F-]{36}){0,99}$' } },
        },
        response: { 200: { type: 'object', properties: { data: { type: 'array', maxItems: 20_000, items: occurrence } } } },
      },
    },
    async (request: FastifyRequest<{ Querystring: WindowQuery }>): Promise<{ data: Occurrence[] }> => {
      const from = Date.parse(request.query.from);
      const to = Date.parse(request.query.to);
      if (!(to > from)) throw invalidField('to', 'calendar_window', 'The end of the window is after its start.');
      if (to - from > MAX_WINDOW_MS) throw invalidField('to', 'calendar_window', 'A window is at most 62 days.');
      const userIds = request.query.userIds?.split(',');
      return { data: await listOccurrences(callerOf(request), { from, to, ...(userIds ? { userIds } : {}) }) };
    },
  );

  app.get(
    '/api/v1/calendar/team',
    {
      schema: {
        tags,
        summary: "The people whose calendars a manager sees side by side",
        description: 'Everyone below the caller in the manager hierarchy (direct and indirect reports), by name. Empty for someone with no reports.',
        response: { 200: { type: 'object', properties: { data: { type: 'array', maxItems: 500, items: { type: 'object', properties: { id, name: { type: 'string', maxLength: 200 } } } } } } },
      },
    },
    async (request): Promise<{ data: TeamMember[] }> => {
      const caller = callerOf(request);
      const reports = caller.ctx.ownerScopeIds.filter((u) => u !== caller.ctx.userId).slice(0, 500);
      if (reports.length === 0) return { data: [] };
      const users = await listRecords(caller, 'users', { filter: `id in (${reports.map((u) => `'${u}'`).join(', ')}) and isActive eq true`, fields: 'name', sort: 'name', limit: 500 });
      return { data: users.data.map((u) => ({ id: u.id as string, name: u.name as string })) };
    },
  );

  app.post(
    '/api/v1/calendar/events/:id/occurrence',
    {
      schema: {
        tags,
        summary: 'Change one occurrence of a repeated event, this and the following ones, or the whole series',
        description:
          '`scope`: `this` makes the occurrence an event of its own (RECURRENCE-ID) and changes it; `following` ends the series before it and starts a new series there; `series` changes every occurrence (a new start or end moves them all alike). Returns the event changed or made.',
        params: idParams,
        body: { type: 'object', required: ['occurrenceStart', 'scope', 'changes'], additionalProperties: false, properties: { occurrenceStart: dateTime, scope: { type: 'string', enum: ['this', 'following', 'series'], maxLength: 10 }, changes } },
        response: { 200: record },
      },
    },
    (request: FastifyRequest<{ Params: { id: string }; Body: { occurrenceStart: string; scope: EditScope; changes: RecordValues } }>) =>
      editOccurrence(callerOf(request), request.params.id, request.body.occurrenceStart, request.body.scope, request.body.changes),
  );

  app.post(
    '/api/v1/calendar/events/:id/occurrence/remove',
    {
      schema: {
        tags,
        summary: 'Remove one occurrence of a repeated event',
        description: 'Adds it to the series’ removed occurrences (EXDATE); a changed occurrence is cancelled too.',
        params: idParams,
        body: { type: 'object', required: ['occurrenceStart'], additionalProperties: false, properties: { occurrenceStart: dateTime } },
        response: { 200: record },
      },
    },
    (request: FastifyRequest<{ Params: { id: string }; Body: { occurrenceStart: string } }>) => removeOccurrence(callerOf(request), request.params.id, request.body.occurrenceStart),
  );

  app.post(
    '/api/v1/calendar/events/:id/done',
    {
      schema: {
        tags,
        summary: 'Mark an event done with its outcome',
        description:
          'Sets the status to done with the outcome and logs a done activity (meeting, visit, call; other as a note) on the timeline of the record the event is about. For a series, `occurrenceStart` names the occurrence. Honours If-Match for a single event.',
        params: idParams,
        body: { type: 'object', required: ['outcome'], additionalProperties: false, properties: { outcome: { type: 'string', maxLength: 10_000 }, occurrenceStart: dateTime } },
        response: { 200: record },
      },
    },
    async (request: FastifyRequest<{ Params: { id: string }; Body: { outcome: string; occurrenceStart?: string } }>, reply: FastifyReply) => {
      const done = await markDone(callerOf(request), request.params.id, request.body, parseIfMatch(request.headers['if-match']));
      return reply.header('ETag', `"${String(done.version)}"`).send(done);
    },
  );

  app.post(
    '/api/v1/calendar/import',
    {
      schema: {
        tags,
        summary: 'Import an .ics file',
        description: 'The text of an iCalendar file (at most 1 MB, 1000 events): each event becomes an event of the caller’s, or updates the one imported before with the same UID. All or nothing.',
        body: { type: 'object', required: ['content'], additionalProperties: false, properties: { content: { type: 'string', minLength: 1, maxLength: 1_000_000 } } },
        response: { 200: { type: 'object', properties: { created: { type: 'integer', format: 'int32', minimum: 0, maximum: 1000 }, updated: { type: 'integer', format: 'int32', minimum: 0, maximum: 1000 } } } },
      },
      bodyLimit: 2_000_000,
    },
    (request: FastifyRequest<{ Body: { content: string } }>) => importCalendar(callerOf(request), request.body.content),
  );

  const feedState = { type: 'object', properties: { isActive: { type: 'boolean' }, secret: { type: 'string', maxLength: 64 }, path: { type: 'string', maxLength: 120 } } };
  app.get('/api/v1/calendar/feed', { schema: { tags, summary: 'Whether the caller has a private iCalendar feed', response: { 200: feedState } } }, async (request): Promise<FeedState> => ({
    isActive: await hasFeed(callerOf(request)),
  }));
  app.post(
    '/api/v1/calendar/feed',
    { schema: { tags, summary: 'Make a new private iCalendar feed (the old one stops working)', description: 'The secret is in the answer only: it is stored hashed.', response: { 200: feedState } } },
    async (request): Promise<NewFeed> => ({ isActive: true, ...(await createFeed(callerOf(request))) }),
  );
  app.delete('/api/v1/calendar/feed', { schema: { tags, summary: 'Revoke the private iCalendar feed' } }, async (request, reply) => {
    await revokeFeed(callerOf(request));
    return reply.code(204).send();
  });

  app.get(
    FEED_PATH,
    {
      schema: {
        tags,
        summary: 'A private iCalendar feed (no sign-in: the secret in the address is the credential)',
        description: '`file` is `{secret}.ics`. The events its owner organises, attends or is in cc of, from 90 days ago on. 404 for an unknown or revoked secret.',
        params: { type: 'object', required: ['file'], properties: { file: { type: 'string', maxLength: 60, pattern: '^[A-Za-z0-9_-]+\\.ics$' } } },
      },
    },
    async (request: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply) => {
      const text = await feedFor(db, registry, request.params.file.replace(/\.ics$/, ''), Date.now());
      if (text === null) throw notFound('The calendar feed');
      return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').header('referrer-policy', 'no-referrer').send(text);
    },
  );
}
