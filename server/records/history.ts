// Field history and the 360° timeline of a record.
import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.ts';
import { toIsoTimestamp } from '../platform/db/database.ts';
import { isUuid, newId } from '../platform/ids.ts';
import { invalidField, notFound } from '../platform/http/problem.ts';
import { assertObjectAction } from '../platform/access/index.ts';
import { visibleDefinedFields, withoutHidden } from './access.ts';
import { allFields, columnRef, decodeRecord, selectList } from './columns.ts';
import { parseInstant } from './fields.ts';
import { baseConditions, findRow, parsePageLimit, type Caller } from './read.ts';
import { type RecordValues, systemFields } from './types.ts';

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
  await db.rows(sql`insert into record_changes (id, object_name, record_id, action, actor_id, changes)
    values (${newId()}::uuid, ${objectName}, ${recordId}::uuid, ${action}, ${actorId}::uuid, ${JSON.stringify(changes)}::jsonb)`);
}

interface Page {
  limit?: number;
  cursor?: string;
}

/** Timeline cursors are "<timestamp>|<id>" of the last entry, base64url-encoded. */
function decodeTimeCursor(cursor: string | undefined): [string, string] | undefined {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  // Checked as strictly as the database would, so a tampered cursor is a 400, not a database error.
  if (!at || !id || parseInstant(at) === undefined || !isUuid(id)) {
    throw invalidField('cursor', 'invalid_cursor', 'The cursor is not valid; start again from the first page.');
  }
  return [at, id];
}

/** The cursor after a page, from the database's own timestamp text (microseconds included). */
function nextTimeCursor(rows: Record<string, unknown>[], limit: number, idColumn: string): string | null {
  if (rows.length <= limit) return null;
  const last = rows[limit - 1]!;
  return Buffer.from(`${String(last.at)}|${String(last[idColumn])}`).toString('base64url');
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
  assertObjectAction(c.ctx, def, 'read');
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

/**
 * The 360° timeline: activities linked to the record (directly or through their account, contact,
 * opportunity or lead) merged with the record's field changes, newest first.
 */
export async function getTimeline(c: Caller, objectName: string, id: string, page: Page) {
  await assertVisible(c, objectName, id);
  const limit = parsePageLimit(page.limit);
  const after = decodeTimeCursor(page.cursor);
  const activities = c.registry.get('activities');
  // Every lookup of activities links it to a record: relatedId, accountId … and custom lookups alike.
  const links = activities.fields.filter((f) => f.type === 'lookup');
  const linked = sql.join(links.map((f) => sql`${columnRef('a', f)} = ${id}::uuid`), sql` or `);
  const activityConditions = [...baseConditions(c, activities, 'a'), sql`(${linked})`];
  const rows = await c.db.rows<Record<string, unknown>>(sql`
    select * from (
      select 'activity' as kind, a.id as entry_id, coalesce(a.start_at, a.created_at) as at
        from activities a where ${sql.join(activityConditions, sql` and `)}
      union all
      select 'change' as kind, rc.id as entry_id, rc.at from record_changes rc where rc.record_id = ${id}::uuid
    ) entries
    ${after ? sql`where (at, entry_id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
    order by at desc, entry_id desc limit ${limit + 1}`);
  const page1 = rows.slice(0, limit);
  const activityIds = page1.filter((r) => r.kind === 'activity').map((r) => r.entry_id as string);
  const changeIds = page1.filter((r) => r.kind === 'change').map((r) => r.entry_id as string);
  const activityRecords = new Map<string, RecordValues>();
  if (activityIds.length) {
    for (const row of await c.db.rows(sql`select ${selectList(activities, 'a', allFields(activities))} from activities a
      where a.id in (${sql.join(activityIds.map((x) => sql`${x}::uuid`), sql`, `)})`)) {
      const record = withoutHidden(c, activities, decodeRecord(allFields(activities), row));
      activityRecords.set(record.id as string, record);
    }
  }
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
    if (r.kind === 'activity') return { kind: 'activity', id: entryId, at, activity: activityRecords.get(entryId) };
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
