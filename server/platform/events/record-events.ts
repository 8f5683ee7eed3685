// Record events: one after every committed create, update, delete and restore, to every process.
// The write sends NOTIFY inside its own transaction, so PostgreSQL delivers it exactly when the write
// commits, and never for one that rolls back; every process LISTENs, this one included.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/index.ts';

export const RECORD_EVENTS_CHANNEL = 'guanxi_records';
// NOTIFY payloads must stay under 8,000 bytes: a long list of changed fields is cut short.
const MAX_PAYLOAD_BYTES = 7_500;

export type RecordAction = 'create' | 'update' | 'delete' | 'restore';

export interface RecordEvent {
  object: string;
  id: string;
  action: RecordAction;
  /** The fields the write changed (for create: those it set). */
  changedFields: string[];
  /** True when changedFields was cut to fit a notification. */
  isTruncated?: boolean;
  actorId: string | null;
  /** ISO 8601, when the event was sent (the write's transaction time is close to it). */
  at: string;
}

/** A record event as a notification's payload, cut to fit (a long list of changed fields is shortened). */
export function recordEventPayload(event: RecordEvent): string {
  const payload = JSON.stringify(event);
  if (Buffer.byteLength(payload) <= MAX_PAYLOAD_BYTES) return payload;
  const fields: string[] = [];
  for (const field of event.changedFields) {
    if (Buffer.byteLength(JSON.stringify({ ...event, changedFields: [...fields, field] })) > MAX_PAYLOAD_BYTES) break;
    fields.push(field);
  }
  return JSON.stringify({ ...event, changedFields: fields, isTruncated: true });
}

/** The SQL expression that announces a record event when the surrounding transaction commits. */
export function recordEventNotification(event: RecordEvent): SQL {
  return sql`pg_notify(${RECORD_EVENTS_CHANNEL}, ${recordEventPayload(event)})`;
}

/** Parses a payload of the record channel; undefined for anything else (a reconnect's empty call). */
export function parseRecordEvent(payload: string): RecordEvent | undefined {
  if (!payload) return undefined;
  try {
    const event = JSON.parse(payload) as RecordEvent;
    return typeof event.object === 'string' && typeof event.id === 'string' ? event : undefined;
  } catch {
    return undefined;
  }
}

/** Calls `handler` with every committed record event from any process; returns the unsubscribe. */
export function watchRecordEvents(db: Database, handler: (event: RecordEvent) => void): Promise<() => Promise<void>> {
  return db.listen(RECORD_EVENTS_CHANNEL, (payload) => {
    const event = parseRecordEvent(payload);
    if (event) handler(event);
  });
}
