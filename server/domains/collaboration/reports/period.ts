// Report periods in the author's time zone. A period is a run of calendar days (one for a daily report,
// Monday to Sunday for a weekly one); its bounds as instants are the midnights of that zone, found with
// Intl (the zone's offset at the moment, so daylight-saving changes move the instants, not the days).
import type { ReportKind } from './report-shape.ts';

export type { ReportKind } from './report-shape.ts';

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows the zone (a user's stored zone could be anything). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterOf(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of an instant in a zone. */
function wallClock(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(formatterOf(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

/** A wall-clock time read as UTC, in ms (setUTCFullYear, not Date.UTC: the latter reads years 0–99 as 1900–1999). */
function utcOf(year: number, month: number, day: number, hour: number, minute: number, second = 0): number {
  const at = new Date(Date.UTC(2000, 0, 1, hour, minute, second));
  at.setUTCFullYear(year, month - 1, day);
  return at.getTime();
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  return utcOf(w.year, w.month, w.day, w.hour, w.minute, w.second) - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The calendar day (YYYY-MM-DD) an instant falls on in a zone. */
export function localDate(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** The instant a wall-clock time ("HH:mm") on a day has in a zone. */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const asUtc = utcOf(y, m, d, hh, mm);
  // Twice: the offset at the first guess may differ from the offset at the answer around a DST change.
  let instant = asUtc - offsetAt(new Date(asUtc), timeZone);
  instant = asUtc - offsetAt(new Date(instant), timeZone);
  return new Date(instant);
}

/** A calendar day moved by whole days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export interface Period {
  kind: ReportKind;
  /** First and last calendar day, inclusive. */
  start: string;
  end: string;
  /** The first instant of the period and the first instant after it, in the zone. */
  from: Date;
  to: Date;
}

/** The period of a kind that holds a calendar day, with its instants in a zone. */
export function periodOf(kind: ReportKind, date: string, timeZone: string): Period {
  const start = kind === 'daily' ? date : addDays(date, 1 - weekdayOf(date));
  const end = kind === 'daily' ? start : addDays(start, 6);
  return { kind, start, end, from: zonedInstant(start, '00:00', timeZone), to: zonedInstant(addDays(end, 1), '00:00', timeZone) };
}

/** The period of a kind that holds an instant, in the author's zone. */
export function periodAt(kind: ReportKind, now: Date, timeZone: string): Period {
  return periodOf(kind, localDate(now, timeZone), timeZone);
}

/** When a period's report is due: the deadline time on its day (daily) or on the template's weekday (weekly). */
export function deadlineOf(period: Period, deadlineTime: string, deadlineWeekday: number, timeZone: string): Date {
  const day = period.kind === 'daily' ? period.start : addDays(period.start, Math.min(Math.max(Math.trunc(deadlineWeekday), 1), 7) - 1);
  return zonedInstant(day, deadlineTime, timeZone);
}
