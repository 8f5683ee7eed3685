// What the calendar does on every write of an event: it checks the times, the time zone, the rule and
// the removed occurrences field by field; it fills in the organiser's time zone and, for a new event,
// their manager in cc (the supervisor cc) unless the organiser chose; and it derives `seriesEndAt`.
import { sql } from 'drizzle-orm';
import type { FieldError, ObjectHooks, RecordValues, WriteEvent } from '../../records/index.ts';
import { lastOccurrence, parseRule, RuleError } from './recurrence.ts';
import { isTimeZone } from './time-zones.ts';

/** The longest a single event may last: a window query looks this far back for events still running. */
export const MAX_EVENT_MS = 14 * 86_400_000;
/** Where a series that never ends is said to end, so "ends after" stays one index range. */
export const NEVER = '9999-12-31T00:00:00.000Z';
const MAX_EXDATES = 1000;
const MAX_REMINDER_MINUTES = 7 * 24 * 60;

const ms = (value: unknown) => (typeof value === 'string' ? Date.parse(value) : Number.NaN);

/** The problems of an event as it will be, each naming its field (none when it is good). */
export function eventErrors(event: RecordValues): FieldError[] {
  const errors: FieldError[] = [];
  const start = ms(event.startAt);
  const end = ms(event.endAt);
  if (end < start) errors.push({ field: 'endAt', code: 'calendar_end_before_start', message: 'The end is before the start.' });
  else if (end - start > MAX_EVENT_MS) errors.push({ field: 'endAt', code: 'calendar_too_long', message: 'An event lasts at most 14 days; make it repeat instead.' });
  if (event.timeZone != null && !isTimeZone(event.timeZone)) errors.push({ field: 'timeZone', code: 'calendar_time_zone', message: 'Choose a time zone such as Asia/Shanghai.' });
  if (typeof event.rrule === 'string' && event.rrule !== '') {
    try {
      parseRule(event.rrule);
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      errors.push({ field: 'rrule', code: 'calendar_rrule', message: `The repeat rule cannot be used: ${error.message}` });
    }
    if (event.recurrenceParentId) errors.push({ field: 'rrule', code: 'calendar_rrule', message: 'A changed occurrence of a series cannot repeat itself.' });
  }
  const exdates = event.exdates;
  if (exdates != null && (!Array.isArray(exdates) || exdates.length > MAX_EXDATES || exdates.some((d) => typeof d !== 'string' || Number.isNaN(Date.parse(d))))) {
    errors.push({ field: 'exdates', code: 'type', message: 'Removed occurrences are a list of start times.', params: { expected: 'array' } });
  }
  const reminder = event.reminderMinutes;
  if (reminder != null && (!Number.isInteger(reminder) || (reminder as number) < 0 || (reminder as number) > MAX_REMINDER_MINUTES)) {
    errors.push({ field: 'reminderMinutes', code: 'calendar_reminder', message: 'A reminder is 0 to 10080 whole minutes before.' });
  }
  return errors;
}

/** When a series' last occurrence ends: NEVER for an endless rule, null for a single event. */
export function seriesEndOf(event: RecordValues): string | null {
  if (typeof event.rrule !== 'string' || event.rrule === '') return null;
  const start = ms(event.startAt);
  const last = lastOccurrence(parseRule(event.rrule), start, String(event.timeZone ?? 'UTC'));
  return last === null ? NEVER : new Date(last + (ms(event.endAt) - start)).toISOString();
}

async function organiserDefaults({ caller, action, changes }: WriteEvent): Promise<RecordValues> {
  const derived: RecordValues = {};
  if (action !== 'create' || caller.isSystem) return derived;
  const [me] = await caller.db.rows<{ time_zone: string; manager_id: string | null }>(
    sql`select time_zone, manager_id from users where id = ${caller.ctx.userId}::uuid`,
  );
  if (changes.timeZone == null && me) derived.timeZone = me.time_zone;
  // Supervisor cc: the organiser's manager, unless the organiser said who (an empty list: nobody).
  if (!('ccUserIds' in changes) && me?.manager_id) derived.ccUserIds = [me.manager_id];
  return derived;
}

export const eventHooks: ObjectHooks = {
  beforeWrite: async (event) => {
    const derived = await organiserDefaults(event);
    const proposed = { ...event.proposed, ...derived };
    if (proposed.timeZone == null) derived.timeZone = proposed.timeZone = 'UTC';
    const wasDone = event.before?.status === 'done';
    if (proposed.status === 'done' && !wasDone) derived.completedAt = new Date().toISOString();
    if (proposed.status !== 'done' && wasDone) derived.completedAt = null;
    if (eventErrors(proposed).length === 0) {
      const seriesEnd = seriesEndOf(proposed);
      if (seriesEnd !== (event.before?.seriesEndAt ?? null)) derived.seriesEndAt = seriesEnd;
    }
    return derived;
  },
  validate: ({ proposed }) => eventErrors(proposed),
};

/** Feeds are written by the calendar's routes alone (as the system): nobody sets a secret's hash. */
export const feedHooks: ObjectHooks = {
  validate: ({ caller }) => (caller.isSystem ? [] : [{ field: 'tokenHash', code: 'read_only', message: 'Feeds are made from the calendar screen.' }]),
};
