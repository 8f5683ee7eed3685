// Checks and conversions of field values that several types share: instants PostgreSQL and
// JavaScript agree on, and the error a type raises for a value it cannot store.
import type { CountryCode } from 'libphonenumber-js';

/** The region of phone numbers written without a country code (stored values and filters alike). */
/** The country assumed for phone numbers written without a `+` prefix (read per call: tests and admins change it). */
export function defaultPhoneRegion(): CountryCode {
  return (process.env.GUANXI_DEFAULT_PHONE_REGION ?? 'CN') as CountryCode;
}

/** A value the type rejects after schema validation (e.g. an unparseable phone number). */
export class FieldValueError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** Whether y-m-d is a real calendar day in the years PostgreSQL and JavaScript both handle (1–9999). */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(y, m, 0); // day 0 of the next month (setUTCFullYear keeps years < 100 as given)
  return d <= lastDay.getUTCDate();
}

const instantPattern = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;
const minInstant = new Date(0).setUTCFullYear(1, 0, 1);
const maxInstant = new Date(0).setUTCFullYear(10000, 0, 1) - 1;

/** Minutes east of UTC of "Z", "+08", "+0800" or "-05:30"; undefined beyond what PostgreSQL takes (±15:59). */
function zoneOffset(zone: string): number | undefined {
  if (zone === 'Z' || zone === 'z') return 0;
  const [hours, minutes] = [Number(zone.slice(1, 3)), Number(zone.slice(3).replace(':', '') || 0)];
  if (hours > 15 || minutes > 59) return undefined;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * Milliseconds since the epoch of an ISO 8601 date or date-time (or PostgreSQL's text form of one; no
 * zone means UTC, the database session's zone), or undefined unless it is a real instant in the years
 * 1–9999 UTC. Date.parse is no judge: it turns 2026-02-30 into March 2nd and knows no leap seconds,
 * PostgreSQL refuses year 0, and a reader cannot print year 10000 as ISO.
 */
export function parseInstant(text: string): number | undefined {
  const m = instantPattern.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const offset = zoneOffset(m[8] ?? 'Z');
  if (!isCalendarDate(y, mo, d) || h > 23 || mi > 59 || s > 60 || offset === undefined) return undefined;
  const fraction = Number(`0.${m[7] ?? 0}`) * 1000;
  const at = new Date(0).setUTCFullYear(y, mo - 1, d) + ((h * 60 + mi - offset) * 60 + s) * 1000 + fraction;
  return at >= minInstant && at <= maxInstant ? at : undefined;
}

/** The format checks let through year 0 and instants past 9999 (a leap second, an offset): refuse them. */
export function checkInstant(value: unknown): unknown {
  if (value !== null && parseInstant(String(value)) === undefined) {
    throw new FieldValueError('out_of_range', `${String(value)} is not a date in the years 1 to 9999`);
  }
  return value;
}

export function trimDecimal(value: string): string {
  // numeric(19,4) prints four decimals; show money with two unless more are significant.
  return value.replace(/^(-?\d+\.\d\d)(\d*?)0*$/, '$1$2');
}
