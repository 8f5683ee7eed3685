// Changing a repeated event: one occurrence (a changed occurrence is an event of its own pointing at its
// series, RFC 5545's RECURRENCE-ID), this and the following ones (the series ends before it and a new
// series starts there), or the whole series. Each is one write transaction of engine writes with the
// caller's own access, so a refusal anywhere leaves everything as it was.
import { invalidField } from '../../platform/http/problem.ts';
import { getRecord, listRecords, updateRecord, createRecord, writeTransaction, type Caller, type RecordValues } from '../../records/index.ts';
import { expandRule, formatRule, parseRule } from './recurrence.ts';
import type { EditScope } from './calendar-shape.ts';

export type { EditScope } from './calendar-shape.ts';

/** What an occurrence of a series copies from it when it becomes an event of its own. */
const copiedFields = ['subject', 'type', 'status', 'timeZone', 'location', 'description', 'relatedObject', 'relatedId', 'attendeeUserIds', 'attendeeContactIds', 'ccUserIds', 'reminderMinutes'];
const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
const iso = (ms: number) => new Date(ms).toISOString();

/** The series, and the start (ms) of one of its occurrences; 400 when the series has no such occurrence. */
async function seriesAndOccurrence(c: Caller, id: string, occurrenceStart: string) {
  const series = await getRecord(c, 'calendarEvents', id);
  const at = Date.parse(occurrenceStart);
  const start = Date.parse(String(series.startAt));
  const isOne =
    typeof series.rrule === 'string' && series.rrule !== '' && !Number.isNaN(at) && expandRule(parseRule(series.rrule), start, String(series.timeZone), at, at + 1).includes(at);
  if (!isOne) throw invalidField('occurrenceStart', 'calendar_occurrence', 'This is not an occurrence of the series.');
  return { series, at, duration: Date.parse(String(series.endAt)) - start };
}

async function changedOccurrence(c: Caller, seriesId: string, at: number): Promise<RecordValues | undefined> {
  const found = await listRecords(c, 'calendarEvents', { filter: `recurrenceParentId eq ${quote(seriesId)} and recurrenceId eq '${iso(at)}'`, limit: 1 });
  return found.data[0];
}

/** Changes one occurrence of a series (making it an event of its own the first time); returns that event. */
export async function editOneOccurrence(c: Caller, id: string, occurrenceStart: string, changes: RecordValues): Promise<RecordValues> {
  return writeTransaction(c, async (t) => {
    const { series, at, duration } = await seriesAndOccurrence(t, id, occurrenceStart);
    const existing = await changedOccurrence(t, id, at);
    if (existing) return updateRecord(t, 'calendarEvents', String(existing.id), changes);
    const copy = Object.fromEntries(copiedFields.filter((f) => series[f] != null).map((f) => [f, series[f]]));
    return createRecord(t, 'calendarEvents', { ...copy, startAt: iso(at), endAt: iso(at + duration), recurrenceParentId: id, recurrenceId: iso(at), ...changes });
  });
}

/** How a new start/end given for one occurrence moves the series: the same shift from each start. */
function shifted(series: RecordValues, at: number, changes: RecordValues): RecordValues {
  const { startAt, endAt, ...rest } = changes;
  if (startAt === undefined && endAt === undefined) return rest;
  const start = Date.parse(String(series.startAt));
  const duration = Date.parse(String(series.endAt)) - start;
  const newStart = startAt === undefined ? at : Date.parse(String(startAt));
  const newEnd = endAt === undefined ? newStart + duration : Date.parse(String(endAt));
  if (Number.isNaN(newStart) || Number.isNaN(newEnd)) throw invalidField(Number.isNaN(newStart) ? 'startAt' : 'endAt', 'format', 'Enter a date and time.');
  const seriesStart = start + (newStart - at);
  return { ...rest, startAt: iso(seriesStart), endAt: iso(seriesStart + (newEnd - newStart)) };
}

/** Changes every occurrence: a new start or end given for one occurrence moves them all alike. */
export async function editWholeSeries(c: Caller, id: string, occurrenceStart: string, changes: RecordValues, expectedVersion?: number): Promise<RecordValues> {
  return writeTransaction(c, async (t) => {
    const { series, at } = await seriesAndOccurrence(t, id, occurrenceStart);
    return updateRecord(t, 'calendarEvents', id, shifted(series, at, changes), expectedVersion);
  });
}

/** Ends the series before an occurrence and starts a new one there with the changes; returns the new series. */
export async function editFollowing(c: Caller, id: string, occurrenceStart: string, changes: RecordValues): Promise<RecordValues> {
  return writeTransaction(c, async (t) => {
    const { series, at, duration } = await seriesAndOccurrence(t, id, occurrenceStart);
    const start = Date.parse(String(series.startAt));
    if (at === start) return updateRecord(t, 'calendarEvents', id, shifted(series, at, changes));
    const rule = parseRule(String(series.rrule));
    const before = expandRule(rule, start, String(series.timeZone), start, at).length;
    const { count, ...open } = rule;
    await updateRecord(t, 'calendarEvents', id, { rrule: formatRule({ ...open, until: at - 1000 }) });
    const copy = Object.fromEntries(copiedFields.filter((f) => series[f] != null).map((f) => [f, series[f]]));
    const rest = count === undefined ? rule : { ...rule, count: count - before };
    const exdates = (Array.isArray(series.exdates) ? series.exdates : []).filter((d) => Date.parse(String(d)) >= at);
    const next = await createRecord(t, 'calendarEvents', {
      ...copy,
      ...shifted({ startAt: iso(at), endAt: iso(at + duration) }, at, changes),
      rrule: formatRule(rest),
      ...(exdates.length ? { exdates } : {}),
    });
    // Occurrences already changed from here on belong to the new series.
    const moved = await listRecords(t, 'calendarEvents', { filter: `recurrenceParentId eq ${quote(id)} and recurrenceId gte '${iso(at)}'`, limit: 500 });
    for (const child of moved.data) await updateRecord(t, 'calendarEvents', String(child.id), { recurrenceParentId: next.id });
    return next;
  });
}

/** Removes one occurrence of a series (a changed one is cancelled too). */
export async function removeOccurrence(c: Caller, id: string, occurrenceStart: string): Promise<RecordValues> {
  return writeTransaction(c, async (t) => {
    const { series, at } = await seriesAndOccurrence(t, id, occurrenceStart);
    const existing = await changedOccurrence(t, id, at);
    if (existing) await updateRecord(t, 'calendarEvents', String(existing.id), { status: 'cancelled' });
    const exdates = [...(Array.isArray(series.exdates) ? series.exdates : []), iso(at)];
    return updateRecord(t, 'calendarEvents', id, { exdates });
  });
}

/** Applies an edit of an occurrence with the scope the person chose. */
export function editOccurrence(c: Caller, id: string, occurrenceStart: string, scope: EditScope, changes: RecordValues): Promise<RecordValues> {
  if (scope === 'this') return editOneOccurrence(c, id, occurrenceStart, changes);
  if (scope === 'following') return editFollowing(c, id, occurrenceStart, changes);
  return editWholeSeries(c, id, occurrenceStart, changes);
}
