// Reading an uploaded .ics file into events, with ical.js (a maintained RFC 5545 parser): each VEVENT
// becomes an event of the caller's, its series keeps the RRULE and EXDATEs, and a changed occurrence
// (RECURRENCE-ID) is linked to its series by UID. Times with an IANA TZID are read in that zone with
// the calendar's own zone code; others (UTC, a custom VTIMEZONE, floating) as ical.js converts them.
import ICAL from 'ical.js';
import { invalidField, Problem } from '../../platform/http/problem.ts';
import { parseRule, RuleError } from './recurrence.ts';
import { instantOf, isTimeZone } from './time-zones.ts';

/** One event read from a file, as the values of a new calendarEvents record (before linking). */
export interface ImportedEvent {
  icalUid: string;
  subject: string;
  startAt: string;
  endAt: string;
  timeZone: string;
  location?: string;
  description?: string;
  rrule?: string;
  exdates?: string[];
  /** The original start of the occurrence this one replaces, when it is a changed occurrence. */
  recurrenceId?: string;
  status?: 'cancelled';
}

export const MAX_IMPORT_EVENTS = 1000;

/** The instant a DATE or DATE-TIME property names, and the IANA zone it was written in (when it names one). */
function instantOfProperty(prop: ICAL.Property): { ms: number; zone?: string } {
  const time = prop.getFirstValue() as ICAL.Time;
  const tzid = prop.getParameter('tzid');
  const zone = typeof tzid === 'string' && isTimeZone(tzid) ? tzid : undefined;
  if (zone && !time.isDate)
    return {
      ms: instantOf({ year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second }, zone),
      zone,
    };
  return { ms: time.toUnixTime() * 1000 };
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);

/** Parses iCalendar text into events; 400 naming `file` when it is no calendar or has too many events. */
export function readCalendar(content: string): ImportedEvent[] {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(content) as unknown[]);
  } catch {
    throw invalidField('file', 'calendar_ics', 'This file is not an iCalendar (.ics) file.');
  }
  if (root.name !== 'vcalendar') throw invalidField('file', 'calendar_ics', 'This file is not an iCalendar (.ics) file.');
  const vevents = root.getAllSubcomponents('vevent');
  if (vevents.length > MAX_IMPORT_EVENTS)
    throw invalidField('file', 'calendar_ics', `A file may hold at most ${MAX_IMPORT_EVENTS} events.`);
  return vevents.flatMap((vevent, index): ImportedEvent[] => {
    try {
      return readEvent(vevent, index);
    } catch (error) {
      if (error instanceof Problem) throw error;
      // ical.js reads values lazily and throws plain errors for a bad date or duration.
      throw invalidField(
        'file',
        'calendar_ics',
        `Event ${index + 1} of the file cannot be read: ${String((error as Error)?.message ?? error).slice(0, 200)}`,
      );
    }
  });
}

/** One VEVENT as an event (none when it has no start). */
function readEvent(vevent: ICAL.Component, index: number): ImportedEvent[] {
  const startProp = vevent.getFirstProperty('dtstart');
  if (!startProp) return [];
  const start = instantOfProperty(startProp);
  const endProp = vevent.getFirstProperty('dtend');
  const duration = vevent.getFirstPropertyValue('duration') as ICAL.Duration | null;
  const isAllDay = (startProp.getFirstValue() as ICAL.Time).isDate;
  const end = endProp ? instantOfProperty(endProp).ms : start.ms + (duration ? duration.toSeconds() * 1000 : isAllDay ? 86_400_000 : 0);
  const event: ImportedEvent = {
    icalUid: text(vevent.getFirstPropertyValue('uid'))?.slice(0, 255) ?? `import-${index}-${start.ms}`,
    subject: (text(vevent.getFirstPropertyValue('summary')) ?? '(no subject)').slice(0, 200),
    startAt: new Date(start.ms).toISOString(),
    endAt: new Date(Math.max(end, start.ms)).toISOString(),
    timeZone: start.zone ?? 'UTC',
  };
  const location = text(vevent.getFirstPropertyValue('location'));
  if (location) event.location = location.slice(0, 255);
  const description = text(vevent.getFirstPropertyValue('description'));
  if (description) event.description = description;
  const rrule = vevent.getFirstPropertyValue('rrule') as ICAL.Recur | null;
  if (rrule) {
    const value = rrule.toString();
    try {
      parseRule(value);
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      throw invalidField(
        'file',
        'calendar_ics',
        `The event "${event.subject}" repeats in a way the calendar does not support: ${error.message}`,
      );
    }
    event.rrule = value;
    const exdates = vevent.getAllProperties('exdate').map((p) => new Date(instantOfProperty(p).ms).toISOString());
    if (exdates.length) event.exdates = exdates;
  }
  const recurrenceProp = vevent.getFirstProperty('recurrence-id');
  if (recurrenceProp) event.recurrenceId = new Date(instantOfProperty(recurrenceProp).ms).toISOString();
  if (String(vevent.getFirstPropertyValue('status')).toUpperCase() === 'CANCELLED') event.status = 'cancelled';
  return [event];
}
