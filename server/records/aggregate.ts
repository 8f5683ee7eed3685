// Counts and sums over the records a caller may see, optionally grouped by a field or a date period:
// the totals row of a list, the column totals of a board, and the figures of dashboards. Record access
// is part of the SQL, exactly as in a list, and hidden fields can be neither grouped nor summed.
import { sql, type SQL } from 'drizzle-orm';
import { assertObjectAction } from '../platform/access/index.ts';
import { invalidField } from '../platform/http/problem.ts';
import { toInteger } from '../platform/db/database.ts';
import { assertFieldVisible, callerFilterScope, visibleRowsBeyondOwnership } from './access.ts';
import { columnRef, decodeRecord, fieldByName } from './columns.ts';
import { compileFilter } from './filter-sql.ts';
import { parseFilter } from './filter.ts';
import { baseConditions } from './read.ts';
import type { Caller } from './caller.ts';
import { toColumnName, type FieldDefinition, type ObjectDefinition } from './types.ts';

export interface AggregateQuery {
  filter?: string;
  /** A field (`stage`), or a date field and a period (`closeDate:month`); up to 3, comma-separated. */
  groupBy?: string;
  /**
   * Comma-separated number, percent or currency fields to add up; `a*b` adds up a field weighted by a
   * number or percent (a percent counts as its fraction), e.g. `amount*probability`.
   */
  sum?: string;
}

export interface AggregateOptions {
  /** Services reading many groups at once may raise the limit of 500 the HTTP API keeps. */
  maxGroups?: number;
  /**
   * Only the records the caller sees other than through ownership (shared, or by a sharing rule, and
   * owned outside their owner scope): for a service that keeps the owned records' figures itself.
   */
  beyondOwnership?: boolean;
}

export interface AggregateGroup {
  /**
   * The group's value as the API shows it (null for records without one); an array of them when
   * grouped by several fields; absent without groupBy.
   */
  key?: unknown;
  count: number;
  /** Per summed field: a number, or for currency fields one `{amount, currency}` per currency. */
  sums: Record<string, number | Array<{ amount: string; currency: string }>>;
}

const MAX_GROUPS = 500;
const periods = ['day', 'week', 'month', 'quarter', 'year'] as const;
const groupableTypes = new Set(['text', 'email', 'url', 'select', 'boolean', 'lookup', 'owner', 'number', 'date', 'datetime']);
const summableTypes = new Set(['number', 'percent', 'currency']);
const weightTypes = new Set(['number', 'percent']);

interface Grouping {
  field: FieldDefinition;
  period?: (typeof periods)[number];
}

const MAX_GROUPINGS = 3;

function parseGroupings(c: Caller, def: ObjectDefinition, groupBy: string | undefined): Grouping[] {
  const parts = (groupBy ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (parts.length > MAX_GROUPINGS) throw invalidField('groupBy', 'too_many', `Group by at most ${MAX_GROUPINGS} fields at once.`);
  return parts.map((part) => parseGrouping(c, def, part));
}

function parseGrouping(c: Caller, def: ObjectDefinition, groupBy: string): Grouping {
  const [name, period] = groupBy.split(':');
  const field = fieldByName(def, name!);
  if (!field) throw invalidField('groupBy', 'unknown_field', `"${name!.slice(0, 100)}" is not a field of ${def.name}.`);
  assertFieldVisible(c, def, field, 'groupBy');
  if (!groupableTypes.has(field.type)) throw invalidField('groupBy', 'not_groupable', `Records cannot be grouped by ${field.name}.`);
  if (period !== undefined) {
    if (field.type !== 'date' && field.type !== 'datetime') throw invalidField('groupBy', 'not_a_date', `Only a date can be grouped by ${period}.`);
    if (!periods.includes(period as Grouping['period'] & string)) {
      throw invalidField('groupBy', 'unknown_period', `Group a date by ${periods.join(', ')}.`);
    }
  }
  return { field, period: period as Grouping['period'] };
}

/** A summed field, possibly weighted by a number or percent field (`amount*probability`). */
interface Sum {
  name: string;
  type: FieldDefinition['type'];
  value: SQL;
}

function summableField(c: Caller, def: ObjectDefinition, name: string, types: Set<string>): FieldDefinition {
  const field = fieldByName(def, name);
  if (!field) throw invalidField('sum', 'unknown_field', `"${name.slice(0, 100)}" is not a field of ${def.name}.`);
  assertFieldVisible(c, def, field, 'sum');
  if (!types.has(field.type)) throw invalidField('sum', 'not_summable', `${field.name} is not a number or an amount.`);
  return field;
}

function parseSums(c: Caller, def: ObjectDefinition, sum: string | undefined): Sum[] {
  const names = [...new Set((sum ?? '').split(',').map((s) => s.trim()).filter(Boolean))];
  if (names.length > 10) throw invalidField('sum', 'too_many', 'Add up at most 10 fields at once.');
  return names.map((name) => {
    const [base, weight, ...rest] = name.split('*');
    if (rest.length) throw invalidField('sum', 'not_summable', 'Weight a field by one other field at most.');
    const field = summableField(c, def, base!.trim(), summableTypes);
    if (weight === undefined) return { name, type: field.type, value: columnRef('t', field) };
    const by = summableField(c, def, weight.trim(), weightTypes);
    // Numeric stays exact (a percent is divided by 100, which numeric does exactly).
    const factor = by.type === 'percent' ? sql`(${columnRef('t', by)} / 100)` : columnRef('t', by);
    return { name: `${field.name}*${by.name}`, type: field.type, value: sql`(${columnRef('t', field)} * ${factor})` };
  });
}

/** The SQL of a group's key: the column, or the start of its period (dates of datetimes in UTC). */
function groupKey(grouping: Grouping): SQL {
  const column = columnRef('t', grouping.field);
  if (!grouping.period) return column;
  const start = sql`date_trunc(${grouping.period}, ${column}${grouping.field.type === 'datetime' ? sql` at time zone 'UTC'` : sql``})`;
  return sql`to_char(${start}, 'YYYY-MM-DD')`;
}

/** Counts and sums the records of an object the caller may see, in at most 500 groups. */
export async function aggregateRecords(c: Caller, objectName: string, query: AggregateQuery, options: AggregateOptions = {}): Promise<{ data: AggregateGroup[] }> {
  const maxGroups = options.maxGroups ?? MAX_GROUPS;
  const def = c.registry.get(objectName);
  assertObjectAction(c.ctx, def, 'read');
  const groupings = parseGroupings(c, def, query.groupBy);
  const sums = parseSums(c, def, query.sum);
  const conditions = options.beyondOwnership ? [sql`t.deleted_at is null`, visibleRowsBeyondOwnership(c, def, 't')] : baseConditions(c, def, 't');
  if (query.filter !== undefined) conditions.push(compileFilter(parseFilter(query.filter), def, 't', callerFilterScope(c)));

  const keys = groupings.length ? sql.join(groupings.map((g, i) => sql`${groupKey(g)} as ${sql.identifier(`g${i}`)}`), sql`, `) : sql`null as g0`;
  const positions = sql.raw(groupings.map((_, i) => String(i + 1)).join(', '));
  const keyPositions = groupings.length ? positions : sql.raw('1');
  const currencyPosition = sql.raw(String(Math.max(groupings.length, 1) + 1));
  const isByPeriodOnly = groupings.length > 0 && groupings.every((g) => g.period);
  // Periods and several keys in key order; one key by count, largest first.
  const order = isByPeriodOnly || groupings.length > 1 ? positions : sql`2 desc, 1`;
  const currencyOf = (base: string) => columnRef('t', { name: base, type: 'currency' } as FieldDefinition, '_currency');
  const where = sql`from ${sql.identifier(def.table)} t where ${sql.join(conditions, sql` and `)}`;
  const numbers = sums.filter((f) => f.type !== 'currency');
  // Amounts add up per currency (a sum of yuan and dollars means nothing), exactly, in numeric.
  const currencySums = sums.filter((f) => f.type === 'currency');
  const [firstBase, ...otherBases] = [...new Set(currencySums.map((f) => f.name.split('*')[0]!))];
  const firstMoney = currencySums.filter((f) => f.name.split('*')[0] === firstBase);
  const rows = await c.db.rows<Record<string, unknown>>(
    firstBase === undefined
      ? sql`select ${keys}, count(*) as n
        ${sql.join(numbers.map((f, i) => sql`, sum(${f.value})::double precision as ${sql.identifier(`s${i}`)}`), sql``)}
        ${where} ${groupings.length ? sql`group by ${positions} order by ${order} limit ${maxGroups + 1}` : sql``}`
      : // The first currency column rides along in the same scan: groups per key and currency inside,
        // folded into one row per key outside, with that key's amounts per currency as JSON.
        sql`select ${sql.raw(groupings.length ? groupings.map((_, i) => `g${i}`).join(', ') : 'null as g0')}, coalesce(sum(n), 0) as n
        ${sql.join(numbers.map((_, i) => sql`, sum(${sql.identifier(`s${i}`)}) as ${sql.identifier(`s${i}`)}`), sql``)},
        coalesce(jsonb_agg(jsonb_build_array(currency${sql.join(firstMoney.map((_, i) => sql`, ${sql.identifier(`t${i}`)}::text`), sql``)})) filter (where currency is not null), '[]') as money
        from (select ${keys}, ${currencyOf(firstBase)} as currency, count(*) as n
          ${sql.join(numbers.map((f, i) => sql`, sum(${f.value})::double precision as ${sql.identifier(`s${i}`)}`), sql``)}
          ${sql.join(firstMoney.map((f, i) => sql`, sum(${f.value}) as ${sql.identifier(`t${i}`)}`), sql``)}
          ${where} group by ${keyPositions}, ${currencyPosition}) x
        ${groupings.length ? sql`group by ${positions} order by ${order} limit ${maxGroups + 1}` : sql``}`,
  );
  if (rows.length > maxGroups) {
    throw invalidField('groupBy', 'too_many_groups', `More than ${maxGroups} groups: filter the records or group by a coarser field.`);
  }
  const rawKey = (row: Record<string, unknown>) => JSON.stringify(groupings.map((_, i) => (row[`g${i}`] === null || row[`g${i}`] === undefined ? null : String(row[`g${i}`]))));
  const byKey = new Map<string, AggregateGroup>();
  const addMoney = (group: AggregateGroup | undefined, field: Sum, amount: unknown, currency: unknown) => {
    if (group && amount !== null && amount !== undefined) {
      (group.sums[field.name] as Array<{ amount: string; currency: string }>).push({ amount: trimAmount(String(amount)), currency: String(currency) });
    }
  };
  const groups = rows.map((row) => {
    const group: AggregateGroup = { count: toInteger(row.n), sums: {} };
    const values = groupings.map((g, i) => keyValue(g, row[`g${i}`]));
    if (groupings.length === 1) group.key = values[0];
    else if (groupings.length > 1) group.key = values;
    numbers.forEach((field, i) => (group.sums[field.name] = Number(row[`s${i}`] ?? 0)));
    for (const field of currencySums) group.sums[field.name] = [];
    const money = (typeof row.money === 'string' ? JSON.parse(row.money) : (row.money ?? [])) as Array<[string, ...Array<string | null>]>;
    for (const [currency, ...amounts] of money) firstMoney.forEach((field, i) => addMoney(group, field, amounts[i], currency));
    byKey.set(rawKey(row), group);
    return group;
  });
  // Further currency columns (rare): one more statement each.
  for (const base of otherBases) {
    const fields = currencySums.filter((f) => f.name.split('*')[0] === base);
    const totals = await c.db.rows<Record<string, unknown> & { currency: string | null }>(sql`select ${keys}, ${currencyOf(base)} as currency
      ${sql.join(fields.map((f, i) => sql`, sum(${f.value})::text as ${sql.identifier(`t${i}`)}`), sql``)}
      ${where} and ${currencyOf(base)} is not null group by ${keyPositions}, ${currencyPosition}`);
    for (const total of totals) fields.forEach((field, i) => addMoney(byKey.get(rawKey(total)), field, total[`t${i}`], total.currency));
  }
  // Largest amount first, then by currency code (the order only; the amounts stay exact text).
  for (const group of groups) {
    for (const field of currencySums) {
      group.sums[field.name] = (group.sums[field.name] as Array<{ amount: string; currency: string }>).toSorted((a, b) => Number(b.amount) - Number(a.amount) || a.currency.localeCompare(b.currency));
    }
  }
  return { data: groups };
}

/** A group key as the API shows it: the period's first day, or the field's decoded value. */
function keyValue(grouping: Grouping, raw: unknown): unknown {
  if (grouping.period) return raw ?? null;
  return decodeRecord([grouping.field], { [toColumnName(grouping.field.name)]: raw })[grouping.field.name] ?? null;
}

/** numeric text with its four decimals → money as the API shows it: two decimals unless more count. */
function trimAmount(value: string): string {
  const [whole, fraction = ''] = value.split('.');
  return `${whole}.${fraction.replace(/0+$/, '').padEnd(2, '0')}`;
}
