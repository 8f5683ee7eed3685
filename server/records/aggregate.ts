// Counts and sums over the records a caller may see, optionally grouped by a field or a date period:
// the totals row of a list, the column totals of a board, and the figures of dashboards. Record access
// is part of the SQL, exactly as in a list, and hidden fields can be neither grouped nor summed.
import { sql, type SQL } from 'drizzle-orm';
import { assertObjectAction } from '../platform/access/index.ts';
import { invalidField } from '../platform/http/problem.ts';
import { toInteger } from '../platform/db/database.ts';
import { assertFieldVisible, callerFilterScope } from './access.ts';
import { columnRef, decodeRecord, fieldByName } from './columns.ts';
import { compileFilter } from './filter-sql.ts';
import { parseFilter } from './filter.ts';
import { baseConditions } from './read.ts';
import type { Caller } from './caller.ts';
import { toColumnName, type FieldDefinition, type ObjectDefinition } from './types.ts';

export interface AggregateQuery {
  filter?: string;
  /** A field (`stage`), or a date field and a period (`closeDate:month`). */
  groupBy?: string;
  /** Comma-separated number, percent or currency fields to add up. */
  sum?: string;
}

export interface AggregateGroup {
  /** The group's value as the API shows it (null for records without one); absent without groupBy. */
  key?: unknown;
  count: number;
  /** Per summed field: a number, or for currency fields one `{amount, currency}` per currency. */
  sums: Record<string, number | Array<{ amount: string; currency: string }>>;
}

const MAX_GROUPS = 500;
const periods = ['day', 'week', 'month', 'quarter', 'year'] as const;
const groupableTypes = new Set(['text', 'email', 'url', 'select', 'boolean', 'lookup', 'owner', 'number', 'date', 'datetime']);
const summableTypes = new Set(['number', 'percent', 'currency']);

interface Grouping {
  field: FieldDefinition;
  period?: (typeof periods)[number];
}

function parseGrouping(c: Caller, def: ObjectDefinition, groupBy: string | undefined): Grouping | undefined {
  if (!groupBy) return undefined;
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

function parseSums(c: Caller, def: ObjectDefinition, sum: string | undefined): FieldDefinition[] {
  const names = [...new Set((sum ?? '').split(',').map((s) => s.trim()).filter(Boolean))];
  if (names.length > 10) throw invalidField('sum', 'too_many', 'Add up at most 10 fields at once.');
  return names.map((name) => {
    const field = fieldByName(def, name);
    if (!field) throw invalidField('sum', 'unknown_field', `"${name.slice(0, 100)}" is not a field of ${def.name}.`);
    assertFieldVisible(c, def, field, 'sum');
    if (!summableTypes.has(field.type)) throw invalidField('sum', 'not_summable', `${field.name} is not a number or an amount.`);
    return field;
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
export async function aggregateRecords(c: Caller, objectName: string, query: AggregateQuery): Promise<{ data: AggregateGroup[] }> {
  const def = c.registry.get(objectName);
  assertObjectAction(c.ctx, def, 'read');
  const grouping = parseGrouping(c, def, query.groupBy);
  const sums = parseSums(c, def, query.sum);
  const conditions = baseConditions(c, def, 't');
  if (query.filter !== undefined) conditions.push(compileFilter(parseFilter(query.filter), def, 't', callerFilterScope(c)));

  const key = grouping ? groupKey(grouping) : sql`null`;
  const where = sql`from ${sql.identifier(def.table)} t where ${sql.join(conditions, sql` and `)}`;
  const numbers = sums.filter((f) => f.type !== 'currency');
  const rows = await c.db.rows<Record<string, unknown>>(sql`select ${key} as g, count(*) as n
    ${sql.join(numbers.map((f, i) => sql`, sum(${columnRef('t', f)})::double precision as ${sql.identifier(`s${i}`)}`), sql``)}
    ${where} ${grouping ? sql`group by 1 order by ${grouping.period ? sql`1` : sql`2 desc, 1`} limit ${MAX_GROUPS + 1}` : sql``}`);
  if (rows.length > MAX_GROUPS) {
    throw invalidField('groupBy', 'too_many_groups', `More than ${MAX_GROUPS} groups: filter the records or group by a coarser field.`);
  }
  const groups = rows.map((row) => {
    const group: AggregateGroup = { count: toInteger(row.n), sums: {} };
    if (grouping) group.key = grouping.period ? (row.g ?? null) : (decodeRecord([grouping.field], { [toColumnName(grouping.field.name)]: row.g })[grouping.field.name] ?? null);
    numbers.forEach((field, i) => (group.sums[field.name] = Number(row[`s${i}`] ?? 0)));
    return group;
  });
  // Amounts add up per currency (a sum of yuan and dollars means nothing), exactly, in numeric.
  for (const field of sums.filter((f) => f.type === 'currency')) {
    const amount = columnRef('t', field);
    const totals = await c.db.rows<{ g: unknown; currency: string; total: string }>(sql`select ${key} as g,
      ${columnRef('t', field, '_currency')} as currency, sum(${amount})::text as total
      ${where} and ${amount} is not null group by 1, 2 order by sum(${amount}) desc, 2`);
    for (const group of groups) {
      const raw = grouping ? rows[groups.indexOf(group)]!.g : null;
      group.sums[field.name] = totals
        .filter((t) => String(t.g) === String(raw))
        .map((t) => ({ amount: trimAmount(t.total), currency: t.currency }));
    }
  }
  return { data: groups };
}

/** numeric text with its four decimals → money as the API shows it: two decimals unless more count. */
function trimAmount(value: string): string {
  const [whole, fraction = ''] = value.split('.');
  return `${whole}.${fraction.replace(/0+$/, '').padEnd(2, '0')}`;
}
