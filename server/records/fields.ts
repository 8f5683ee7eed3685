// What each field type means in the database, in JSON Schema and on the way in and out.
// Adding a field type is one entry here.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import sanitizeHtml from 'sanitize-html';
import { toIsoTimestamp } from '../platform/db/database.ts';
import type { FieldDefinition, FieldType } from './types.ts';

export type JsonSchema = Record<string, unknown>;

/** A value the type rejects after schema validation (e.g. an unparseable phone number). */
export class FieldValueError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

interface FieldCodec {
  /** Column type(s); currency and phone keep a second column (`<col>_currency`, `<col>_original`). */
  columnType: string;
  extraColumn?: { suffix: string; type: string };
  /** Schema of the value clients send. */
  input: (field: FieldDefinition) => JsonSchema;
  /** Schema of the value clients receive (defaults to input). */
  output?: (field: FieldDefinition) => JsonSchema;
  /** Turns a validated input into column value(s). */
  encode?: (value: unknown, field: FieldDefinition) => unknown | [unknown, unknown];
  /** Turns column value(s) into the API value. */
  decode?: (value: unknown, extra: unknown) => unknown;
  /** Can be compared with lt/gt and sorted. */
  isOrderable: boolean;
}

const defaultCurrency = process.env.GUANXI_DEFAULT_CURRENCY ?? 'CNY';
const defaultRegion = (process.env.GUANXI_DEFAULT_PHONE_REGION ?? 'CN') as CountryCode;

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

const textSchema = (max: number) => (f: FieldDefinition) => ({ type: 'string', maxLength: f.maxLength ?? max });
const decimalPattern = '^-?\\d{1,15}(\\.\\d{1,4})?$';
// numeric(19,4) holds 15 digits before the point: 1e15 itself does not fit.
const moneyNumber = { type: 'number', exclusiveMinimum: -1e15, exclusiveMaximum: 1e15 };
const toNumber = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const optionValues = (f: FieldDefinition) => (f.options ?? []).map((o) => o.value);

const addressSchema = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(
    ['street', 'city', 'province', 'postalCode', 'country'].map((k) => [k, { type: 'string', maxLength: 500 }]),
  ),
};

const codecs: Record<FieldType, FieldCodec> = {
  text: { columnType: 'text', input: textSchema(255), isOrderable: true },
  longText: { columnType: 'text', input: textSchema(100_000), isOrderable: false },
  richText: {
    columnType: 'text',
    input: textSchema(200_000),
    // Stored sanitised so every reader gets safe HTML, whatever it renders with.
    encode: (v) => (v === null ? null : sanitizeHtml(String(v))),
    isOrderable: false,
  },
  email: {
    columnType: 'text',
    input: () => ({ type: 'string', maxLength: 254, format: 'email' }),
    encode: (v) => (v === null ? null : String(v).trim().toLowerCase()),
    isOrderable: true,
  },
  phone: {
    columnType: 'text',
    extraColumn: { suffix: '_original', type: 'text' },
    input: () => ({ type: 'string', minLength: 3, maxLength: 40 }),
    output: () => ({
      type: 'object',
      properties: { e164: { type: 'string' }, original: { type: 'string' } },
    }),
    encode: (v) => {
      if (v === null) return [null, null];
      const original = String(v).trim();
      const parsed = parsePhoneNumberFromString(original, defaultRegion);
      if (!parsed?.isPossible()) throw new FieldValueError('invalid_phone', `"${original}" is not a phone number`);
      return [parsed.number, original];
    },
    decode: (v, original) => (v === null ? null : { e164: v, original: original ?? v }),
    isOrderable: true,
  },
  url: {
    columnType: 'text',
    input: () => ({ type: 'string', maxLength: 2048, pattern: '^https?://[^\\s]+$' }),
    isOrderable: true,
  },
  number: {
    columnType: 'double precision',
    input: () => ({ type: 'number', minimum: -1e15, maximum: 1e15 }),
    decode: toNumber,
    isOrderable: true,
  },
  currency: {
    columnType: 'numeric(19,4)',
    extraColumn: { suffix: '_currency', type: 'text' },
    // Amounts are decimal strings so no client ever rounds money through a binary float.
    input: () => ({
      anyOf: [
        { type: 'string', pattern: decimalPattern },
        moneyNumber,
        {
          type: 'object',
          required: ['amount'],
          additionalProperties: false,
          properties: {
            amount: { anyOf: [{ type: 'string', pattern: decimalPattern }, moneyNumber] },
            currency: { type: 'string', pattern: '^[A-Z]{3}$' },
          },
        },
      ],
    }),
    output: () => ({
      type: 'object',
      properties: { amount: { type: 'string' }, currency: { type: 'string' } },
    }),
    encode: (v) => {
      if (v === null) return [null, null];
      const money = typeof v === 'object' ? (v as { amount: unknown; currency?: string }) : { amount: v };
      const amount = typeof money.amount === 'number' ? money.amount.toFixed(4) : String(money.amount);
      return [amount, money.currency ?? defaultCurrency];
    },
    decode: (v, currency) =>
      v === null ? null : { amount: trimDecimal(String(v)), currency: currency ?? defaultCurrency },
    isOrderable: true,
  },
  percent: {
    columnType: 'numeric(9,4)',
    input: () => ({ type: 'number', minimum: -1000, maximum: 1000 }),
    decode: toNumber,
    isOrderable: true,
  },
  date: {
    columnType: 'date',
    input: () => ({ type: 'string', format: 'date' }),
    encode: (v) => checkInstant(v),
    isOrderable: true,
  },
  datetime: {
    columnType: 'timestamptz',
    input: () => ({ type: 'string', format: 'date-time' }),
    encode: (v) => checkInstant(v),
    decode: (v) => toIsoTimestamp(v),
    isOrderable: true,
  },
  boolean: { columnType: 'boolean', input: () => ({ type: 'boolean' }), isOrderable: true },
  select: {
    columnType: 'text',
    input: (f) => ({ type: 'string', enum: optionValues(f) }),
    isOrderable: true,
  },
  multiSelect: {
    columnType: 'text[]',
    input: (f) => ({ type: 'array', uniqueItems: true, maxItems: 100, items: { type: 'string', enum: optionValues(f) } }),
    isOrderable: false,
  },
  lookup: { columnType: 'uuid', input: () => ({ type: 'string', format: 'uuid' }), isOrderable: true },
  owner: { columnType: 'uuid', input: () => ({ type: 'string', format: 'uuid' }), isOrderable: true },
  // Stored in a junction table, not a column: see ddl.ts and service.ts.
  multiLookup: {
    columnType: '',
    input: () => ({ type: 'array', uniqueItems: true, maxItems: 500, items: { type: 'string', format: 'uuid' } }),
    isOrderable: false,
  },
  address: { columnType: 'jsonb', input: () => addressSchema, isOrderable: false },
  tags: {
    columnType: 'text[]',
    input: () => ({ type: 'array', uniqueItems: true, maxItems: 100, items: { type: 'string', minLength: 1, maxLength: 100 } }),
    isOrderable: false,
  },
  json: { columnType: 'jsonb', input: () => ({}), isOrderable: false },
};

/** The format checks let through year 0 and instants past 9999 (a leap second, an offset): refuse them. */
function checkInstant(value: unknown): unknown {
  if (value !== null && parseInstant(String(value)) === undefined) {
    throw new FieldValueError('out_of_range', `${String(value)} is not a date in the years 1 to 9999`);
  }
  return value;
}

function trimDecimal(value: string): string {
  // numeric(19,4) prints four decimals; show money with two unless more are significant.
  return value.replace(/^(-?\d+\.\d\d)(\d*?)0*$/, '$1$2');
}

/** The codec of a field type. */
export function codecOf(field: FieldDefinition): FieldCodec {
  return codecs[field.type];
}

/** Whether values of the field live in a column of the record's table. */
export function hasColumn(field: FieldDefinition): boolean {
  return field.type !== 'multiLookup';
}

/** JSON Schema of the value a client sends for this field (nullable unless required). */
export function inputSchemaOf(field: FieldDefinition): JsonSchema {
  const schema = codecOf(field).input(field);
  return field.isRequired ? schema : { anyOf: [schema, { type: 'null' }] };
}

/** JSON Schema of the value a client receives for this field. */
export function outputSchemaOf(field: FieldDefinition): JsonSchema {
  const codec = codecOf(field);
  const schema = codec.output ? codec.output(field) : codec.input(field);
  return { anyOf: [schema, { type: 'null' }] };
}
