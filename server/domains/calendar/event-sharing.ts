// Who else sees an event: its attendees (colleagues) and the people in cc — by default the organiser's
// manager (the supervisor cc). Each person newly added is given read access to the event (a record
// share) and told through the notification center, in the writing transaction — but only when they may
// read the record the event is about, judged with their own access: an event must not leak an account's
// name or a visit's purpose to someone who may not read that account. Those who may not are left out.
import { sql } from 'drizzle-orm';
import { addShare, getRecord, type RecordValues, type WrittenRecord } from '../../records/index.ts';
import { notify } from '../../notifications/service.ts';
import { canUserRead } from '../collaboration/mentions.ts';

function idsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The record an event is about, when it names one. */
export function relatedRecordOf(event: RecordValues): { objectName: string; recordId: string } | null {
  return typeof event.relatedObject === 'string' && typeof event.relatedId === 'string' ? { objectName: event.relatedObject, recordId: event.relatedId } : null;
}

/** Shares the event with each newly added attendee and cc'd person who may read its record, and tells them. */
export async function shareWithNewPeople(write: WrittenRecord): Promise<void> {
  const { caller, action, record, before, id } = write;
  // The demo and imports by the system tell nobody, as with assignments and mentions.
  if (caller.isSystem || (action !== 'create' && action !== 'update') || !record) return;
  const organiserId = String(record.ownerId ?? caller.ctx.userId);
  const related = relatedRecordOf(record);
  // A changed occurrence, made from its series, is shared like it but tells only people new to it.
  const series = action === 'create' && typeof record.recurrenceParentId === 'string' ? await getRecord(caller, 'calendarEvents', record.recurrenceParentId) : undefined;
  const added = (field: string) => {
    const earlier = new Set(idsOf(before?.[field]));
    return idsOf(record[field]).filter((userId) => !earlier.has(userId) && userId !== organiserId && userId !== caller.ctx.userId);
  };
  // Someone taken off both lists no longer sees the event (the lists are who it is shared with).
  const now = new Set([...idsOf(record.ccUserIds), ...idsOf(record.attendeeUserIds)]);
  const dropped = [...idsOf(before?.ccUserIds), ...idsOf(before?.attendeeUserIds)].filter((userId) => !now.has(userId));
  if (dropped.length > 0) {
    await caller.db.rows(sql`delete from record_shares where object_name = 'calendarEvents' and record_id = ${id}::uuid
      and principal_type = 'user' and principal_id = any(${sql.param([...new Set(dropped)])}::uuid[])`);
  }
  const told = new Set<string>();
  for (const [field, kind] of [['ccUserIds', 'event.cc'], ['attendeeUserIds', 'event.invited']] as const) {
    const known = new Set(idsOf(series?.[field]));
    for (const userId of added(field)) {
      if (told.has(userId)) continue;
      if (related && !(await canUserRead(caller, userId, related))) continue;
      await addShare(caller, 'calendarEvents', id, { principalType: 'user', principalId: userId, access: 'read' });
      if (!known.has(userId)) await notify(caller.db, { userId, kind, objectName: 'calendarEvents', recordId: id, actorId: caller.ctx.userId, params: { startAt: record.startAt } });
      told.add(userId);
    }
  }
}
