// Names of the tables and indexes the engine derives from definitions, within PostgreSQL's limits.
import { createHash } from 'node:crypto';
import { toColumnName, type FieldDefinition, type ObjectDefinition } from './types.ts';

const MAX_IDENTIFIER_BYTES = 63;

/** A double-quoted SQL identifier for DDL text. */
export const q = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** A derived name (index, junction table) that fits PostgreSQL's limit, which would silently truncate it. */
export function fitName(name: string): string {
  if (Buffer.byteLength(name) <= MAX_IDENTIFIER_BYTES) return name;
  return `${name.slice(0, 50)}_${createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
}

/** Name of the junction table that holds a multiLookup field's links. */
export function junctionTable(def: ObjectDefinition, field: FieldDefinition): string {
  return fitName(`${def.table}__${toColumnName(field.name)}`);
}
