// @mentions: a note (any activity) holds the people it mentions as user ids (`mentionIds`). Each person
// newly mentioned is told through the notification center, in the writing transaction (so the notice
// exists exactly when the note commits) — but only if that person may read the record the note is
// about, judged with their own access, never the author's: a mention must not leak a record. A reader
// mentioned gets the note shared with them (read), so they find it in the record's timeline.
import { loadRequestContext } from '../../platform/access/load-context.ts';
import { addShare, type Caller, type RecordValues, type WrittenRecord } from '../../records/index.ts';
import { notify } from '../../notifications/service.ts';
import { recordKey, visibleRecords } from '../../notifications/visibility.ts';

/** The lookups that tie an activity to a record, most specific first, after its related record. */
const parentLinks: Array<[field: string, object: string]> = [
  ['opportunityId', 'opportunities'],
  ['contactId', 'contacts'],
  ['leadId', 'leads'],
  ['accountId', 'accounts'],
];

/** The record an activity is about (its related record, else its first parent lookup); the activity itself when none. */
export function subjectRecordOf(activityId: string, activity: RecordValues): { objectName: string; recordId: string } {
  if (typeof activity.relatedObject === 'string' && typeof activity.relatedId === 'string') {
    return { objectName: activity.relatedObject, recordId: activity.relatedId };
  }
  for (const [field, objectName] of parentLinks) {
    if (typeof activity[field] === 'string') return { objectName, recordId: activity[field] };
  }
  return { objectName: 'activities', recordId: activityId };
}

function idsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Whether `userId` may read the record now, with their own role, teams and sharing (in the caller's transaction). */
export async function canUserRead(c: Caller, userId: string, ref: { objectName: string; recordId: string }): Promise<boolean> {
  const ctx = await loadRequestContext(c.db, userId);
  if (!ctx) return false; // disabled or removed
  const visible = await visibleRecords({ db: c.db, registry: c.registry, ctx }, [ref]);
  return visible.has(recordKey(ref.objectName, ref.recordId));
}

/** Tells each person a write newly mentions, if they may read the record the note is about. */
export async function notifyMentioned(write: WrittenRecord): Promise<void> {
  const { caller, action, record, before, id } = write;
  // Work the system does by itself (the demo, imports) tells no one, as with assignments.
  if (caller.isSystem || (action !== 'create' && action !== 'update') || !record) return;
  const earlier = new Set(idsOf(before?.mentionIds));
  const authorId = caller.ctx.userId;
  const fresh = idsOf(record.mentionIds).filter((userId) => !earlier.has(userId) && userId !== authorId);
  if (fresh.length === 0) return;
  const subject = subjectRecordOf(id, record);
  for (const userId of fresh) {
    if (!(await canUserRead(caller, userId, subject))) continue;
    if (subject.objectName !== 'activities') await addShare(caller, 'activities', id, { principalType: 'user', principalId: userId, access: 'read' });
    await notify(caller.db, { userId, kind: 'record.mentioned', ...subject, actorId: authorId, params: { activityId: id } });
  }
}
