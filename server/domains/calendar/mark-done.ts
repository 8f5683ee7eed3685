// "Mark done": a planned event becomes a done one with its outcome, and the outcome lands on the
// timeline of the record the event is about as a done activity (a meeting, visit or call; "other" is
// logged as a note), so it sits with the calls and notes already there. One write transaction, with the
// caller's own access: who may not write the activity cannot mark the event done either.
import { invalidField } from '../../platform/http/problem.ts';
import { createRecord, getRecord, updateRecord, writeTransaction, type Caller, type RecordValues } from '../../records/index.ts';
import { editOneOccurrence } from './series-edits.ts';

const activityTypes: Record<string, string> = { meeting: 'meeting', visit: 'visit', call: 'call', other: 'note' };

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);

/** The rich-text body of the logged activity: the outcome, paragraph by paragraph. */
function outcomeHtml(outcome: string): string {
  return outcome
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** Marks an event (or one occurrence of a series) done with its outcome and logs it on the record's timeline. */
export async function markDone(c: Caller, id: string, input: { outcome: string; occurrenceStart?: string }, expectedVersion?: number): Promise<RecordValues> {
  return writeTransaction(c, async (t) => {
    const event = await getRecord(t, 'calendarEvents', id);
    if (event.status === 'done') throw invalidField('status', 'calendar_already_done', 'This event is already done.');
    const isSeries = typeof event.rrule === 'string' && event.rrule !== '';
    if (isSeries && !input.occurrenceStart) throw invalidField('occurrenceStart', 'required', 'Say which occurrence of the series is done.');
    const target = isSeries ? await editOneOccurrence(t, id, input.occurrenceStart!, {}) : event;
    const activity = await createRecord(t, 'activities', {
      type: activityTypes[String(target.type)] ?? 'note',
      subject: target.subject,
      status: 'done',
      startAt: target.startAt,
      endAt: target.endAt,
      ...(input.outcome.trim() ? { body: outcomeHtml(input.outcome) } : {}),
      ...(target.relatedObject && target.relatedId ? { relatedObject: target.relatedObject, relatedId: target.relatedId } : {}),
    });
    return updateRecord(t, 'calendarEvents', String(target.id), { status: 'done', outcome: input.outcome, activityId: activity.id }, isSeries ? undefined : expectedVersion);
  });
}
