// What each field type means: its storage and DDL, its JSON Schema, its values on the way in and
// out, what it references and how it is filtered. Adding a field type is one entry here; the engine
// (ddl.ts, write.ts, filter-sql.ts, columns.ts) asks these entries and never switches on a type name.
import sanitizeHtml from 'sanitize-html';
import { toIsoTimestamp } from '../platform/db/database.ts';
import { checkInstant, defaultPhoneRegion, FieldValueError, trimDecimal } from './field-values.ts';
import { documentFilter, linksFilter, listFilter, literals, scalarFilter, type FilterOps } from './field-filters.ts';
import { nextAutoNumber } from './auto-number.ts';
import { parsePhone } from './phone-parse.ts';
import type { Database } from '../platform/db/index.ts';
import { fieldTypes, type FieldDefinition, type FieldType, type ObjectDefinition } from './types.ts';

export type JsonSchema = Record<string, unknown>;

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
  filter: FilterOps;
  /** Values live in a junction table of links instead of a column (multiLookup). */
  isJunction?: boolean;
  /**
   * Values are ids of records of another object: checked on write (they must exist and be visible),
   * a foreign key, followed by filter paths (`account.city`).
   */
  reference?: {
    targetOf: (field: FieldDefinition) => string | undefined;
    onDelete: 'SET NULL' | 'CASCADE';
    /** The record belongs to the one referenced: read through it, written as part of it, deleted with it. */
    isOwning?: boolean;
  };
  /** Values unique among live records, whatever the definition says. */
  isUnique?: boolean;
  /** Assigns the value at create (clients never send it; the system may). */
  generate?: (db: Database, def: ObjectDefinition, field: FieldDefinition) => Promise<unknown>;
  /** Only definitions in code may use the type, not custom fields (it changes how records behave). */
  isCodeOnly?: boolean;
  /** Reads a value typed as text (an external id in a URL path); the text itself by default. */
  fromText?: (text: string) => unknown;
}

const defaultCurrency = process.env.GUANXI_DEFAULT_CURRENCY ?? 'CNY';
/**
 * What rich text may hold, spelled out rather than left to the library's defaults: formatting,
 * lists, tables and links; no images, scripts, styles, frames, forms or event handlers. A link that
 * opens a new tab cannot reach back to the page that opened it.
 */
const richTextPolicy: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'hr', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 's', 'del', 'sub', 'sup', 'mark',
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'code', 'pre', 'ul', 'ol', 'li',
    'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'a'],
  allowedAttributes: { a: ['href', 'title', 'target', 'rel'], th: ['colspan', 'rowspan'], td: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => {
      const { target, rel: _rel, ...rest } = attribs;
      return { tagName, attribs: target === '_blank' ? { ...rest, target, rel: 'noopener noreferrer' } : rest };
    },
  },
};


// A required text holds at least one visible character: "" or spaces are not a name.
const textSchema = (max: number) => (f: FieldDefinition) => ({
  type: 'string',
  maxLength: f.maxLength ?? max,
  ...(f.isRequired ? { minLength: 1, pattern: '\\S' } : {}),
});
const decimalPattern = '^-?\\d{1,15}(\\.\\d{1,4})?$';
/** An exact decimal amount as text: `1200.50` (at most 15 digits before the point and 4 after). */
const decimalText = { type: 'string', format: 'decimal', pattern: decimalPattern, maxLength: 21 };
const currencyCode = { type: 'string', pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3, description: 'ISO 4217 code' };
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
  text: { columnType: 'text', input: textSchema(255), isOrderable: true, filter: scalarFilter(literals.text, { isTextual: true }) },
  longText: { columnType: 'text', input: textSchema(100_000), isOrderable: false, filter: scalarFilter(literals.text, { isTextual: true }) },
  richText: {
    columnType: 'text',
    input: textSchema(200_000),
    // Stored sanitised so every reader gets safe HTML, whatever it renders with.
    encode: (v) => (v === null ? null : sanitizeHtml(String(v), richTextPolicy)),
    isOrderable: false,
    filter: scalarFilter(literals.text, { isTextual: true }),
  },
  email: {
    columnType: 'text',
    input: () => ({ type: 'string', maxLength: 254, format: 'email' }),
    encode: (v) => (v === null ? null : String(v).trim().toLowerCase()),
    isOrderable: true,
    filter: scalarFilter(literals.email, { isTextual: true }),
  },
  phone: {
    columnType: 'text',
    extraColumn: { suffix: '_original', type: 'text' },
    input: () => ({ type: 'string', format: 'phone', minLength: 3, maxLength: 40, description: 'as typed; without + it is read in the default region' }),
    output: () => ({
      type: 'object',
      required: ['e164', 'original'],
      properties: { e164: { type: 'string', maxLength: 16, pattern: '^\\+[1-9]\\d{1,14}$' }, original: { type: 'string', maxLength: 40 } },
    }),
    encode: (v) => {
      if (v === null) return [null, null];
      const original = String(v).trim();
      const parsed = parsePhone(original, defaultPhoneRegion());
      if (!parsed?.isPossible()) throw new FieldValueError('invalid_phone', `"${original}" is not a phone number`);
      return [parsed.number, original];
    },
    decode: (v, original) => (v === null ? null : { e164: v, original: original ?? v }),
    isOrderable: true,
    filter: scalarFilter(literals.phone, { isTextual: true }),
  },
  url: {
    columnType: 'text',
    input: () => ({ type: 'string', maxLength: 2048, pattern: '^https?://[^\\s]+$' }),
    isOrderable: true,
    filter: scalarFilter(literals.text, { isTextual: true }),
  },
  number: {
    columnType: 'double precision',
    input: () => ({ type: 'number', minimum: -1e15, maximum: 1e15 }),
    decode: toNumber,
    isOrderable: true,
    filter: scalarFilter(literals.double),
    fromText: (text) => Number(text.trim() === '' ? Number.NaN : text),
  },
  currency: {
    columnType: 'numeric(19,4)',
    extraColumn: { suffix: '_currency', type: 'text' },
    // Amounts are decimal strings so no client ever rounds money through a binary float.
    input: () => ({
      anyOf: [
        decimalText,
        moneyNumber,
        {
          type: 'object',
          required: ['amount'],
          additionalProperties: false,
          properties: {
            amount: { anyOf: [decimalText, moneyNumber] },
            currency: currencyCode,
          },
        },
      ],
    }),
    output: () => ({
      type: 'object',
      required: ['amount', 'currency'],
      properties: { amount: decimalText, currency: currencyCode },
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
    filter: scalarFilter(literals.decimal),
  },
  percent: {
    columnType: 'numeric(9,4)',
    input: () => ({ type: 'number', minimum: -1000, maximum: 1000 }),
    decode: toNumber,
    isOrderable: true,
    filter: scalarFilter(literals.decimal),
  },
  date: {
    columnType: 'date',
    input: () => ({ type: 'string', format: 'date' }),
    encode: (v) => checkInstant(v),
    isOrderable: true,
    filter: scalarFilter(literals.date),
  },
  datetime: {
    columnType: 'timestamptz',
    input: () => ({ type: 'string', format: 'date-time' }),
    encode: (v) => checkInstant(v),
    decode: (v) => toIsoTimestamp(v),
    isOrderable: true,
    filter: scalarFilter(literals.datetime),
  },
  boolean: { columnType: 'boolean', input: () => ({ type: 'boolean' }), isOrderable: true, filter: scalarFilter(literals.boolean) },
  select: {
    columnType: 'text',
    input: (f) => ({ type: 'string', enum: optionValues(f) }),
    isOrderable: true,
    filter: scalarFilter(literals.text, { isTextual: true }),
  },
  multiSelect: {
    columnType: 'text[]',
    input: (f) => ({ type: 'array', uniqueItems: true, maxItems: 100, items: { type: 'string', enum: optionValues(f) } }),
    isOrderable: false,
    filter: listFilter,
  },
  // A lookup without a target (a polymorphic "related record") is checked by its module, not here.
  lookup: {
    columnType: 'uuid',
    input: () => ({ type: 'string', format: 'uuid' }),
    isOrderable: true,
    filter: scalarFilter(literals.id),
    reference: { targetOf: (f) => f.target, onDelete: 'SET NULL' },
  },
  owner: {
    columnType: 'uuid',
    input: () => ({ type: 'string', format: 'uuid' }),
    isOrderable: true,
    filter: scalarFilter(literals.id),
    reference: { targetOf: () => 'users', onDelete: 'SET NULL' },
  },
  multiLookup: {
    columnType: '',
    isJunction: true,
    input: () => ({ type: 'array', uniqueItems: true, maxItems: 500, items: { type: 'string', format: 'uuid' } }),
    isOrderable: false,
    filter: linksFilter,
    reference: { targetOf: (f) => f.target, onDelete: 'CASCADE' },
  },
  address: { columnType: 'jsonb', input: () => addressSchema, isOrderable: false, filter: documentFilter },
  tags: {
    columnType: 'text[]',
    input: () => ({ type: 'array', uniqueItems: true, maxItems: 100, items: { type: 'string', minLength: 1, maxLength: 100 } }),
    isOrderable: false,
    filter: listFilter,
  },
  json: { columnType: 'jsonb', input: () => ({}), isOrderable: false, filter: documentFilter },
  autoNumber: {
    columnType: 'text',
    input: () => ({ type: 'string', minLength: 1, maxLength: 100 }),
    isOrderable: true,
    filter: scalarFilter(literals.text, { isTextual: true }),
    isUnique: true,
    generate: (db, def, field) => nextAutoNumber(db, def, field),
    isCodeOnly: true,
  },
  // The record this one belongs to (a quote line's quote): see parentFieldOf in access.ts.
  parent: {
    columnType: 'uuid',
    input: () => ({ type: 'string', format: 'uuid' }),
    isOrderable: true,
    filter: scalarFilter(literals.id),
    reference: { targetOf: (f) => f.target, onDelete: 'CASCADE', isOwning: true },
    isCodeOnly: true,
  },
};

/** The types an administrator may give a custom field. */
export const customFieldTypes = fieldTypes.filter((type) => !codecs[type].isCodeOnly);

/** The codec of a field type. */
export function codecOf(field: FieldDefinition): FieldCodec {
  return codecs[field.type];
}

/** Whether values of the field live in a column of the record's table. */
export function hasColumn(field: FieldDefinition): boolean {
  return !codecOf(field).isJunction;
}

/** The object a field's values point to (lookups, owner), or undefined. */
export function referenceTarget(field: FieldDefinition): string | undefined {
  return codecOf(field).reference?.targetOf(field);
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
