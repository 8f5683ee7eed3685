// Writing iCalendar (RFC 5545) text: the private feed. Own code, since what the feed needs is small:
// escaping (§3.3.11), CRLF lines folded at 75 octets without splitting a UTF-8 character (§3.1), UTC
// times for single events and local times with the IANA TZID for series, so a client repeats a 09:00
// meeting at 09:00 local across DST; each zone used is described in a VTIMEZONE (ics-zones.ts) for
// clients that do not know IANA names.
import type { RecordValues } from '../../records/index.ts';
import { zoneLines } from './ics-zones.ts';
import { wallTimeOf } from './time-zones.ts';

const YEAR_MS = 365 * 86_400_000;
/** How far past the feed's last event start its zones' offset changes are written (endless series go on). */
const ZONE_YEARS_AHEAD = 10;

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds one content line into lines of at most 75 octets, continuation lines starting with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = out.length === 0 ? 75 : 74; // a continuation line's leading space counts
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const two = (n: number) => String(n).padStart(2, '0');
/** An instant as a UTC DATE-TIME (20260309T080000Z). */
export const utcStamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
/** An instant as the wall time it shows in a zone (20260309T090000), for a TZID property. */
function localStamp(ms: number, zone: string): string {
  const w = wallTimeOf(ms, zone);
  return `${w.year}${two(w.month)}${two(w.day)}T${two(w.hour)}${two(w.minute)}${two(w.second)}`;
}

/** The UID of an event in feeds: its imported UID, else one made from its id. */
export const uidOf = (event: RecordValues) => (typeof event.icalUid === 'string' && event.icalUid ? event.icalUid : `${String(event.id)}@guanxi`);

function timeProperty(name: string, ms: number, zone: string, isLocal: boolean): string {
  return isLocal ? `${name};TZID=${zone}:${localStamp(ms, zone)}` : `${name}:${utcStamp(ms)}`;
}

/** The VEVENT lines of one event (a series with its RRULE and EXDATEs, or a changed occurrence with RECURRENCE-ID). */
function eventLines(event: RecordValues, seriesUid: Map<string, string>, now: number): string[] {
  const zone = String(event.timeZone ?? 'UTC');
  const isSeries = typeof event.rrule === 'string' && event.rrule !== '';
  const isLocal = (isSeries || Boolean(event.recurrenceParentId)) && zone !== 'UTC';
  const parentUid = event.recurrenceParentId ? seriesUid.get(String(event.recurrenceParentId)) : undefined;
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(parentUid ?? uidOf(event))}`,
    `DTSTAMP:${utcStamp(now)}`,
    timeProperty('DTSTART', Date.parse(String(event.startAt)), zone, isLocal),
    timeProperty('DTEND', Date.parse(String(event.endAt)), zone, isLocal),
    `SUMMARY:${escapeText(String(event.subject ?? ''))}`,
  ];
  if (parentUid && event.recurrenceId) lines.push(timeProperty('RECURRENCE-ID', Date.parse(String(event.recurrenceId)), zone, isLocal));
  if (isSeries) lines.push(`RRULE:${String(event.rrule)}`);
  for (const d of Array.isArray(event.exdates) ? event.exdates : []) lines.push(timeProperty('EXDATE', Date.parse(String(d)), zone, isLocal));
  if (event.location) lines.push(`LOCATION:${escapeText(String(event.location))}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(String(event.description))}`);
  lines.push(`STATUS:${event.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`);
  if (event.type) lines.push(`CATEGORIES:${escapeText(String(event.type).toUpperCase())}`);
  if (event.updatedAt) lines.push(`LAST-MODIFIED:${utcStamp(Date.parse(String(event.updatedAt)))}`);
  lines.push('END:VEVENT');
  return lines;
}

/** The VTIMEZONEs of the zones the events are written in (series and changed occurrences in a zone other than UTC). */
function zonesOf(events: RecordValues[], now: number): string[] {
  const local = events.filter((e) => (Boolean(e.rrule) || Boolean(e.recurrenceParentId)) && e.timeZone && e.timeZone !== 'UTC');
  if (local.length === 0) return [];
  const starts = local.map((e) => Date.parse(String(e.startAt)));
  const from = Math.min(...starts) - 86_400_000;
  const to = Math.max(now, ...starts) + ZONE_YEARS_AHEAD * YEAR_MS;
  return [...new Set(local.map((e) => String(e.timeZone)))].toSorted().flatMap((zone) => zoneLines(zone, from, to));
}

/** A whole VCALENDAR of events, as the text a calendar client subscribes to. */
export function writeCalendar(events: RecordValues[], options: { name: string; now: number }): string {
  // A changed occurrence shares its series' UID; a changed occurrence whose series is not listed stands alone.
  const seriesUid = new Map(events.filter((e) => typeof e.rrule === 'string' && e.rrule !== '').map((e) => [String(e.id), uidOf(e)]));
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Guanxi CRM//Calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
    ...zonesOf(events, options.now),
    ...events.flatMap((e) => eventLines(e, seriesUid, options.now)),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
