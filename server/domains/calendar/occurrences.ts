// The occurrences in a time window: the events a caller may read (through the records engine, so access
// and field security are the engine's), single ones as they are and each series expanded in its own
// time zone, without its removed occurrences (`exdates`) and those replaced by a changed occurrence
// (an event of its own, listed like a single one).
import { listRecords, type Caller, type RecordValues } from '../../records/index.ts';
import { MAX_EVENT_MS } from './event-hooks.ts';
import { expandRule, parseRule } from './recurrence.ts';
import type { Occurrence } from './calendar-shape.ts';

export type { Occurrence } from './calendar-shape.ts';

export const occurrenceFields = 'subject,type,status,startAt,endAt,timeZone,location,ownerId,relatedObject,relatedId,rrule,exdates,recurrenceParentId,recurrenceId';
const PAGE = 500;
/** Events read for one window at most: a window this full is a mistake, not a calendar. */
const MAX_EVENTS = 20_000;

const iso = (ms: number) => new Date(ms).toISOString();
const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** Reads every page of a list (the engine's pages are at most 500 records). */
async function readAll(c: Caller, filter: string, fields: string): Promise<RecordValues[]> {
  const all: RecordValues[] = [];
  let cursor: string | undefined;
  do {
    const page = await listRecords(c, 'calendarEvents', { filter, fields, sort: 'startAt', limit: PAGE, ...(cursor ? { cursor } : {}) });
    all.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && all.length < MAX_EVENTS);
  return all;
}

/** Whose events: those owned by the given users, or (no users) those the caller organises, attends or is cc'd on. */
export function whoseFilter(c: Caller, userIds: string[] | undefined): string {
  if (userIds && userIds.length > 0) return `ownerId in (${userIds.map(quote).join(', ')})`;
  const me = quote(c.ctx.userId);
  return `(ownerId eq ${me} or attendeeUserIds eq ${me} or ccUserIds eq ${me})`;
}

/**
 * The window's two reads, each one index range: single events overlapping it (their start is at most
 * 14 days before it), and series that have begun and not ended before it. Two reads rather than one
 * with an OR, which the planner cannot answer from the start index alone.
 */
export function windowFilters(from: number, to: number): [singles: string, series: string] {
  return [
    `startAt gte '${iso(from - MAX_EVENT_MS)}' and startAt lt '${iso(to)}' and endAt gte '${iso(from)}' and seriesEndAt isNull`,
    `seriesEndAt gte '${iso(from)}' and startAt lt '${iso(to)}'`,
  ];
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);
// The engine answers instants as `2031-03-18T02:00:00.000Z`; such a text is used as it is (a week of a
// team is a thousand of them, and each toISOString costs).
const isoOf = (stored: unknown, ms: number) => (typeof stored === 'string' && stored.length === 24 && stored.endsWith('Z') ? stored : iso(ms));
const byStart = (a: Occurrence, b: Occurrence) => (a.startAt < b.startAt ? -1 : a.startAt > b.startAt ? 1 : a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0);

function occurrenceOf(event: RecordValues, startMs: number, endMs: number, occurrenceStart: number | null): Occurrence {
  const isStored = occurrenceStart === null;
  return {
    eventId: String(event.id),
    occurrenceStart: occurrenceStart === null ? str(event.recurrenceId) : iso(occurrenceStart),
    seriesId: str(event.recurrenceParentId),
    isRecurring: occurrenceStart !== null || Boolean(event.recurrenceParentId),
    startAt: isStored ? isoOf(event.startAt, startMs) : iso(startMs),
    endAt: isStored ? isoOf(event.endAt, endMs) : iso(endMs),
    subject: String(event.subject ?? ''),
    type: String(event.type ?? 'other'),
    status: String(event.status ?? 'planned'),
    location: str(event.location),
    ownerId: String(event.ownerId),
    relatedObject: str(event.relatedObject),
    relatedId: str(event.relatedId),
    timeZone: String(event.timeZone ?? 'UTC'),
  };
}

/** The occurrences of one event that overlap [from, to), without `skip` (original starts, ms). */
export function occurrencesOf(event: RecordValues, from: number, to: number, skip: ReadonlySet<number> = new Set()): Occurrence[] {
  const start = Date.parse(String(event.startAt));
  const duration = Date.parse(String(event.endAt)) - start;
  const overlaps = (s: number) => s < to && (s + duration > from || (duration === 0 && s >= from));
  if (typeof event.rrule !== 'string' || event.rrule === '') return overlaps(start) ? [occurrenceOf(event, start, start + duration, null)] : [];
  const removed = new Set([...skip, ...(Array.isArray(event.exdates) ? event.exdates.map((d) => Date.parse(String(d))) : [])]);
  return expandRule(parseRule(event.rrule), start, String(event.timeZone ?? 'UTC'), from - duration, to)
    .filter((s) => overlaps(s) && !removed.has(s))
    .map((s) => occurrenceOf(event, s, s + duration, s));
}

/** The occurrences in [from, to) of the events the caller may read, of the given users (or the caller's own). */
export async function listOccurrences(c: Caller, window: { from: number; to: number; userIds?: string[] }): Promise<Occurrence[]> {
  const whose = whoseFilter(c, window.userIds);
  const events: RecordValues[] = [];
  for (const filter of windowFilters(window.from, window.to)) events.push(...(await readAll(c, `${whose} and ${filter}`, occurrenceFields)));
  const seriesIds = events.filter((e) => typeof e.rrule === 'string' && e.rrule !== '').map((e) => String(e.id));
  // Occurrences replaced by a changed one are skipped, wherever the changed one was moved to.
  const replaced = new Map<string, Set<number>>();
  for (let i = 0; i < seriesIds.length; i += PAGE) {
    const ids = seriesIds.slice(i, i + PAGE);
    for (const child of await readAll(c, `recurrenceParentId in (${ids.map(quote).join(', ')})`, 'recurrenceParentId,recurrenceId')) {
      const parent = String(child.recurrenceParentId);
      if (!replaced.has(parent)) replaced.set(parent, new Set());
      replaced.get(parent)!.add(Date.parse(String(child.recurrenceId)));
    }
  }
  return events
    .flatMap((event) => occurrencesOf(event, window.from, window.to, replaced.get(String(event.id))))
    .toSorted(byStart);
}
