// Field history and the 360° timeline of a record.
import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.ts';
import { RECORD_EVENTS_CHANNEL, recordEventNotification, recordEventPayload } from '../platform/events/record-events.ts';
import { toIsoTimestamp } from '../platform/db/database.ts';
import { newId } from '../platform/ids.ts';
import { notFound } from '../platform/http/problem.ts';
import { assertCanDo, visibleDefinedFields, withoutHidden } from './access.ts';
import { allFields, columnRef, decodeRecord, fieldByName, selectList } from './columns.ts';
import { decodeCursor, encodeCursor, type SortKey } from './list-query.ts';
import { baseConditions, findRow, parsePageLimit } from './read.ts';
import type { Caller } from './caller.ts';
import type { TimelineSource } from './modules.ts';
import { type ObjectDefinition, type RecordValues, systemFields } from './types.ts';

export type ChangeAction = 'create' | 'update' | 'delete' | 'restore' | 'purge';

/** Appends one entry to a record's change log (inside the caller's transaction). */
export async function logChange(
  db: Database,
  objectName: string,
  recordId: string,
  action: ChangeAction,
  actorId: string | null,
  changes: Record<string, [unknown, unknown]>,
): Promise<void> {
  if (action === 'update' && Object.keys(changes).length === 0) return;
  const insert = sql`insert into record_changes (id, object_name, record_id, action, actor_id, changes)
    values (${newId()}::uuid, ${objectName}, ${recordId}::uuid, ${action}, ${actorId}::uuid, ${JSON.stringify(changes)}::jsonb)`;
  if (action === 'purge') {
    await db.rows(insert);
    return;
  }
  // Every logged change is also an event, sent when (and only if) this transaction commits; one
  // round trip for both.
  const event = { object: objectName, id: recordId, action, changedFields: Object.keys(changes), actorId, at: new Date().toISOString() };
  await db.rows(sql`with logged as (${insert} returning 1) select ${recordEventNotification(event)} from logged`);
}

/** One entry of `logChanges`. */
export interface ChangeEntry {
  recordId: string;
  changes: Record<string, [unknown, unknown]>;
}

/** Entries per `logChanges` statement: each column travels as one array, so only memory bounds it. */
const CHANGES_PER_STATEMENT = 5000;

/**
 * Appends many entries of one action to the change log in one statement (a batch of creates), each
 * also an event sent on commit, exactly as `logChange` does one by one: the rows and the events
 * travel as arrays, so the statement is the same text whatever the number of entries.
 */
export async function logChanges(db: Database, objectName: string, action: Exclude<ChangeAction, 'purge'>, actorId: string | null, entries: readonly ChangeEntry[]): Promise<void> {
  const logged = entries.filter((entry) => action !== 'update' || Object.keys(entry.changes).length > 0);
  for (let at = 0; at < logged.length; at += CHANGES_PER_STATEMENT) {
    const chunk = logged.slice(at, at + CHANGES_PER_STATEMENT);
    const when = new Date().toISOString();
    const ids = chunk.map(() => newId());
    const recordIds = chunk.map((e) => e.recordId);
    const changes = chunk.map((e) => JSON.stringify(e.changes));
    const payloads = chunk.map((e) => recordEventPayload({ object: objectName, id: e.recordId, action, changedFields: Object.keys(e.changes), actorId, at: when }));
    await db.rows(sql`with logged as (insert into record_changes (id, object_name, record_id, action, actor_id, changes)
      select u.id, ${objectName}, u.record_id, ${action}, ${actorId}::uuid, u.changes
      from unnest(${sql.param(ids)}::uuid[], ${sql.param(recordIds)}::uuid[], ${sql.param(changes)}::jsonb[]) as u(id, record_id, changes))
      select count(pg_notify(${RECORD_EVENTS_CHANNEL}, p)::text) as sent from unnest(${sql.param(payloads)}::text[]) as p`);
  }
}

interface Page {
  limit?: number;
  cursor?: string;
}

/** History and timeline pages run newest first by time, then id: their cursors are list cursors on these keys. */
const timeKeys: SortKey[] = [
  { field: { name: 'at', type: 'datetime', label: { en: 'Time', 'zh-CN': '时间' } }, isDescending: true },
  { field: { name: 'id', type: 'lookup', label: { en: 'ID', 'zh-CN': 'ID' } }, isDescending: true },
];

function decodeTimeCursor(cursor: string | undefined): [string, string] | undefined {
  return cursor ? (decodeCursor(timeKeys, cursor) as [string, string]) : undefined;
}

/** The cursor after a page, from the database's own timestamp text (microseconds included). */
function nextTimeCursor(rows: Record<string, unknown>[], limit: number, idColumn: string): string | null {
  if (rows.length <= limit) return null;
  const last = rows[limit - 1]!;
  return encodeCursor(timeKeys, [String(last.at), String(last[idColumn])]);
}

/** A change log entry's field changes, without the fields the caller may not see. */
function visibleChanges(c: Caller, objectName: string, changes: Record<string, [unknown, unknown]>) {
  // Only fields that still exist and the caller may see: a deleted custom field takes its past with it.
  const visible = new Set([...systemFields, ...visibleDefinedFields(c, c.registry.get(objectName)).map((f) => f.name)]);
  return Object.entries(changes)
    .filter(([field]) => visible.has(field))
    .map(([field, [from, to]]) => ({ field, from, to }));
}

async function assertVisible(c: Caller, objectName: string, id: string) {
  const def = c.registry.get(objectName);
  assertCanDo(c, def, 'read');
  const row = (await findRow(c, def, id)) ?? (await findRow(c, def, id, { isDeleted: true }));
  if (!row) throw notFound(`The ${def.label.en.toLowerCase()}`);
  return def;
}

/** The field-level change log of one record, newest first. */
export async function getHistory(c: Caller, objectName: string, id: string, page: Page) {
  await assertVisible(c, objectName, id);
  const limit = parsePageLimit(page.limit);
  const after = decodeTimeCursor(page.cursor);
  const rows = await c.db.rows<Record<string, unknown>>(sql`select id, action, actor_id, at, changes from record_changes
    where record_id = ${id}::uuid ${after ? sql`and (at, id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
    order by at desc, id desc limit ${limit + 1}`);
  const entries = rows.slice(0, limit).map((r) => ({
    id: r.id as string,
    action: r.action,
    actorId: r.actor_id,
    at: toIsoTimestamp(r.at)!,
    changes: visibleChanges(c, objectName, r.changes as Record<string, [unknown, unknown]>),
  }));
  return { data: entries, nextCursor: nextTimeCursor(rows, limit, 'id') };
}

/** A timeline source the caller's registry can serve: its object, and the SQL of its entries. */
function sourceEntries(c: Caller, source: TimelineSource, id: string) {
  if (!c.registry.has(source.object)) return undefined;
  const def = c.registry.get(source.object);
  const links = source.linkFields(def);
  if (links.length === 0) return undefined;
  const linked = sql.join(links.map((f) => sql`${columnRef('e', f)} = ${id}::uuid`), sql` or `);
  const at = sql.join(source.atFields.map((name) => columnRef('e', fieldByName(def, name)!)), sql`, `);
  const conditions = [...baseConditions(c, def, 'e'), sql`(${linked})`];
  const entries = sql`select ${source.kind}::text as kind, e.id as entry_id, coalesce(${at}) as at
    from ${sql.identifier(def.table)} e where ${sql.join(conditions, sql` and `)}`;
  return { source, def, entries };
}

/** The records behind a page's entries of one source, as the caller may see them. */
async function entryRecords(c: Caller, def: ObjectDefinition, ids: string[]): Promise<Map<string, RecordValues>> {
  const records = new Map<string, RecordValues>();
  if (ids.length === 0) return records;
  for (const row of await c.db.rows(sql`select ${selectList(def, 'e', allFields(def))} from ${sql.identifier(def.table)} e
    where e.id in (${sql.join(ids.map((x) => sql`${x}::uuid`), sql`, `)})`)) {
    const record = withoutHidden(c, def, decodeRecord(allFields(def), row));
    records.set(record.id as string, record);
  }
  return records;
}

/**
 * The 360° timeline: the records the modules' timeline sources link to this one (tasks, notes …)
 * merged with the record's field changes, newest first.
 */
export async function getTimeline(c: Caller, objectName: string, id: string, page: Page) {
  await assertVisible(c, objectName, id);
  const limit = parsePageLimit(page.limit);
  const after = decodeTimeCursor(page.cursor);
  const sources = c.registry.modules.timeline.map((source) => sourceEntries(c, source, id)).filter((s) => s !== undefined);
  const rows = await c.db.rows<Record<string, unknown>>(sql`
    select * from (
      ${sql.join(sources.map((s) => sql`${s.entries} union all `), sql``)}
      select 'change' as kind, rc.id as entry_id, rc.at from record_changes rc where rc.record_id = ${id}::uuid
    ) entries
    ${after ? sql`where (at, entry_id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
    order by at desc, entry_id desc limit ${limit + 1}`);
  const page1 = rows.slice(0, limit);
  const idsOf = (kind: string) => page1.filter((r) => r.kind === kind).map((r) => r.entry_id as string);
  const records = new Map<string, RecordValues>();
  for (const { source, def } of sources) {
    for (const [entryId, record] of await entryRecords(c, def, idsOf(source.kind))) records.set(entryId, record);
  }
  const changeIds = idsOf('change');
  const changes = new Map<string, Record<string, unknown>>();
  if (changeIds.length) {
    for (const r of await c.db.rows<Record<string, unknown>>(sql`select id, action, actor_id, changes from record_changes
      where id in (${sql.join(changeIds.map((x) => sql`${x}::uuid`), sql`, `)})`)) {
      changes.set(r.id as string, r);
    }
  }
  const data = page1.map((r) => {
    const at = toIsoTimestamp(r.at)!;
    const entryId = r.entry_id as string;
    const kind = r.kind as string;
    if (kind !== 'change') return { kind, id: entryId, at, [kind]: records.get(entryId) };
    const change = changes.get(entryId)!;
    return {
      kind: 'change',
      id: entryId,
      at,
      action: change.action,
      actorId: change.actor_id,
      changes: visibleChanges(c, objectName, change.changes as Record<string, [unknown, unknown]>),
    };
  });
  return { data, nextCursor: nextTimeCursor(rows, limit, 'entry_id') };
}
