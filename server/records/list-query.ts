// Sorting and keyset pagination. The cursor carries the last row's sort values, so page 1,000 costs
// what page 1 costs: an index range scan from that point, never an OFFSET.
import { sql, type SQL } from 'drizzle-orm';
import { invalidField } from '../platform/http/problem.ts';
import { columnRef, fieldByName, isNotNullColumn } from './columns.ts';
import { codecOf } from './fields.ts';
import { parseInstant } from './field-values.ts';
import { isUuid } from '../platform/ids.ts';
import type { FieldDefinition, ObjectDefinition } from './types.ts';

export interface SortKey {
  field: FieldDefinition;
  isDescending: boolean;
}

const MAX_SORT_KEYS = 5;
const idField = fieldByName({ fields: [] } as unknown as ObjectDefinition, 'id')!;

/** Parses `sort=-amount,name`; the id is always appended as the final tie-breaker. */
export function parseSort(def: ObjectDefinition, sort: string | undefined, checkField?: (f: FieldDefinition) => void): SortKey[] {
  const parts = (sort ?? '-createdAt').split(',').map((s) => s.trim()).filter(Boolean);
  if (parts.length > MAX_SORT_KEYS) throw invalidField('sort', 'too_many', `Sort by at most ${MAX_SORT_KEYS} fields.`);
  const keys: SortKey[] = [];
  for (const part of parts) {
    const isDescending = part.startsWith('-');
    const name = part.replace(/^[-+]/, '');
    const field = fieldByName(def, name);
    if (!field) throw invalidField('sort', 'unknown_field', `"${name.slice(0, 100)}" is not a field of ${def.name}.`);
    checkField?.(field);
    if (!codecOf(field).isOrderable) throw invalidField('sort', 'not_sortable', `${name} cannot be sorted.`);
    if (keys.some((k) => k.field.name === name)) continue;
    keys.push({ field, isDescending });
  }
  if (!keys.some((k) => k.field.name === 'id')) {
    keys.push({ field: idField, isDescending: keys.at(-1)?.isDescending ?? true });
  }
  return keys;
}

/** ORDER BY for the keys (PostgreSQL's defaults: nulls last ascending, first descending). */
export function orderBy(keys: SortKey[], alias: string): SQL {
  return sql.join(
    keys.map((k) => sql`${columnRef(alias, k.field)} ${sql.raw(k.isDescending ? 'desc' : 'asc')}`),
    sql`, `,
  );
}

/** The sort values of a row, as the cursor stores them. */
export function cursorValues(keys: SortKey[], row: Record<string, unknown>, columnOf: (f: FieldDefinition) => string): unknown[] {
  return keys.map((k) => row[columnOf(k.field)] ?? null);
}

/** Encodes a cursor: opaque to clients, checked when it comes back. */
export function encodeCursor(keys: SortKey[], values: unknown[]): string {
  return Buffer.from(JSON.stringify({ s: keys.map((k) => (k.isDescending ? '-' : '') + k.field.name), v: values })).toString(
    'base64url',
  );
}

/** Decodes a cursor made for the same sort, or throws a 400 problem. */
export function decodeCursor(keys: SortKey[], cursor: string): unknown[] {
  const invalid = () => invalidField('cursor', 'invalid_cursor', 'The cursor is not valid for this list; start again from the first page.');
  let parsed: { s?: unknown; v?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const expected = keys.map((k) => (k.isDescending ? '-' : '') + k.field.name);
  if (!Array.isArray(parsed?.v) || JSON.stringify(parsed.s) !== JSON.stringify(expected) || parsed.v.length !== keys.length) {
    throw invalid();
  }
  parsed.v.forEach((value, i) => {
    if (value === null ? keys[i]!.field.name === 'id' : !fitsColumn(keys[i]!.field, value)) throw invalid();
  });
  return parsed.v;
}

/**
 * Whether a cursor value can be cast to the field's column type: a tampered cursor must be a 400 like
 * any other bad cursor, not a database error.
 */
function fitsColumn(field: FieldDefinition, value: unknown): boolean {
  switch (codecOf(field).columnType) {
    case 'uuid':
      return isUuid(value);
    case 'double precision':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
    case 'timestamptz':
      return typeof value === 'string' && parseInstant(value) !== undefined;
    case 'numeric(19,4)':
    case 'numeric(9,4)':
      // Decimal columns arrive as strings, so the cursor keeps them exact.
      return typeof value === 'string' && /^-?\d{1,15}(\.\d{1,4})?$/.test(value);
    default:
      return typeof value === 'string' && !value.includes('\u0000'); // text cannot hold NUL
  }
}

function param(field: FieldDefinition, value: unknown): SQL {
  const type = codecOf(field).columnType;
  return sql`${value}::${sql.raw(type)}`;
}

/** The condition "comes after the cursor row" for the sort keys. */
export function afterCursor(keys: SortKey[], values: unknown[], alias: string): SQL {
  const allSameDirection = keys.every((k) => k.isDescending === keys[0]!.isDescending);
  if (allSameDirection && keys.every((k) => isNotNullColumn(k.field))) {
    // A row comparison walks a composite index directly.
    const columns = sql.join(keys.map((k) => columnRef(alias, k.field)), sql`, `);
    const params = sql.join(keys.map((k, i) => param(k.field, values[i])), sql`, `);
    return sql`(${columns}) ${sql.raw(keys[0]!.isDescending ? '<' : '>')} (${params})`;
  }
  const alternatives: SQL[] = [];
  keys.forEach((key, i) => {
    const equalities = keys.slice(0, i).map((k, j) => equalTo(k, values[j], alias));
    const after = strictlyAfter(key, values[i], alias);
    if (after) alternatives.push(sql.join([...equalities, after], sql` and `));
  });
  return alternatives.length ? sql`(${sql.join(alternatives, sql` or `)})` : sql`false`;
}

function equalTo(key: SortKey, value: unknown, alias: string): SQL {
  const column = columnRef(alias, key.field);
  return value === null ? sql`${column} is null` : sql`${column} = ${param(key.field, value)}`;
}

function strictlyAfter(key: SortKey, value: unknown, alias: string): SQL | null {
  const column = columnRef(alias, key.field);
  if (key.isDescending) {
    // Descending puts nulls first: after a null come all non-null values.
    return value === null ? sql`${column} is not null` : sql`${column} < ${param(key.field, value)}`;
  }
  // Ascending puts nulls last: after a value come greater values and then the nulls.
  return value === null ? null : sql`(${column} > ${param(key.field, value)} or ${column} is null)`;
}
