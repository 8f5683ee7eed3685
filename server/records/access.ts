// Access control applied to records: the record conditions of server/platform/access plus what only
// the records layer can do (compiling sharing-rule filters), and field-level security.
import { sql, type SQL } from 'drizzle-orm';
import { recordAccessCondition, fieldRestrictions, canDo, type AccessLevel } from '../platform/access/index.ts';
import { Problem } from '../platform/http/problem.ts';
import { parseFilter, type FilterNode } from './filter.ts';
import { compileFilter, type FilterScope } from './filter-sql.ts';
import { systemFieldDefinitions } from './columns.ts';
import type { Caller } from './read.ts';
import type { FieldDefinition, ObjectDefinition, RecordValues } from './types.ts';

const parsedRules = new Map<string, FilterNode | null>();

function parseRule(filter: string): FilterNode | null {
  if (!parsedRules.has(filter)) {
    try {
      parsedRules.set(filter, parseFilter(filter));
    } catch {
      parsedRules.set(filter, null); // validated when saved; a rule broken later shares nothing
    }
  }
  return parsedRules.get(filter)!;
}

/** The caller's sharing rules on `def`, as one SQL condition (null when none apply). */
function sharedByRules(c: Caller, def: ObjectDefinition, alias: string, level: AccessLevel): SQL | null {
  const rules = c.ctx.sharingRules.filter((r) => r.objectName === def.name && (level === 'read' || r.access === 'edit'));
  // Rules are written by administrators and judge the record's own data, whoever reads it.
  const scope: FilterScope = { registry: c.registry, visibleRows: () => sql`true` };
  const conditions: SQL[] = [];
  for (const rule of rules) {
    const tree = parseRule(rule.filter);
    if (!tree) continue;
    try {
      conditions.push(compileFilter(tree, def, alias, scope));
    } catch {
      // a field the rule used was deleted: the rule shares nothing until fixed
    }
  }
  return conditions.length ? sql`(${sql.join(conditions, sql` or `)})` : null;
}

/** Rows of `def` the caller may see: none without the object's read permission, on any path. */
export function visibleRows(c: Caller, def: ObjectDefinition, alias: string): SQL {
  if (!canDo(c.ctx, def.name, 'read')) return sql`false`;
  return recordAccessCondition(c.ctx, def, alias, 'read', sharedByRules(c, def, alias, 'read'));
}

/** Rows of `def` the caller may change. */
export function editableRows(c: Caller, def: ObjectDefinition, alias: string): SQL {
  if (!canDo(c.ctx, def.name, 'read')) return sql`false`;
  return recordAccessCondition(c.ctx, def, alias, 'edit', sharedByRules(c, def, alias, 'edit'));
}

/** The object's fields the caller may see (system fields are always visible). */
export function visibleFields(c: Caller, def: ObjectDefinition): FieldDefinition[] {
  return [...systemFieldDefinitions, ...visibleDefinedFields(c, def)];
}

/** Whether a field is hidden from the caller. */
export function isHidden(c: Caller, def: ObjectDefinition, fieldName: string): boolean {
  return fieldRestrictions(c.ctx, def.name).get(fieldName) === 'hidden';
}

/** The object's fields the caller may see, without system fields (the one place FLS filters fields). */
export function visibleDefinedFields(c: Caller, def: ObjectDefinition): FieldDefinition[] {
  const restrictions = fieldRestrictions(c.ctx, def.name);
  return def.fields.filter((f) => restrictions.get(f.name) !== 'hidden');
}

/** Removes the fields the caller may not see from a record read with all fields. */
export function withoutHidden(c: Caller, def: ObjectDefinition, record: RecordValues): RecordValues {
  const restrictions = fieldRestrictions(c.ctx, def.name);
  if (restrictions.size === 0) return record;
  return Object.fromEntries(Object.entries(record).filter(([name]) => restrictions.get(name) !== 'hidden'));
}

/** Refuses (403, naming them) writes to hidden or read-only fields, and owner changes without permission. */
export function assertWritableFields(c: Caller, def: ObjectDefinition, values: RecordValues, currentOwnerId?: unknown): void {
  const restrictions = fieldRestrictions(c.ctx, def.name);
  const errors = Object.keys(values)
    .filter((name) => restrictions.has(name))
    .map((name) => ({ field: name, code: 'read_only', message: `${name} is read-only for your role` }));
  const ownerId = values.ownerId;
  const isOwnerChange = ownerId !== undefined && ownerId !== (currentOwnerId ?? c.ctx.userId);
  if (isOwnerChange && !canDo(c.ctx, def.name, 'changeOwner')) {
    errors.push({ field: 'ownerId', code: 'read_only', message: 'your role may not assign records to someone else' });
  }
  if (errors.length) throw new Problem(403, `You may not change ${errors.map((e) => e.field).join(', ')}.`, errors);
}

/** An object as the caller sees it: undefined without read permission, hidden fields removed. */
export function definitionFor(c: Caller, def: ObjectDefinition): ObjectDefinition | undefined {
  if (!canDo(c.ctx, def.name, 'read')) return undefined;
  const restrictions = fieldRestrictions(c.ctx, def.name);
  if (restrictions.size === 0) return def;
  return {
    ...def,
    fields: def.fields
      .filter((f) => restrictions.get(f.name) !== 'hidden')
      .map((f) => (restrictions.get(f.name) === 'readOnly' ? { ...f, isReadOnly: true } : f)),
  };
}

/** A filter scope for the caller: lookups see what the caller may read; hidden fields are unknown. */
export function callerFilterScope(c: Caller): FilterScope {
  return {
    registry: c.registry,
    visibleRows: (def, alias) => visibleRows(c, def, alias),
    checkField: (def, field) => assertFieldVisible(c, def, field, 'filter'),
  };
}

/** Treats a hidden field like a field that does not exist (400), so its existence does not leak. */
export function assertFieldVisible(c: Caller, def: ObjectDefinition, field: FieldDefinition, param: string): void {
  if (isHidden(c, def, field.name)) {
    throw new Problem(400, `"${field.name}" is not a field of ${def.name}.`, [
      { field: param, code: 'unknown_field', message: `"${field.name}" is not a field of ${def.name}` },
    ]);
  }
}
