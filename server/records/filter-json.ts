// The list filter as JSON (POST /{object}/query, docs/api.md "Queries"): the same conditions as the
// filter language, as a tree a generated client can build without writing the language.
//   { "and": [ { "field": "account.city", "op": "eq", "value": "上海" },
//              { "not": { "field": "stage", "op": "in", "value": ["won", "lost"] } } ] }
// It becomes the very tree the language's parser produces (filter.ts), so one code path runs both.
import { Problem, type FieldError } from '../platform/http/problem.ts';
import { comparisonOps, type ComparisonOp, type FilterNode, type Scalar } from './filter.ts';
import type { JsonSchema } from './fields.ts';

export type JsonFilter =
  | { and: JsonFilter[] }
  | { or: JsonFilter[] }
  | { not: JsonFilter }
  | { field: string; op: ComparisonOp; value: Scalar }
  | { field: string; op: 'in'; value: Scalar[] }
  | { field: string; op: 'isNull'; value?: boolean };

/** As deep as the filter language lets `not` and parentheses nest. */
export const MAX_FILTER_DEPTH = 20;
/** Conditions in one filter: about what a filter string of the longest allowed length can hold. */
export const MAX_FILTER_CONDITIONS = 200;
/** Values in one filter, `in` lists included: keeps the statement far below PostgreSQL's parameter limit. */
export const MAX_FILTER_VALUES = 2000;
const MAX_ITEMS = 100;
const MAX_IN_VALUES = 500;

const pathSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 200,
  pattern: '^[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*$',
  description: 'a field, or a path through lookups and parts (`account.city`, `address.city`)',
};
const scalarSchema = {
  type: ['string', 'number', 'boolean', 'null'],
  maxLength: 4000,
  description: 'text, number or true/false; dates and date-times as ISO text',
};

/** The branches of a filter node, each closed, so exactly one fits any valid node. */
function branchSchemas(node: JsonSchema): Record<string, JsonSchema> {
  const junction = (kind: 'and' | 'or', meaning: string) => ({
    type: 'object',
    title: `Filter${kind === 'and' ? 'And' : 'Or'}`,
    description: meaning,
    required: [kind],
    additionalProperties: false,
    properties: { [kind]: { type: 'array', minItems: 1, maxItems: MAX_ITEMS, items: node } },
  });
  const condition = (title: string, op: JsonSchema, value: JsonSchema, required: string[]) => ({
    type: 'object',
    title,
    required,
    additionalProperties: false,
    properties: { field: pathSchema, op, value },
  });
  return {
    and: junction('and', 'every condition holds'),
    or: junction('or', 'at least one condition holds'),
    not: { type: 'object', title: 'FilterNot', description: 'the condition does not hold', required: ['not'], additionalProperties: false, properties: { not: node } },
    compare: condition('FilterCompare', { type: 'string', enum: [...comparisonOps] }, scalarSchema, ['field', 'op', 'value']),
    in: condition('FilterIn', { type: 'string', const: 'in' }, { type: 'array', minItems: 1, maxItems: MAX_IN_VALUES, items: scalarSchema }, ['field', 'op', 'value']),
    isNull: condition('FilterIsNull', { type: 'string', const: 'isNull' }, { type: 'boolean', default: true, description: 'false: the field has a value' }, ['field', 'op']),
  };
}

/**
 * The filter node for the OpenAPI document: one of the branches (they exclude each other), which
 * generated clients turn into a union type. `self` is how the document refers to this schema.
 */
export function filterDocumentSchema(self: JsonSchema): JsonSchema {
  return {
    description: `A condition, or and/or/not of conditions; at most ${MAX_FILTER_DEPTH} levels deep, ${MAX_FILTER_CONDITIONS} conditions and ${MAX_FILTER_VALUES} values.`,
    oneOf: Object.values(branchSchemas(self)),
  };
}

/**
 * The same node for the request validator. The branch is chosen by the key the node has (and, or, not,
 * else op), so a mistake is reported once, inside the branch meant, rather than once per branch.
 */
export function filterValidationSchema(self: JsonSchema): JsonSchema {
  const b = branchSchemas(self);
  const byOp = conditional(hasOp('in'), b.in, conditional(hasOp('isNull'), b.isNull, b.compare));
  return { type: 'object', ...conditional(has('and'), b.and, conditional(has('or'), b.or, conditional(has('not'), b.not, byOp))) };
}

const has = (key: string) => ({ required: [key] });
const hasOp = (op: string) => ({ required: ['op'], properties: { op: { const: op } } });

/** JSON Schema's if/then/else. */
function conditional(condition: JsonSchema, match: JsonSchema, otherwise: JsonSchema): JsonSchema {
  // oxlint-disable-next-line unicorn/no-thenable -- a schema keyword, never awaited
  return { if: condition, then: match, else: otherwise };
}

const pointerToField = (pointer: string) => pointer.split('/').filter(Boolean).join('.');

function tooComplex(pointer: string, code: string, limit: number, message: string): Problem {
  const error = { field: pointerToField(pointer), pointer, code, message, params: { limit } };
  return new Problem(400, { key: 'detail.filterTooComplex', en: message }, [error]);
}

/**
 * Refuses a filter nested deeper or holding more than the limits, before anything recursive (the
 * validator, the conversion) walks it: the walk itself keeps its own stack, so no depth can overflow it.
 */
export function checkFilterSize(filter: unknown, at = '/filter'): void {
  let conditions = 0;
  let values = 0;
  const stack: Array<{ node: unknown; pointer: string; depth: number }> = [{ node: filter, pointer: at, depth: 0 }];
  while (stack.length) {
    const { node, pointer, depth } = stack.pop()!;
    if (!node || typeof node !== 'object' || Array.isArray(node)) continue;
    const record = node as Record<string, unknown>;
    const children: Array<[unknown, string]> = [];
    for (const kind of ['and', 'or'] as const) {
      const items = record[kind];
      if (Array.isArray(items)) items.forEach((item, i) => children.push([item, `${pointer}/${kind}/${i}`]));
    }
    if ('not' in record) children.push([record.not, `${pointer}/not`]);
    if (children.length === 0) {
      conditions += 1;
      values += Array.isArray(record.value) ? record.value.length : 1;
      if (conditions > MAX_FILTER_CONDITIONS) throw tooComplex(pointer, 'filter_too_large', MAX_FILTER_CONDITIONS, `A filter may hold at most ${MAX_FILTER_CONDITIONS} conditions.`);
      if (values > MAX_FILTER_VALUES) throw tooComplex(pointer, 'filter_too_large', MAX_FILTER_VALUES, `A filter may hold at most ${MAX_FILTER_VALUES} values.`);
      continue;
    }
    if (depth >= MAX_FILTER_DEPTH) throw tooComplex(pointer, 'filter_too_deep', MAX_FILTER_DEPTH, `A filter may nest and, or and not at most ${MAX_FILTER_DEPTH} levels deep.`);
    for (const [child, childPointer] of children) stack.push({ node: child, pointer: childPointer, depth: depth + 1 });
  }
}

/**
 * The filter tree of a validated JSON filter. Each condition remembers where it came from (`at`, a
 * JSON pointer), so a field or value the object refuses is reported at that node.
 */
export function filterFromJson(filter: JsonFilter, at = '/filter'): FilterNode {
  if ('and' in filter) return { kind: 'and', items: filter.and.map((item, i) => filterFromJson(item, `${at}/and/${i}`)) };
  if ('or' in filter) return { kind: 'or', items: filter.or.map((item, i) => filterFromJson(item, `${at}/or/${i}`)) };
  if ('not' in filter) return { kind: 'not', item: filterFromJson(filter.not, `${at}/not`) };
  const path = filter.field.split('.');
  if (filter.op === 'in') return { kind: 'in', path, values: filter.value, at };
  if (filter.op === 'isNull') return { kind: 'isNull', path, isNull: filter.value ?? true, at };
  return { kind: 'compare', path, op: filter.op, value: filter.value, at };
}

/** The same problem, its filter errors moved from the `filter` parameter to the node at `pointer`. */
export function locateFilterProblem(problem: Problem, pointer: string): Problem {
  const errors: FieldError[] = problem.errors.map((e) => (e.field === 'filter' ? { ...e, field: pointerToField(pointer), pointer } : e));
  return new Problem(problem.status, problem.detail, errors, problem.headers);
}
