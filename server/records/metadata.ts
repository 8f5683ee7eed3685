// Custom objects and fields: stored as definitions, made real as tables and columns in the same
// transaction, and live in the API, search and OpenAPI as soon as the request returns.
import { and, eq, sql } from 'drizzle-orm';
import { customFields, customObjects } from '../platform/db/schema.ts';
import { logAuditEvent } from '../platform/audit/audit.ts';
import { Problem, invalidField } from '../platform/http/problem.ts';
import type { RequestContext } from '../platform/auth/context.ts';
import type { Database } from '../platform/db/index.ts';
import { systemFieldDefinitions } from './columns.ts';
import { dropFieldDdl, fieldDdl, objectDdl } from './ddl.ts';
import { codecOf, customFieldTypes, hasColumn } from './fields.ts';
import { isValidValue } from './validation.ts';
import type { Registry } from './registry.ts';
import { Type, type Static } from 'typebox';
import { fieldInputSchema, objectInputSchema, toColumnName, type FieldDefinition, type ObjectDefinition } from './types.ts';

/** Body of POST /metadata/objects/{object}/fields: a field of a type custom fields may use. */
export const customFieldSchema = Type.Object(
  { ...fieldInputSchema.properties, type: Type.Enum(customFieldTypes) },
  { additionalProperties: false },
);
/** Body of POST /metadata/objects. */
export const customObjectSchema = Type.Object(
  { ...objectInputSchema.properties, fields: Type.Optional(Type.Array(customFieldSchema, { maxItems: 200 })) },
  { additionalProperties: false },
);
export type CustomFieldInput = Static<typeof customFieldSchema>;
export type CustomObjectInput = Static<typeof customObjectSchema>;

const MAX_INDEXED_LENGTH = 500;
const MAX_IDENTIFIER_BYTES = 63; // PostgreSQL silently truncates longer names

// Names a custom object may not take: words of the records API's own paths, and every first segment
// of a fixed route under /api/v1 (added as routes register, see reserveApiName).
const reservedNames = new Set(['openapi', 'docs', 'bulk', 'by', 'aggregate', 'query']);

/** Keeps a custom object from taking the name of a fixed route (`/api/v1/{name}`). */
export function reserveApiName(name: string): void {
  reservedNames.add(name);
}

// Columns every record table has, including the two no field describes.
const systemColumns = [...systemFieldDefinitions.map((f) => toColumnName(f.name)), 'deleted_by', 'search_tokens'];

/** The columns a field occupies (a phone also has `<col>_original`, a currency `<col>_currency`). */
function columnsOf(field: FieldDefinition): string[] {
  if (!hasColumn(field)) return [];
  const extra = codecOf(field).extraColumn;
  return [toColumnName(field.name), ...(extra ? [toColumnName(field.name) + extra.suffix] : [])];
}

function checkField(registry: Registry, def: ObjectDefinition, field: FieldDefinition): void {
  if (def.fields.some((f) => f.name === field.name) || systemFieldDefinitions.some((f) => f.name === field.name)) {
    throw new Problem(409, { key: 'detail.fieldNameTaken', params: { object: def.name, field: field.name } }, [{ field: 'name', code: 'exists', message: 'is taken' }]);
  }
  const taken = new Set([...systemColumns, ...def.fields.flatMap(columnsOf)]);
  if (columnsOf(field).some((column) => taken.has(column))) {
    throw invalidField('name', 'exists', 'is too close to an existing field name');
  }
  if (field.default !== undefined && !isValidValue(field, field.default)) {
    // A bad default would make every later create of the object fail in the database.
    throw invalidField('default', 'invalid', `is not a valid ${field.type} value for this field`);
  }
  const needsTarget = field.type === 'lookup' || field.type === 'multiLookup';
  if (needsTarget && (!field.target || !registry.has(field.target))) throw invalidField('target', 'unknown_object', 'must name an existing object');
  if (!needsTarget && field.target) throw invalidField('target', 'not_allowed', 'applies to lookup fields only');
  const hasOptions = field.type === 'select' || field.type === 'multiSelect';
  if (hasOptions && !field.options?.length) throw invalidField('options', 'required', 'a pick-list needs at least one option');
  if (hasOptions && new Set(field.options!.map((o) => o.value)).size !== field.options!.length) {
    throw invalidField('options', 'duplicate', 'option values must be unique');
  }
  if (!hasOptions && field.options) throw invalidField('options', 'not_allowed', 'applies to pick-lists only');
  if ((field.isUnique || field.isExternalId) && !['text', 'email', 'phone', 'url', 'number'].includes(field.type)) {
    throw invalidField('isUnique', 'not_allowed', 'only text, e-mail, phone, url and number fields can be unique');
  }
  if (field.isIndexed && !codecOf(field).isOrderable) {
    throw invalidField('isIndexed', 'not_allowed', `${field.type} fields cannot be indexed; filter on them without an index`);
  }
  // A B-tree entry must fit in a page: long indexed text would fail on ordinary writes.
  if ((field.isIndexed || field.isUnique || field.isExternalId) && (field.maxLength ?? 0) > MAX_INDEXED_LENGTH) {
    throw invalidField('maxLength', 'too_long', `an indexed or unique text field holds at most ${MAX_INDEXED_LENGTH} characters`);
  }
  if (columnsOf(field).some((column) => Buffer.byteLength(column) > MAX_IDENTIFIER_BYTES)) {
    throw invalidField('name', 'too_long', 'is too long to be a column name');
  }
}

/** Adds a custom field to any object (standard or custom). */
export async function addCustomField(db: Database, registry: Registry, ctx: RequestContext, objectName: string, body: FieldDefinition) {
  const def = registry.get(objectName);
  const field: FieldDefinition = { ...body, isCustom: true };
  checkField(registry, def, field);
  await registry.change(db, async (tx) => {
    // ADD COLUMN IF NOT EXISTS would silently adopt a column the table already has for another purpose
    // (users.password_hash): the table itself is the judge.
    const existing = await tx.rows<{ column_name: string }>(sql`select column_name from information_schema.columns
      where table_schema = current_schema() and table_name = ${def.table}`);
    if (columnsOf(field).some((column) => existing.some((r) => r.column_name === column))) {
      throw invalidField('name', 'exists', 'is too close to an existing column of the table');
    }
    await tx.orm.insert(customFields).values({ objectName, name: field.name, definition: field });
    await tx.exec(fieldDdl(def, field, registry.tableOf).join(';\n') + ';\n');
    await logAuditEvent(tx, { actorId: ctx.userId, action: 'metadata.field.create', target: `${objectName}.${field.name}`, details: { field } });
  });
  return field;
}

/**
 * Deletes a custom field and its data (standard fields cannot be deleted). A searchable field's words
 * stay in the records' search tokens until `rebuildSearch` (given the transaction) has them rebuilt.
 */
export async function deleteCustomField(
  db: Database,
  registry: Registry,
  ctx: RequestContext,
  objectName: string,
  fieldName: string,
  rebuildSearch?: (tx: Database) => Promise<unknown>,
) {
  const def = registry.get(objectName);
  const field = def.fields.find((f) => f.name === fieldName);
  if (!field) throw new Problem(404, { key: 'detail.noSuchField', params: { object: objectName, field: fieldName.slice(0, 100) } });
  if (!field.isCustom) throw new Problem(403, { key: 'detail.standardFieldUndeletable', params: { field: fieldName } });
  if (def.titleField === fieldName) throw new Problem(409, { key: 'detail.titleFieldUndeletable', params: { field: fieldName, object: objectName } });
  await registry.change(db, async (tx) => {
    await tx.orm.delete(customFields).where(and(eq(customFields.objectName, objectName), eq(customFields.name, fieldName)));
    if (def.isCustom) {
      const updated = { ...def, fields: def.fields.filter((f) => f.name !== fieldName) };
      await tx.orm.update(customObjects).set({ definition: updated }).where(eq(customObjects.name, objectName));
    }
    await tx.exec(dropFieldDdl(def, field).join(';\n') + ';\n');
    if (field.isSearchable && rebuildSearch) await rebuildSearch(tx);
    await logAuditEvent(tx, { actorId: ctx.userId, action: 'metadata.field.delete', target: `${objectName}.${fieldName}`, details: { field } });
  });
}

/** Creates a custom object with a `name` title field plus the given fields. */
export async function createCustomObject(
  db: Database,
  registry: Registry,
  ctx: RequestContext,
  body: CustomObjectInput,
) {
  if (registry.has(body.name) || reservedNames.has(body.name)) {
    throw new Problem(409, { key: 'detail.objectNameTaken', params: { name: body.name } }, [{ field: 'name', code: 'exists', message: 'is taken' }]);
  }
  const def: ObjectDefinition = {
    name: body.name,
    label: body.label,
    labelPlural: body.labelPlural,
    table: `x_${toColumnName(body.name)}`,
    titleField: 'name',
    access: body.access?.default ? { default: body.access.default } : { default: 'private' },
    isCustom: true,
    fields: [{ name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, isRequired: true, isSearchable: true, isIndexed: true }],
  };
  if (Buffer.byteLength(def.table) > MAX_IDENTIFIER_BYTES) throw invalidField('name', 'too_long', 'is too long to be a table name');
  for (const [i, field] of (body.fields ?? []).entries()) {
    try {
      checkField(registry, def, field);
    } catch (error) {
      if (error instanceof Problem) throw new Problem(error.status, error.detail, error.errors.map((e) => ({ ...e, field: `fields.${i}.${e.field}` })));
      throw error;
    }
    def.fields.push({ ...field, isCustom: true });
  }
  await registry.change(db, async (tx) => {
    await tx.orm.insert(customObjects).values({ name: def.name, definition: def });
    await tx.exec(objectDdl(def, (name) => (name === def.name ? def.table : registry.tableOf(name))).join(';\n') + ';\n');
    await logAuditEvent(tx, { actorId: ctx.userId, action: 'metadata.object.create', target: def.name, details: { definition: def } });
  });
  return registry.get(def.name);
}
