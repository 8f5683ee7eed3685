// Access control applied to records: the record conditions of server/platform/access plus what only
// the records layer can do (compiling sharing-rule filters, owned child records), and field-level
// security. An owned child (a field of a type whose reference `isOwning`, e.g. a quote line's quote)
// has no access of its own: whoever may read its parent reads it, whoever may edit the parent
// creates, changes and deletes it, and it is gone from reads while its parent is deleted.
import { sql, type SQL } from 'drizzle-orm';
import { assertObjectAction, recordAccessBeyondOwnership, recordAccessCondition, fieldRestrictions, canDo, type AccessLevel, type ObjectAction } from '../platform/access/index.ts';
import { Problem, invalidField } from '../platform/http/problem.ts';
import { parseFilter, type FilterNode } from './filter.ts';
import { compileFilter, type FilterScope } from './filter-sql.ts';
import { columnRef, systemFieldDefinitions } from './columns.ts';
import { codecOf } from './fields.ts';
import type { Caller } from './caller.ts';
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

// Per definition object: a registry reload makes new ones, so an entry never outlives its fields.
const parentFields = new WeakMap<ObjectDefinition, FieldDefinition | null>();

/** The field naming the record an owned child belongs to, or undefined for an object of its own. */
export function parentFieldOf(def: ObjectDefinition): FieldDefinition | undefined {
  let parent = parentFields.get(def);
  if (parent === undefined) {
    parent = def.fields.find((f) => codecOf(f).reference?.isOwning) ?? null;
    parentFields.set(def, parent);
  }
  return parent ?? undefined;
}

/** The object and action a permission check is about: an owned child's are its parent's (read, or edit). */
function permissionOf(c: Caller, def: ObjectDefinition, action: ObjectAction): [ObjectDefinition, ObjectAction] {
  const parent = parentFieldOf(def);
  if (!parent) return [def, action];
  return permissionOf(c, c.registry.get(parent.target!), action === 'read' ? 'read' : 'edit');
}

/** Whether the caller's roles allow the action on the object (on an owned child: on its parent). */
export function canDoOn(c: Caller, def: ObjectDefinition, action: ObjectAction): boolean {
  const [target, targetAction] = permissionOf(c, def, action);
  return canDo(c.ctx, target.name, targetAction);
}

/** Throws 403 (405 on read-only objects) unless the caller may take the action on the object at all. */
export function assertCanDo(c: Caller, def: ObjectDefinition, action: ObjectAction): void {
  if (def.isReadOnly) assertObjectAction(c.ctx, def, action);
  const [target, targetAction] = permissionOf(c, def, action);
  assertObjectAction(c.ctx, target, targetAction);
}

/** Rows of an owned child whose live parent meets `condition` (visibleRows or editableRows of the parent). */
function throughParent(c: Caller, def: ObjectDefinition, parent: FieldDefinition, alias: string, condition: typeof visibleRows): SQL {
  const parentDef = c.registry.get(parent.target!);
  const p = sql.identifier(`${alias}_parent`);
  return sql`exists (select 1 from ${sql.identifier(parentDef.table)} ${p} where ${p}.id = ${columnRef(alias, parent)}
    and ${p}.deleted_at is null and ${condition(c, parentDef, `${alias}_parent`)})`;
}

/** Rows of `def` the caller may see: none without the object's read permission, on any path. */
export function visibleRows(c: Caller, def: ObjectDefinition, alias: string): SQL {
  const parent = parentFieldOf(def);
  if (parent) return throughParent(c, def, parent, alias, visibleRows);
  if (!canDo(c.ctx, def.name, 'read')) return sql`false`;
  return recordAccessCondition(c.ctx, def, alias, 'read', sharedByRules(c, def, alias, 'read'));
}

/**
 * Rows of `def` the caller sees other than through ownership (see recordAccessBeyondOwnership); only
 * for objects with owners of their own, not owned children.
 */
export function visibleRowsBeyondOwnership(c: Caller, def: ObjectDefinition, alias: string): SQL {
  if (parentFieldOf(def)) throw new Error(`${def.name} has no owners of its own.`);
  if (!canDo(c.ctx, def.name, 'read')) return sql`false`;
  return recordAccessBeyondOwnership(c.ctx, def, alias, 'read', sharedByRules(c, def, alias, 'read'));
}

/**
 * Whether no record-level condition limits what the caller reads of `def` (the cases where
 * visibleRows is `true`). For choosing a query's shape only: the condition itself stays in the query.
 */
export function seesEveryRow(c: Caller, def: ObjectDefinition): boolean {
  if (parentFieldOf(def) || !canDo(c.ctx, def.name, 'read')) return false;
  if (c.ctx.isAdmin || canDo(c.ctx, def.name, 'editAll') || canDo(c.ctx, def.name, 'readAll')) return true;
  return def.access.default === 'publicReadWrite' || def.access.default === 'publicRead';
}

/** Rows of `def` the caller may change. */
export function editableRows(c: Caller, def: ObjectDefinition, alias: string): SQL {
  const parent = parentFieldOf(def);
  if (parent) return throughParent(c, def, parent, alias, editableRows);
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
  if (isOwnerChange && !canDoOn(c, def, 'changeOwner')) {
    errors.push({ field: 'ownerId', code: 'read_only', message: 'your role may not assign records to someone else' });
  }
  if (errors.length) throw new Problem(403, { key: 'detail.fieldsReadOnly', params: { fields: errors.map((e) => e.field).join(', ') } }, errors);
}

/** An object as the caller sees it: undefined without read permission, hidden fields removed. */
export function definitionFor(c: Caller, def: ObjectDefinition): ObjectDefinition | undefined {
  if (!canDoOn(c, def, 'read')) return undefined;
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
    isFieldHidden: (def, field) => isHidden(c, def, field.name),
  };
}

/** Treats a hidden field like a field that does not exist (400), so its existence does not leak. */
export function assertFieldVisible(c: Caller, def: ObjectDefinition, field: FieldDefinition, param: string): void {
  if (isHidden(c, def, field.name)) {
    // Worded exactly like a field that does not exist (list-query.ts, read.ts), so the two cannot be told apart.
    throw invalidField(param, 'unknown_field', `"${field.name.slice(0, 100)}" is not a field of ${def.name}.`);
  }
}
