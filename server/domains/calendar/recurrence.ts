// Recurrence rules (RFC 5545 RRULE), the subset the calendar supports, expanded in the organiser's time
// zone: FREQ (DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL, COUNT, UNTIL, BYDAY (weekdays; with an ordinal
// such as 2MO or -1FR in monthly and yearly rules), BYMONTHDAY, BYMONTH and WKST=MO. Anything else is
// refused when the event is saved, so a rule is never half-understood. Own code rather than a library:
// rrule.js computes in UTC or floating time (a 09:00 meeting drifts by an hour across DST), and the
// Temporal-based ones need a polyfill; this subset is small and every step is written out below.
import { instantOf, wallTimeOf, type WallTime } from './time-zones.ts';

const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const frequencies = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
type Frequency = (typeof frequencies)[number];

/** A parsed rule. Weekdays are 0 = Monday … 6 = Sunday. */
export interface RecurrenceRule {
  freq: Frequency;
  interval: number;
  count?: number;
  /** The last instant an occurrence may start at (UNTIL), ms. */
  until?: number;
  byDay?: Array<{ weekday: number; ordinal?: number }>;
  byMonthDay?: number[];
  byMonth?: number[];
}

/** A rule that cannot be used, with a sentence saying which part. */
export class RuleError extends Error {}

function integers(value: string, min: number, max: number, part: string): number[] {
  return value.split(',').map((item) => {
    const n = Number(item);
    if (!Number.isInteger(n) || n < min || n > max || n === 0) throw new RuleError(`${part}=${item} is out of range.`);
    return n;
  });
}

function parseUntil(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(value);
  if (!m) throw new RuleError('UNTIL is a date such as 20261231 or 20261231T235959Z.');
  const [, y, mo, d, h = '23', mi = '59', s = '59'] = m;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
}

/** Reads an RRULE value (without the "RRULE:" prefix); throws RuleError naming the part it cannot use. */
export function parseRule(text: string): RecurrenceRule {
  const parts = new Map<string, string>();
  for (const item of text.replace(/^RRULE:/i, '').trim().split(';')) {
    const [key, value] = item.split('=');
    if (!key || value === undefined || value === '') throw new RuleError(`"${item.slice(0, 40)}" is not a KEY=VALUE part.`);
    parts.set(key.toUpperCase(), value.toUpperCase());
  }
  const freq = parts.get('FREQ') as Frequency | undefined;
  if (!freq || !frequencies.includes(freq)) throw new RuleError('FREQ is DAILY, WEEKLY, MONTHLY or YEARLY.');
  const rule: RecurrenceRule = { freq, interval: 1 };
  for (const [key, value] of parts) {
    if (key === 'FREQ') continue;
    else if (key === 'INTERVAL') rule.interval = integers(value, 1, 1000, key)[0]!;
    else if (key === 'COUNT') rule.count = integers(value, 1, 5000, key)[0]!;
    else if (key === 'UNTIL') rule.until = parseUntil(value);
    else if (key === 'BYMONTHDAY') rule.byMonthDay = integers(value, -31, 31, key);
    else if (key === 'BYMONTH') rule.byMonth = integers(value, 1, 12, key);
    else if (key === 'WKST' && value === 'MO') continue;
    else if (key === 'BYDAY') {
      rule.byDay = value.split(',').map((item) => {
        const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(item);
        if (!m) throw new RuleError(`BYDAY=${item} is not a weekday such as MO or 2MO.`);
        const ordinal = m[1] === undefined ? undefined : Number(m[1]);
        if (ordinal !== undefined && (ordinal === 0 || Math.abs(ordinal) > 5)) throw new RuleError(`BYDAY=${item} is out of range.`);
        if (ordinal !== undefined && (freq === 'DAILY' || freq === 'WEEKLY')) throw new RuleError('A weekday with a number (2MO) needs FREQ=MONTHLY or YEARLY.');
        return { weekday: weekdays.indexOf(m[2] as (typeof weekdays)[number]), ...(ordinal === undefined ? {} : { ordinal }) };
      });
    } else throw new RuleError(`${key} is not supported.`);
  }
  if (rule.count !== undefined && rule.until !== undefined) throw new RuleError('Use COUNT or UNTIL, not both.');
  return rule;
}

/** Writes a rule back as an RRULE value (the canonical order). */
export function formatRule(rule: RecurrenceRule): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.count !== undefined) parts.push(`COUNT=${rule.count}`);
  if (rule.until !== undefined) parts.push(`UNTIL=${new Date(rule.until).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`);
  if (rule.byDay) parts.push(`BYDAY=${rule.byDay.map((d) => `${d.ordinal ?? ''}${weekdays[d.weekday]}`).join(',')}`);
  if (rule.byMonthDay) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(',')}`);
  if (rule.byMonth) parts.push(`BYMONTH=${rule.byMonth.join(',')}`);
  return parts.join(';');
}

// Plain calendar dates as day numbers (days since 1970-01-01), so stepping days never meets a DST hour.
const dayNumber = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;
const dateOf = (n: number) => {
  const d = new Date(n * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};
const weekdayOf = (n: number) => (((n + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday (3)
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The days of one month a monthly (or yearly, per month) rule picks; `fallbackDay` when it names none. */
function daysInMonthFor(rule: RecurrenceRule, y: number, m: number, fallbackDay: number): number[] {
  const length = daysInMonth(y, m);
  const first = dayNumber(y, m, 1);
  let days: number[];
  if (rule.byMonthDay) {
    days = rule.byMonthDay.map((d) => (d > 0 ? d : length + d + 1)).filter((d) => d >= 1 && d <= length);
  } else if (rule.byDay) {
    days = [];
    for (const { weekday, ordinal } of rule.byDay) {
      const matching = Array.from({ length }, (_, i) => i + 1).filter((d) => weekdayOf(first + d - 1) === weekday);
      if (ordinal === undefined) days.push(...matching);
      else {
        const pick = ordinal > 0 ? matching[ordinal - 1] : matching[matching.length + ordinal];
        if (pick !== undefined) days.push(pick);
      }
    }
  } else {
    // RFC 5545: a monthly rule from the 31st skips months without a 31st.
    days = fallbackDay <= length ? [fallbackDay] : [];
  }
  return [...new Set(days)].toSorted((a, b) => a - b).map((d) => first + d - 1);
}

/** The candidate days (day numbers, ascending) of the `k`-th period of a rule started on `start`. */
function periodDays(rule: RecurrenceRule, start: { year: number; month: number; day: number }, k: number): number[] {
  const startDay = dayNumber(start.year, start.month, start.day);
  const step = k * rule.interval;
  const inMonths = (d: number) => !rule.byMonth || rule.byMonth.includes(dateOf(d).month);
  switch (rule.freq) {
    case 'DAILY': {
      const day = startDay + step;
      const ok = inMonths(day) && (!rule.byDay || rule.byDay.some((b) => b.weekday === weekdayOf(day)));
      const dom = dateOf(day).day;
      return ok && (!rule.byMonthDay || rule.byMonthDay.includes(dom)) ? [day] : [];
    }
    case 'WEEKLY': {
      const monday = startDay - weekdayOf(startDay) + 7 * step;
      const picked = rule.byDay ? rule.byDay.map((b) => b.weekday) : [weekdayOf(startDay)];
      return [...new Set(picked)].toSorted((a, b) => a - b).map((w) => monday + w).filter(inMonths);
    }
    case 'MONTHLY': {
      const index = start.year * 12 + (start.month - 1) + step;
      const y = Math.floor(index / 12);
      const m = (index % 12) + 1;
      return rule.byMonth && !rule.byMonth.includes(m) ? [] : daysInMonthFor(rule, y, m, start.day);
    }
    case 'YEARLY': {
      const y = start.year + step;
      const months = rule.byMonth ?? [start.month];
      return months.toSorted((a, b) => a - b).flatMap((m) => daysInMonthFor(rule, y, m, start.day));
    }
  }
}

/** One occurrence: when it starts, ms since the epoch (UTC). */
export type OccurrenceStart = number;

/** How many periods are walked at most: a daily rule over ~270 years, so no rule can loop for ever. */
const MAX_PERIODS = 100_000;

/**
 * The first period worth walking for a window starting on `fromDay`: a rule without COUNT need not
 * count its earlier occurrences, so a weekly meeting begun years ago costs a week view a few steps.
 */
function firstPeriod(rule: RecurrenceRule, start: { year: number; month: number; day: number }, fromDay: number): number {
  if (rule.count !== undefined) return 0;
  const startDay = dayNumber(start.year, start.month, start.day);
  const from = dateOf(fromDay);
  const periods = {
    DAILY: (fromDay - startDay) / rule.interval,
    WEEKLY: (fromDay - (startDay - weekdayOf(startDay))) / (7 * rule.interval),
    MONTHLY: (from.year * 12 + from.month - (start.year * 12 + start.month)) / rule.interval,
    YEARLY: (from.year - start.year) / rule.interval,
  }[rule.freq];
  return Math.max(0, Math.floor(periods) - 1);
}

/**
 * The starts of a series' occurrences that begin before `to` and on or after `from` (ms), in order.
 * The series begins at `dtstart` and repeats the wall time it shows in `zone`. COUNT counts from the
 * first occurrence (DTSTART is always one), so such a walk starts there whatever the window; days well
 * inside (neither near DTSTART nor near the window) are only counted, not converted to instants.
 */
export function expandRule(rule: RecurrenceRule, dtstart: number, zone: string, from: number, to: number): OccurrenceStart[] {
  const wall = wallTimeOf(dtstart, zone);
  const startDay = dayNumber(wall.year, wall.month, wall.day);
  // Two days either side: no zone is more than 14 hours from UTC.
  const fromDay = Math.floor(from / 86_400_000) - 2;
  const untilDay = rule.until === undefined ? Infinity : Math.floor(rule.until / 86_400_000) - 2;
  const result: number[] = [];
  let counted = 0;
  for (let k = firstPeriod(rule, wall, fromDay); k < MAX_PERIODS; k++) {
    for (const day of periodDays(rule, wall, k)) {
      if (day < startDay) continue;
      if (day > startDay + 1 && day < fromDay && day < untilDay) {
        // Surely after DTSTART, before the window and before UNTIL: it only counts.
        counted++;
        if (rule.count !== undefined && counted >= rule.count) return result;
        continue;
      }
      const at = instantOf({ ...dateOf(day), hour: wall.hour, minute: wall.minute, second: wall.second } satisfies WallTime, zone);
      if (at < dtstart) continue;
      if (rule.until !== undefined && at > rule.until) return result;
      if (at >= to) return result;
      counted++;
      if (at >= from) result.push(at);
      if (rule.count !== undefined && counted >= rule.count) return result;
    }
  }
  return result;
}

/** The start of a finite series' last occurrence (ms), or null when it repeats for ever. */
export function lastOccurrence(rule: RecurrenceRule, dtstart: number, zone: string): number | null {
  if (rule.count === undefined && rule.until === undefined) return null;
  const all = expandRule(rule, dtstart, zone, dtstart, rule.until === undefined ? 8.64e15 : rule.until + 1);
  return all.at(-1) ?? dtstart;
}
