// Compiles a parsed filter into a parameterised SQL condition, checking every field and value against
// the object's definition. Lookup paths (account.city) become sub-selects on the target object that
// apply the same visibility rules as a direct read of it.
import { sql, type SQL } from 'drizzle-orm';
import { columnRef, fieldByName } from './columns.ts';
import { codecOf, hasColumn, referenceTarget } from './fields.ts';
import { badFilter, textFilter, type FilterTarget, type LeafNode } from './field-filters.ts';
import { junctionTable } from './sql-names.ts';
import type { FilterNode } from './filter.ts';
import { locateFilterProblem } from './filter-json.ts';
import { invalidField, Problem } from '../platform/http/problem.ts';
import type { Registry } from './registry.ts';
import type { FieldDefinition, ObjectDefinition } from './types.ts';

/** What a filter may see: the registry, and the visibility rule applied to every object it reaches. */
export interface FilterScope {
  registry: Registry;
  visibleRows: (def: ObjectDefinition, alias: string) => SQL;
  /** Whether the caller may not filter on a field (hidden from them): it is then refused like an unknown one. */
  isFieldHidden?: (def: ObjectDefinition, field: FieldDefinition) => boolean;
}

const MAX_PATH_HOPS = 3;

function unknownFilterField(pathText: string, head: string, def: ObjectDefinition): Problem {
  return invalidField('filter', 'unknown_field', `${pathText}: "${head.slice(0, 100)}" is not a field of ${def.name}.`);
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
      if (node.at === undefined || hops > 0) return compileCondition(node, def, alias, scope, hops);
      try {
        return compileCondition(node, def, alias, scope, hops);
      } catch (error) {
        throw error instanceof Problem ? locateFilterProblem(error, node.at) : error;
      }
  }
}

function resolveField(def: ObjectDefinition, segment: string): FieldDefinition | undefined {
  // `account.city` and `accountId.city` both name the lookup field accountId.
  return fieldByName(def, segment) ?? fieldByName(def, `${segment}Id`);
}

function compileCondition(node: LeafNode, def: ObjectDefinition, alias: string, scope: FilterScope, hops: number): SQL {
  const [head, ...rest] = node.path;
  const pathText = node.path.join('.');
  const field = resolveField(def, head!);
  // A field the caller may not see is refused in the very words of one that does not exist.
  if (!field || scope.isFieldHidden?.(def, field)) throw unknownFilterField(pathText, head!, def);
  const type = codecOf(field);
  const target: FilterTarget = { def, alias, field, column: columnRef(alias, field), pathText, isOrderable: type.isOrderable };
  if (rest.length === 0) return type.filter.condition(node, target);

  if (type.filter.part) {
    const pseudo: FieldDefinition = { name: rest.join('.'), type: 'text', label: field.label };
    return textFilter.condition(node, { ...target, field: pseudo, column: type.filter.part(target.column, rest), isOrderable: true });
  }
  const targetName = referenceTarget(field);
  if (!targetName) throw badFilter(pathText, `"${head}" is not a lookup, so it has no fields.`);
  if (hops >= MAX_PATH_HOPS) throw badFilter(pathText, `a path may follow at most ${MAX_PATH_HOPS} lookups.`);
  // "account.city ne 'x'" reads "not in an account in x", so it keeps records without an account
  // (or whose account the caller cannot see), as "ne" on a field keeps empty values.
  if (node.kind === 'compare' && node.op === 'ne') {
    return sql`not coalesce(${compileCondition({ ...node, op: 'eq' }, def, alias, scope, hops)}, false)`;
  }
  const targetDef = scope.registry.get(targetName);
  const sub = `s${hops + 1}`;
  const inner = compileFilter({ ...node, path: rest }, targetDef, sub, scope, hops + 1);
  const matching = sql`select ${sql.identifier(sub)}.id from ${sql.identifier(targetDef.table)} ${sql.identifier(sub)}
    where ${sql.identifier(sub)}.deleted_at is null and ${scope.visibleRows(targetDef, sub)} and ${inner}`;
  if (!hasColumn(field)) {
    return sql`exists (select 1 from ${sql.identifier(junctionTable(def, field))} j
      where j.record_id = ${sql.identifier(alias)}.id and j.target_id in (${matching}))`;
  }
  return sql`${columnRef(alias, field)} in (${matching})`;
}
