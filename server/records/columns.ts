// From definitions to SQL select lists and back to API records: the one place that knows how a
// record's columns map to its JSON shape.
import { sql, type SQL } from 'drizzle-orm';
import { toInteger } from '../platform/db/database.ts';
import { codecOf, hasColumn } from './fields.ts';
import { junctionTable } from './sql-names.ts';
import { toColumnName, type FieldDefinition, type ObjectDefinition, type RecordValues } from './types.ts';

/** The system columns, described as fields so filters and sorts treat them like any other. */
export const systemFieldDefinitions: FieldDefinition[] = [
  { name: 'id', type: 'lookup', label: { en: 'ID', 'zh-CN': 'ID' } },
  { name: 'version', type: 'number', label: { en: 'Version', 'zh-CN': '版本' } },
  { name: 'ownerId', type: 'owner', target: 'users', label: { en: 'Owner', 'zh-CN': '负责人' } },
  { name: 'createdAt', type: 'datetime', label: { en: 'Created', 'zh-CN': '创建时间' } },
  { name: 'updatedAt', type: 'datetime', label: { en: 'Updated', 'zh-CN': '更新时间' } },
  { name: 'createdBy', type: 'owner', target: 'users', label: { en: 'Created by', 'zh-CN': '创建人' } },
  { name: 'updatedBy', type: 'owner', target: 'users', label: { en: 'Updated by', 'zh-CN': '更新人' } },
  { name: 'deletedAt', type: 'datetime', label: { en: 'Deleted', 'zh-CN': '删除时间' } },
];

const notNullSystemColumns = new Set(['id', 'version', 'created_at', 'updated_at']);

/** Every field of an object, system fields first. */
export function allFields(def: ObjectDefinition): FieldDefinition[] {
  return [...systemFieldDefinitions, ...def.fields];
}

/** Finds a field (system or defined) by API name. */
export function fieldByName(def: ObjectDefinition, name: string): FieldDefinition | undefined {
  return systemFieldDefinitions.find((f) => f.name === name) ?? def.fields.find((f) => f.name === name);
}

/** Whether the column can never hold NULL (lets keyset pagination use a row comparison). */
export function isNotNullColumn(field: FieldDefinition): boolean {
  return notNullSystemColumns.has(toColumnName(field.name)) || (Boolean(field.isRequired) && !field.isCustom);
}

/** `alias.column` for a field. */
export function columnRef(alias: string, field: FieldDefinition, suffix = ''): SQL {
  return sql`${sql.identifier(alias)}.${sql.identifier(toColumnName(field.name) + suffix)}`;
}

/** The SELECT list for the given fields (all when omitted). */
export function selectList(def: ObjectDefinition, alias: string, fields: FieldDefinition[]): SQL {
  const parts: SQL[] = [];
  for (const field of fields) {
    const column = toColumnName(field.name);
    if (!hasColumn(field)) {
      const junction = sql.identifier(junctionTable(def, field));
      parts.push(
        sql`array(select j.target_id from ${junction} j where j.record_id = ${sql.identifier(alias)}.id order by j.target_id) as ${sql.identifier(column)}`,
      );
      continue;
    }
    parts.push(columnRef(alias, field));
    const extra = codecOf(field).extraColumn;
    if (extra) parts.push(columnRef(alias, field, extra.suffix));
  }
  return sql.join(parts, sql`, `);
}

type DecodePlan = Array<{ name: string; column: string; decode?: (value: unknown, extra: unknown) => unknown; extra?: string }>;

/** Each field's column, extra column and decoder, worked out once for many rows. */
function decodePlan(fields: FieldDefinition[]): DecodePlan {
  return fields.map((field) => {
    const column = toColumnName(field.name);
    const codec = codecOf(field);
    return { name: field.name, column, decode: field.name === 'version' ? toInteger : codec.decode, extra: codec.extraColumn && column + codec.extraColumn.suffix };
  });
}

function decodeInto(record: RecordValues, plan: DecodePlan, row: Record<string, unknown>): RecordValues {
  for (const { name, column, decode, extra } of plan) {
    const value = row[column] ?? null;
    record[name] = value !== null && decode ? decode(value, extra ? row[extra] : undefined) : value;
  }
  return record;
}

/**
 * Turns a page of database rows into API records. Each record starts as a copy of one made with every
 * field at once: more than 12 properties added one by one put an object in V8's dictionary mode
 * (about three times the memory, and slower to serialize).
 */
export function decodeRecords(fields: FieldDefinition[], rows: Record<string, unknown>[]): RecordValues[] {
  const template = JSON.parse(JSON.stringify(Object.fromEntries(fields.map((f) => [f.name, null])))) as RecordValues;
  const plan = decodePlan(fields);
  return rows.map((row) => decodeInto({ ...template }, plan, row));
}

/** Turns a database row into the API shape of a record. */
export function decodeRecord(fields: FieldDefinition[], row: Record<string, unknown>): RecordValues {
  return decodeInto({}, decodePlan(fields), row);
}
