// Calendar arithmetic in the browser's local time: the days a view shows, an occurrence's place in
// them, and the local `datetime-local` text of an instant. Plain functions, tested on their own.

export type CalendarView = 'day' | 'week' | 'month';

const DAY_MS = 86_400_000;

/** Local midnight of the day an instant falls on. */
export function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/** The same local time `n` days later (calendar days, so a DST change does not shift it). */
export function addDays(date: Date, n: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + n, date.getHours(), date.getMinutes());
}

/** Local midnight of the Monday of the week a date is in. */
export function startOfWeek(date: Date): Date {
  const day = startOfDay(date);
  return addDays(day, -((day.getDay() + 6) % 7));
}

/** The days a view shows around `anchor`: one, a Monday-to-Sunday week, or the whole weeks covering its month. */
export function daysOf(view: CalendarView, anchor: Date): Date[] {
  if (view === 'day') return [startOfDay(anchor)];
  if (view === 'week') return Array.from({ length: 7 }, (_, i) => addDays(startOfWeek(anchor), i));
  const first = new Date(anchor.getFullYear(), anchor.getMonth(), 1);
  const last = new Date(anchor.getFullYear(), anchor.getMonth() + 1, 0);
  const start = startOfWeek(first);
  const weeks = Math.ceil((Math.round((startOfDay(last).getTime() - start.getTime()) / DAY_MS) + 1) / 7);
  return Array.from({ length: weeks * 7 }, (_, i) => addDays(start, i));
}

/** The anchor one step before or after (a day, a week or a month). */
export function step(view: CalendarView, anchor: Date, direction: 1 | -1): Date {
  if (view === 'day') return addDays(anchor, direction);
  if (view === 'week') return addDays(anchor, 7 * direction);
  return new Date(anchor.getFullYear(), anchor.getMonth() + direction, 1);
}

/** Whether an occurrence [start, end) touches a local day. */
export function isOnDay(startIso: string, endIso: string, day: Date): boolean {
  const from = startOfDay(day).getTime();
  const to = addDays(startOfDay(day), 1).getTime();
  const start = Date.parse(startIso);
  const end = Date.parse(endIso);
  return start < to && (end > from || (end === start && start >= from));
}

/** The local day as a key (YYYY-MM-DD), e.g. for list keys and test ids. */
export function dayKey(day: Date): string {
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

/** An instant as the text of a `datetime-local` input (local time, minutes). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  return `${dayKey(d)}T${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** The instant a `datetime-local` text names in the browser's zone; null when it is empty or not a time. */
export function fromLocalInput(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(text);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])).toISOString();
}

export type Repeat = 'none' | 'daily' | 'weekdays' | 'weekly' | 'monthly' | 'yearly';

/** The RRULE of a repeat choice, ending after `count` occurrences when given. */
export function ruleOf(repeat: Repeat, count: number | null): string | null {
  const base = { none: null, daily: 'FREQ=DAILY', weekdays: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', weekly: 'FREQ=WEEKLY', monthly: 'FREQ=MONTHLY', yearly: 'FREQ=YEARLY' }[repeat];
  return base && count ? `${base};COUNT=${count}` : base;
}

/** The repeat choice and count an RRULE shows as ('weekly' for a rule the form cannot show exactly). */
export function repeatOf(rule: string | null | undefined): { repeat: Repeat; count: number | null } {
  if (!rule) return { repeat: 'none', count: null };
  const count = /COUNT=(\d+)/.exec(rule)?.[1];
  const freq = /FREQ=(\w+)/.exec(rule)?.[1];
  const repeat: Repeat = freq === 'DAILY' ? 'daily' : freq === 'MONTHLY' ? 'monthly' : freq === 'YEARLY' ? 'yearly' : rule.includes('BYDAY=MO,TU,WE,TH,FR') ? 'weekdays' : 'weekly';
  return { repeat, count: count ? Number(count) : null };
}
