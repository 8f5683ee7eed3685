// Compiles a parsed filter into a parameterised SQL condition, checking every field and value against
// the object's definition. Lookup paths (account.city) become sub-selects on the target object that
// apply the same visibility rules as a direct read of it.
import { sql, type SQL } from 'drizzle-orm';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { isUuid } from '../platform/ids.ts';
import { invalidField } from '../platform/http/problem.ts';
import { columnRef, fieldByName } from './columns.ts';
import { codecOf, parseInstant } from './fields.ts';
import { junctionTable } from './ddl.ts';
import type { FilterNode, Scalar } from './filter.ts';
import type { Registry } from './registry.ts';
import type { FieldDefinition, ObjectDefinition } from './types.ts';

/** What a filter may see: the registry, and the visibility rule applied to every object it reaches. */
export interface FilterScope {
  registry: Registry;
  visibleRows: (def: ObjectDefinition, alias: string) => SQL;
  /** Refuses fields the caller may not filter on (hidden fields); returns normally otherwise. */
  checkField?: (def: ObjectDefinition, field: FieldDefinition) => void;
}

const MAX_PATH_HOPS = 3;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const bad = (path: string, message: string) => invalidField('filter', 'invalid_filter', `${path}: ${message}`);

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Checks a literal against the field type and returns the SQL parameter for it. */
function literal(field: FieldDefinition, value: Scalar, path: string): SQL {
  if (value === null) throw bad(path, 'compare with null using isNull.');
  switch (field.type) {
    case 'number':
    case 'percent':
    case 'currency':
      if (typeof value !== 'number') throw bad(path, 'expects a number.');
      return field.type === 'number' ? sql`${value}::double precision` : sql`${String(value)}::numeric`;
    case 'boolean':
      if (typeof value !== 'boolean') throw bad(path, 'expects true or false.');
      return sql`${value}`;
    case 'date':
      if (typeof value !== 'string' || !datePattern.test(value) || parseInstant(value) === undefined)
        throw bad(path, "expects a date like '2026-12-31'.");
      return sql`${value}::date`;
    case 'datetime': {
      const at = typeof value === 'string' ? parseInstant(value) : undefined;
      if (at === undefined) throw bad(path, "expects a date-time like '2026-12-31T08:00:00Z'.");
      return sql`${new Date(at).toISOString()}::timestamptz`;
    }
    case 'lookup':
    case 'owner':
    case 'multiLookup':
      if (!isUuid(value)) throw bad(path, 'expects a record id.');
      return sql`${value}::uuid`;
    case 'email':
      return sql`${String(value).toLowerCase()}`;
    case 'phone': {
      const parsed = parsePhoneNumberFromString(String(value), 'CN');
      return sql`${parsed?.isPossible() ? parsed.number : String(value)}`;
    }
    default:
      if (typeof value !== 'string') throw bad(path, 'expects a quoted text value.');
      return sql`${value}`;
  }
}

function compareSql(column: SQL, op: string, field: FieldDefinition, value: Scalar, path: string): SQL {
  const isArray = field.type === 'tags' || field.type === 'multiSelect';
  if (op === 'contains' || op === 'startsWith') {
    if (typeof value !== 'string') throw bad(path, `${op} expects a quoted text value.`);
    if (isArray) {
      if (op === 'startsWith') throw bad(path, 'startsWith does not apply to a list field.');
      return sql`${column} @> array[${value}]::text[]`;
    }
    if (!['text', 'longText', 'richText', 'email', 'url', 'phone', 'select'].includes(field.type))
      throw bad(path, `${op} applies to text fields only.`);
    const pattern = op === 'contains' ? `%${escapeLike(value)}%` : `${escapeLike(value)}%`;
    return sql`${column} ilike ${pattern}`;
  }
  if (isArray) {
    if (op !== 'eq' && op !== 'ne') throw bad(path, `${op} does not apply to a list field.`);
    // Items are text: "tags eq null" must not quietly look for the tag 'null'.
    if (typeof value !== 'string') throw bad(path, value === null ? 'compare with null using isNull.' : 'expects a quoted text value.');
    const has = sql`${column} @> array[${value}]::text[]`;
    return op === 'eq' ? has : sql`not coalesce(${has}, false)`;
  }
  const isOrderable = codecOf(field).isOrderable;
  if (!isOrderable && op !== 'eq' && op !== 'ne') throw bad(path, `${op} does not apply to this field.`);
  const rhs = literal(field, value, path);
  const ops: Record<string, string> = { eq: '=', ne: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=' };
  // "ne" keeps rows where the field is empty: people read "stage ne 'won'" as "not won".
  if (op === 'ne') return sql`${column} is distinct from ${rhs}`;
  return sql`${column} ${sql.raw(ops[op]!)} ${rhs}`;
}

/** Compiles a filter tree for rows of `def` aliased `alias`. */
export function compileFilter(node: FilterNode, def: ObjectDefinition, alias: string, scope: FilterScope, hops = 0): SQL {
  switch (node.kind) {
    case 'and':
    case 'or':
      return sql`(${sql.join(
        node.items.map((n) => compileFilter(n, def, alias, scope, hops)),
        sql.raw(` ${node.kind} `),
      )})`;
    case 'not':
      return sql`not coalesce(${compileFilter(node.item, def, alias, scope, hops)}, false)`;
    default:
      return compileCondition(node, def, alias, scope, hops);
  }
}

function resolveField(def: ObjectDefinition, segment: string): FieldDefinition | undefined {
  // `account.city` and `accountId.city` both name the lookup field accountId.
  return fieldByName(def, segment) ?? fieldByName(def, `${segment}Id`);
}

function compileCondition(
  node: Exclude<FilterNode, { kind: 'and' | 'or' | 'not' }>,
  def: ObjectDefinition,
  alias: string,
  scope: FilterScope,
  hops: number,
): SQL {
  const [head, ...rest] = node.path;
  const pathText = node.path.join('.');
  const field = resolveField(def, head!);
  if (!field) throw bad(pathText, `"${head}" is not a field of ${def.name}.`);
  scope.checkField?.(def, field);

  if (rest.length > 0 && (field.type === 'address' || field.type === 'json')) {
    const key = rest.join('.');
    const text = sql`(${columnRef(alias, field)} #>> ${`{${rest.join(',')}}`})`;
    const pseudo: FieldDefinition = { name: key, type: 'text', label: field.label };
    return conditionOn(node, text, pseudo, pathText);
  }
  if (rest.length > 0) {
    if (!((field.type === 'lookup' || field.type === 'owner' || field.type === 'multiLookup') && field.target))
      throw bad(pathText, `"${head}" is not a lookup, so it has no fields.`);
    if (hops >= MAX_PATH_HOPS) throw bad(pathText, `a path may follow at most ${MAX_PATH_HOPS} lookups.`);
    const target = scope.registry.get(field.target);
    const sub = `s${hops + 1}`;
    const inner = compileFilter({ ...node, path: rest }, target, sub, scope, hops + 1);
    const matching = sql`select ${sql.identifier(sub)}.id from ${sql.identifier(target.table)} ${sql.identifier(sub)}
      where ${sql.identifier(sub)}.deleted_at is null and ${scope.visibleRows(target, sub)} and ${inner}`;
    if (field.type === 'multiLookup') {
      return sql`exists (select 1 from ${sql.identifier(junctionTable(def, field))} j
        where j.record_id = ${sql.identifier(alias)}.id and j.target_id in (${matching}))`;
    }
    return sql`${columnRef(alias, field)} in (${matching})`;
  }
  if (field.type === 'multiLookup') {
    const linked = (ids: SQL) =>
      sql`exists (select 1 from ${sql.identifier(junctionTable(def, field))} j where j.record_id = ${sql.identifier(alias)}.id and j.target_id in (${ids}))`;
    if (node.kind === 'isNull') {
      const anyLink = sql`exists (select 1 from ${sql.identifier(junctionTable(def, field))} j where j.record_id = ${sql.identifier(alias)}.id)`;
      return node.isNull ? sql`not ${anyLink}` : anyLink;
    }
    if (node.kind === 'in') return linked(sql.join(node.values.map((v) => literal(field, v, pathText)), sql`, `));
    if (node.op === 'eq' || node.op === 'contains') return linked(literal(field, node.value, pathText));
    if (node.op === 'ne') return sql`not ${linked(literal(field, node.value, pathText))}`;
    throw bad(pathText, `${node.op} does not apply to a list of links.`);
  }
  if ((field.type === 'address' || field.type === 'json') && node.kind !== 'isNull') {
    // A whole document compares with nothing a filter can write; its parts do.
    throw bad(pathText, `compare one of its parts, like ${head}.city, or use isNull.`);
  }
  return conditionOn(node, columnRef(alias, field), field, pathText);
}

function conditionOn(
  node: Exclude<FilterNode, { kind: 'and' | 'or' | 'not' }>,
  column: SQL,
  field: FieldDefinition,
  pathText: string,
): SQL {
  if (node.kind === 'isNull') {
    const isEmptyArray = field.type === 'tags' || field.type === 'multiSelect';
    const empty = isEmptyArray ? sql`(${column} is null or cardinality(${column}) = 0)` : sql`${column} is null`;
    return node.isNull ? empty : sql`not ${empty}`;
  }
  if (node.kind === 'in') {
    if (field.type === 'tags' || field.type === 'multiSelect') {
      if (node.values.some((v) => typeof v !== 'string')) throw bad(pathText, 'expects quoted text values.');
      return sql`${column} && array[${sql.join(node.values.map((v) => sql`${v}`), sql`, `)}]::text[]`;
    }
    return sql`${column} in (${sql.join(
      node.values.map((v) => literal(field, v, pathText)),
      sql`, `,
    )})`;
  }
  return compareSql(column, node.op, field, node.value, pathText);
}
