// How values of each kind of field are filtered: the literals a type accepts and the SQL of its
// operators. fields.ts gives every field type one of these; filter-sql.ts only walks the tree.
import { sql, type SQL } from 'drizzle-orm';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { isUuid } from '../platform/ids.ts';
import { invalidField } from '../platform/http/problem.ts';
import { defaultPhoneRegion, parseInstant } from './field-values.ts';
import { junctionTable } from './sql-names.ts';
import type { FilterNode, Scalar } from './filter.ts';
import type { FieldDefinition, ObjectDefinition } from './types.ts';

/** A comparison, `in` or `isNull` on one field. */
export type LeafNode = Exclude<FilterNode, { kind: 'and' | 'or' | 'not' }>;

/** The field a condition applies to, where it is read from, and how to name it in errors. */
export interface FilterTarget {
  def: ObjectDefinition;
  alias: string;
  field: FieldDefinition;
  /** `alias.column`, or the SQL of a part of a document. */
  column: SQL;
  pathText: string;
  /** Whether lt/gt apply (the type's isOrderable). */
  isOrderable: boolean;
}

/** What a field type answers to in a filter. */
export interface FilterOps {
  condition: (node: LeafNode, target: FilterTarget) => SQL;
  /** The SQL text of a part of the value (`address.city`); absent when the value has no parts. */
  part?: (column: SQL, keys: string[]) => SQL;
}

/** Checks a literal against the type and returns its SQL parameter (null is refused before). */
export type Literal = (value: Exclude<Scalar, null>, path: string) => SQL;

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
/** A 400 about the filter, naming the path it is about. */
export const badFilter = (path: string, message: string) => invalidField('filter', 'invalid_filter', `${path}: ${message}`);

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function literalOf(literal: Literal, value: Scalar, path: string): SQL {
  if (value === null) throw badFilter(path, 'compare with null using isNull.');
  return literal(value, path);
}

/** The literals of the scalar types. */
export const literals = {
  text: ((value, path) => {
    if (typeof value !== 'string') throw badFilter(path, 'expects a quoted text value.');
    return sql`${value}`;
  }) as Literal,
  email: ((value) => sql`${String(value).toLowerCase()}`) as Literal,
  phone: ((value) => {
    const parsed = parsePhoneNumberFromString(String(value), defaultPhoneRegion());
    return sql`${parsed?.isPossible() ? parsed.number : String(value)}`;
  }) as Literal,
  double: ((value, path) => {
    if (typeof value !== 'number') throw badFilter(path, 'expects a number.');
    return sql`${value}::double precision`;
  }) as Literal,
  decimal: ((value, path) => {
    if (typeof value !== 'number') throw badFilter(path, 'expects a number.');
    return sql`${String(value)}::numeric`;
  }) as Literal,
  boolean: ((value, path) => {
    if (typeof value !== 'boolean') throw badFilter(path, 'expects true or false.');
    return sql`${value}`;
  }) as Literal,
  date: ((value, path) => {
    if (typeof value !== 'string' || !datePattern.test(value) || parseInstant(value) === undefined)
      throw badFilter(path, "expects a date like '2026-12-31'.");
    return sql`${value}::date`;
  }) as Literal,
  datetime: ((value, path) => {
    const at = typeof value === 'string' ? parseInstant(value) : undefined;
    if (at === undefined) throw badFilter(path, "expects a date-time like '2026-12-31T08:00:00Z'.");
    return sql`${new Date(at).toISOString()}::timestamptz`;
  }) as Literal,
  id: ((value, path) => {
    if (!isUuid(value)) throw badFilter(path, 'expects a record id.');
    return sql`${value}::uuid`;
  }) as Literal,
};

const comparisonSql: Record<string, string> = { eq: '=', ne: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=' };

/** A value in one column: comparisons, `in`, `isNull`; `contains`/`startsWith` when textual. */
export function scalarFilter(literal: Literal, options: { isTextual?: boolean } = {}): FilterOps {
  return {
    condition(node, { column, pathText, isOrderable }) {
      if (node.kind === 'isNull') return node.isNull ? sql`${column} is null` : sql`not ${column} is null`;
      if (node.kind === 'in') return sql`${column} in (${sql.join(node.values.map((v) => literalOf(literal, v, pathText)), sql`, `)})`;
      const { op, value } = node;
      if (op === 'contains' || op === 'startsWith') {
        if (typeof value !== 'string') throw badFilter(pathText, `${op} expects a quoted text value.`);
        if (!options.isTextual) throw badFilter(pathText, `${op} applies to text fields only.`);
        const pattern = op === 'contains' ? `%${escapeLike(value)}%` : `${escapeLike(value)}%`;
        return sql`${column} ilike ${pattern}`;
      }
      if (!isOrderable && op !== 'eq' && op !== 'ne') throw badFilter(pathText, `${op} does not apply to this field.`);
      const rhs = literalOf(literal, value, pathText);
      // "ne" keeps rows where the field is empty: people read "stage ne 'won'" as "not won".
      if (op === 'ne') return sql`${column} is distinct from ${rhs}`;
      return sql`${column} ${sql.raw(comparisonSql[op]!)} ${rhs}`;
    },
  };
}

/** A list of text items in one array column (tags, multi-select): has, has any, is empty. */
export const listFilter: FilterOps = {
  condition(node, { column, pathText }) {
    if (node.kind === 'isNull') {
      const empty = sql`(${column} is null or cardinality(${column}) = 0)`;
      return node.isNull ? empty : sql`not ${empty}`;
    }
    if (node.kind === 'in') {
      if (node.values.some((v) => typeof v !== 'string')) throw badFilter(pathText, 'expects quoted text values.');
      return sql`${column} && array[${sql.join(node.values.map((v) => sql`${v}`), sql`, `)}]::text[]`;
    }
    const { op, value } = node;
    if (op === 'contains' || op === 'startsWith') {
      if (typeof value !== 'string') throw badFilter(pathText, `${op} expects a quoted text value.`);
      if (op === 'startsWith') throw badFilter(pathText, 'startsWith does not apply to a list field.');
      return sql`${column} @> array[${value}]::text[]`;
    }
    if (op !== 'eq' && op !== 'ne') throw badFilter(pathText, `${op} does not apply to a list field.`);
    // Items are text: "tags eq null" must not quietly look for the tag 'null'.
    if (typeof value !== 'string') throw badFilter(pathText, value === null ? 'compare with null using isNull.' : 'expects a quoted text value.');
    const has = sql`${column} @> array[${value}]::text[]`;
    return op === 'eq' ? has : sql`not coalesce(${has}, false)`;
  },
};

/** Links kept in a junction table (multiLookup): linked to, linked to any, has links. */
export const linksFilter: FilterOps = {
  condition(node, { def, alias, field, pathText }) {
    const junction = sql.identifier(junctionTable(def, field));
    const ofRecord = sql`j.record_id = ${sql.identifier(alias)}.id`;
    const linked = (ids: SQL) => sql`exists (select 1 from ${junction} j where ${ofRecord} and j.target_id in (${ids}))`;
    if (node.kind === 'isNull') {
      const anyLink = sql`exists (select 1 from ${junction} j where ${ofRecord})`;
      return node.isNull ? sql`not ${anyLink}` : anyLink;
    }
    if (node.kind === 'in') return linked(sql.join(node.values.map((v) => literalOf(literals.id, v, pathText)), sql`, `));
    if (node.op === 'eq' || node.op === 'contains') return linked(literalOf(literals.id, node.value, pathText));
    if (node.op === 'ne') return sql`not ${linked(literalOf(literals.id, node.value, pathText))}`;
    throw badFilter(pathText, `${node.op} does not apply to a list of links.`);
  },
};

/** A JSON document (address, json): its parts compare as text; the whole only with isNull. */
export const documentFilter: FilterOps = {
  condition(node, { column, pathText, field }) {
    // A whole document compares with nothing a filter can write; its parts do.
    if (node.kind !== 'isNull') throw badFilter(pathText, `compare one of its parts, like ${field.name}.city, or use isNull.`);
    return node.isNull ? sql`${column} is null` : sql`not ${column} is null`;
  },
  part: (column, keys) => sql`(${column} #>> ${`{${keys.join(',')}}`})`,
};

/** How the parts of a document are filtered. */
export const textFilter = scalarFilter(literals.text, { isTextual: true });
