// Server-Sent Events: a person's notifications as they happen, and the changes to records they may see
// (so the web app refreshes what it shows). Every process LISTENs, so an event reaches a stream open on
// any process. Each delivery checks again that the credential still works and the record is visible.
import { and, eq, gt, asc, isNull, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestContext } from '../platform/auth/context.ts';
import type { Database } from '../platform/db/index.ts';
import { watchRecordEvents, type RecordEvent } from '../platform/events/record-events.ts';
import { isUuid } from '../platform/ids.ts';
import { definitionFor, type Caller, type Registry } from '../records/index.ts';
import { notifications } from './schema.ts';
import { NOTIFICATIONS_CHANNEL, present } from './service.ts';
import { recordKey, visibleRecords } from './visibility.ts';

const HEARTBEAT_MS = 25_000;
// A stream ends after this long and the browser reconnects (EventSource does so by itself), which
// authenticates again: a signed-out session or revoked key stops receiving soon in any case.
const MAX_STREAM_MS = 5 * 60_000;
const MAX_BACKLOG = 100;
// Record events are gathered for a moment and checked in one query per object per stream: a bulk
// update of thousands of records must not cost thousands of queries per open stream.
const RECORD_BATCH_MS = 250;
// Beyond this many waiting events a stream is told to reload what it shows instead.
const MAX_PENDING_EVENTS = 5_000;

interface Stream {
  ctx: RequestContext;
  send: (event: string, data: unknown, id?: string) => void;
  end: () => void;
}

interface Log {
  error: (details: object, message: string) => void;
}

/** The open streams of this process and the LISTENs that feed them. */
export class NotificationHub {
  readonly #streams = new Set<Stream>();
  readonly #db: Database;
  readonly #registry: Registry;
  readonly #log: Log;
  #stops: Array<() => Promise<void>> = [];
  #pending: RecordEvent[] = [];
  #isOverflowing = false;
  #flushTimer: NodeJS.Timeout | undefined;

  constructor(db: Database, registry: Registry, log: Log) {
    this.#db = db;
    this.#registry = registry;
    this.#log = log;
  }

  /** Starts listening for notifications and record events. */
  async start(): Promise<void> {
    this.#stops.push(
      await this.#db.listen(NOTIFICATIONS_CHANNEL, (payload) => this.#deliverNotification(payload).catch((error) => this.#fail(error))),
      await watchRecordEvents(this.#db, (event) => this.#queueRecordEvent(event)),
    );
  }

  /** Ends every stream and stops listening. */
  async stop(): Promise<void> {
    clearTimeout(this.#flushTimer);
    for (const stream of this.#streams) stream.end();
    await Promise.all(this.#stops.map((stop) => stop()));
    this.#stops = [];
  }

  /** Turns the request into an event stream for its caller, first sending what was missed since Last-Event-ID. */
  async open(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const ctx = request.ctx;
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
      'x-accel-buffering': 'no', // a proxy must pass events through at once
    });
    const write = (text: string) => !reply.raw.destroyed && reply.raw.write(text);
    const stream: Stream = {
      ctx,
      send: (event, data, id) => write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
      end: () => reply.raw.end(),
    };
    write('retry: 3000\n\n');
    const heartbeat = setInterval(() => write(': ping\n\n'), HEARTBEAT_MS);
    const lifetime = setTimeout(() => stream.end(), MAX_STREAM_MS);
    this.#streams.add(stream);
    reply.raw.on('close', () => {
      clearInterval(heartbeat);
      clearTimeout(lifetime);
      this.#streams.delete(stream);
    });
    const lastId = request.headers['last-event-id'];
    if (typeof lastId === 'string' && isUuid(lastId)) await this.#sendMissed(stream, lastId);
  }

  #caller(ctx: RequestContext): Caller {
    return { db: this.#db, registry: this.#registry, ctx };
  }

  /** Whether the stream's user, session or key still works (else the stream ends). */
  async #isStillValid(stream: Stream): Promise<boolean> {
    const { userId, apiKeyId, sessionId } = stream.ctx;
    const [row] = await this.#db.rows<{ ok: boolean }>(sql`select exists (select 1 from users u where u.id = ${userId}::uuid and u.is_active
      and (${apiKeyId ?? null}::uuid is null or exists (select 1 from api_keys k where k.id = ${apiKeyId ?? null}::uuid and k.revoked_at is null))
      and (${sessionId ?? null}::text is null or exists (select 1 from sessions s where s.id = ${sessionId ?? null} and s.expires_at > now()))) as ok`);
    if (!row?.ok) stream.end();
    return Boolean(row?.ok);
  }

  async #sendMissed(stream: Stream, lastId: string): Promise<void> {
    const rows = await this.#db.orm
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, stream.ctx.userId), gt(notifications.id, lastId), isNull(notifications.readAt)))
      .orderBy(asc(notifications.id))
      .limit(MAX_BACKLOG);
    for (const item of await present(this.#caller(stream.ctx), rows, stream.ctx.locale)) stream.send('notification', item, item.id);
  }

  async #deliverNotification(payload: string): Promise<void> {
    const { id, userId } = JSON.parse(payload || '{}') as { id?: string; userId?: string };
    const streams = [...this.#streams].filter((s) => s.ctx.userId === userId);
    if (!id || streams.length === 0) return;
    const [row] = await this.#db.orm.select().from(notifications).where(eq(notifications.id, id));
    if (!row) return;
    for (const stream of streams) {
      if (!(await this.#isStillValid(stream))) continue;
      const [item] = await present(this.#caller(stream.ctx), [row], stream.ctx.locale);
      if (item) stream.send('notification', item, item.id);
    }
  }

  #queueRecordEvent(event: RecordEvent): void {
    if (this.#streams.size === 0) return;
    if (this.#pending.length >= MAX_PENDING_EVENTS) this.#isOverflowing = true;
    else this.#pending.push(event);
    this.#flushTimer ??= setTimeout(() => {
      this.#flushTimer = undefined;
      this.#flushRecordEvents().catch((error) => this.#fail(error));
    }, RECORD_BATCH_MS);
  }

  async #flushRecordEvents(): Promise<void> {
    const events = this.#pending;
    const isOverflowing = this.#isOverflowing;
    this.#pending = [];
    this.#isOverflowing = false;
    for (const stream of this.#streams) {
      if (!(await this.#isStillValid(stream))) continue;
      if (isOverflowing) {
        stream.send('resync', { reason: 'many records changed at once: reload what you show' });
        continue;
      }
      const caller = this.#caller(stream.ctx);
      // A deleted record is looked for in the recycle bin, with the same access rules.
      const live = await visibleRecords(caller, events.filter((e) => e.action !== 'delete').map((e) => ({ objectName: e.object, recordId: e.id })));
      const deleted = await visibleRecords(caller, events.filter((e) => e.action === 'delete').map((e) => ({ objectName: e.object, recordId: e.id })), { isDeleted: true });
      for (const event of events) {
        const key = recordKey(event.object, event.id);
        if (!(event.action === 'delete' ? deleted : live).has(key)) continue;
        // Field security holds here too: the names of hidden fields are not told, and a change of
        // hidden fields alone is not an event for this reader at all.
        const changedFields = this.#visibleFieldNames(caller, event.object, event.changedFields);
        if (event.action === 'update' && changedFields.length === 0) continue;
        stream.send('record', { object: event.object, id: event.id, action: event.action, changedFields });
      }
    }
  }

  #visibleFieldNames(caller: Caller, objectName: string, names: string[]): string[] {
    if (!this.#registry.has(objectName)) return [];
    const full = this.#registry.get(objectName);
    const seen = definitionFor(caller, full);
    if (!seen) return [];
    // System fields (owner, timestamps) are never hidden; defined fields only if field security says so.
    const visible = new Set(seen.fields.map((f) => f.name));
    const hidden = new Set(full.fields.filter((f) => !visible.has(f.name)).map((f) => f.name));
    return names.filter((name) => !hidden.has(name));
  }

  #fail(error: unknown): void {
    this.#log.error({ err: error }, 'could not deliver an event to a stream');
  }
}
