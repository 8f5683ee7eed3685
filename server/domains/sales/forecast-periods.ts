// Forecast periods: calendar months, quarters and years, as ISO dates (YYYY-MM-DD), end exclusive.
import type { Period, PeriodType } from './forecast-shape.ts';

export { periodTypes, type Period, type PeriodType } from './forecast-shape.ts';

const monthsIn: Record<PeriodType, number> = { month: 1, quarter: 3, year: 12 };

/** The first day of a month, `offset` months after the month of year/month (0-based month). */
function monthStart(year: number, month: number, offset = 0): string {
  const date = new Date(Date.UTC(year, month + offset, 1));
  return date.toISOString().slice(0, 10);
}

/** The period of a type that contains a date (YYYY-MM-DD). */
export function periodContaining(type: PeriodType, date: string): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1;
  const first = type === 'year' ? 0 : type === 'quarter' ? month - (month % 3) : month;
  const count = monthsIn[type];
  return {
    type,
    start: monthStart(year, first),
    end: monthStart(year, first, count),
    months: Array.from({ length: count }, (_, i) => monthStart(year, first, i)),
  };
}

/** The same period a year earlier (for last year's seasonality). */
export function periodYearBefore(period: Period): Period {
  return periodContaining(period.type, `${Number(period.start.slice(0, 4)) - 1}${period.start.slice(4)}`);
}

/** The Monday (UTC) of the week a moment falls in: the key of a weekly snapshot. */
export function weekOf(moment: Date): string {
  const day = new Date(Date.UTC(moment.getUTCFullYear(), moment.getUTCMonth(), moment.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

/** A date (YYYY-MM-DD) some days after another. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
