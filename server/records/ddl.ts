// Tables, columns and indexes from object definitions. Every statement is idempotent, so the same
// function creates a new object, adds a custom field, or brings an older database up to date at boot.
import { codecOf, hasColumn, referenceTarget } from './fields.ts';
import { fitName, junctionTable, q } from './sql-names.ts';
import { searchIndexOf, searchIndexOptions } from './search-statistics.ts';
import { toColumnName, type FieldDefinition, type ObjectDefinition } from './types.ts';

function columnDefinitions(field: FieldDefinition, tableOf: (object: string) => string, isNew: boolean): string[] {
  if (!hasColumn(field)) return [];
  const codec = codecOf(field);
  const column = toColumnName(field.name);
  let definition = `${q(column)} ${codec.columnType}`;
  // NOT NULL only on a fresh table: adding it to a table with rows would fail.
  if (isNew && field.isRequired && !field.isCustom) definition += ' NOT NULL';
  const target = referenceTarget(field);
  if (target) definition += ` REFERENCES ${q(tableOf(target))}(id) ON DELETE ${codec.reference!.onDelete}`;
  const columns = [definition];
  if (codec.extraColumn) columns.push(`${q(column + codec.extraColumn.suffix)} ${codec.extraColumn.type}`);
  return columns;
}

function fieldIndexes(def: ObjectDefinition, field: FieldDefinition, tableOf: (object: string) => string): string[] {
  const table = def.table;
  const column = toColumnName(field.name);
  if (!hasColumn(field)) {
    const junction = junctionTable(def, field);
    return [
      `CREATE TABLE IF NOT EXISTS ${q(junction)} (record_id uuid NOT NULL REFERENCES ${q(table)}(id) ON DELETE CASCADE, ` +
        `target_id uuid NOT NULL REFERENCES ${q(tableOf(referenceTarget(field)!))}(id) ON DELETE CASCADE, PRIMARY KEY (record_id, target_id))`,
      `CREATE INDEX IF NOT EXISTS ${q(fitName(`${junction}_target_idx`))} ON ${q(junction)} (target_id)`,
    ];
  }
  const statements: string[] = [];
  if (field.isUnique || field.isExternalId || codecOf(field).isUnique) {
    statements.push(
      `CREATE UNIQUE INDEX IF NOT EXISTS ${q(fitName(`${table}_${column}_key`))} ON ${q(table)} (${q(column)}) WHERE deleted_at IS NULL`,
    );
  }
  if (codecOf(field).reference) {
    // Plain (not partial): timelines and purges look records up by parent whether deleted or not.
    statements.push(`CREATE INDEX IF NOT EXISTS ${q(fitName(`${table}_${column}_idx`))} ON ${q(table)} (${q(column)})`);
  } else if (field.isIndexed) {
    statements.push(
      `CREATE INDEX IF NOT EXISTS ${q(fitName(`${table}_${column}_idx`))} ON ${q(table)} (${q(column)}, id) WHERE deleted_at IS NULL`,
      // Filtering on the field while listing newest first (the default order) walks this one.
      `CREATE INDEX IF NOT EXISTS ${q(fitName(`${table}_${column}_recent_idx`))} ON ${q(table)} (${q(column)}, created_at DESC, id DESC) WHERE deleted_at IS NULL`,
    );
  }
  return statements;
}

/**
 * The title field search walks in title order for "title starts with the query" (a searchable text
 * column), or undefined when the object's title cannot be searched that way.
 */
export function titlePrefixField(def: ObjectDefinition): FieldDefinition | undefined {
  const field = def.fields.find((f) => f.name === def.titleField);
  return field?.isSearchable && hasColumn(field) && codecOf(field).columnType === 'text' ? field : undefined;
}

/**
 * The title in byte order (COLLATE "C", whatever the database's collation), so a prefix is one index
 * range; title and id ride along so the prefix search reads no heap page for them.
 */
function titlePrefixIndex(def: ObjectDefinition): string[] {
  const field = titlePrefixField(def);
  if (!field) return [];
  const column = q(toColumnName(field.name));
  return [
    `CREATE INDEX IF NOT EXISTS ${q(fitName(`${def.table}_title_prefix_idx`))} ON ${q(def.table)} ((lower(${column}) COLLATE "C")) INCLUDE (${column}, id) WHERE deleted_at IS NULL`,
  ];
}

/** DDL that creates or completes one object's table. */
export function objectDdl(def: ObjectDefinition, tableOf: (object: string) => string): string[] {
  const t = q(def.table);
  const fieldColumns = def.fields.flatMap((f) => columnDefinitions(f, tableOf, true));
  const statements = [
    `CREATE TABLE IF NOT EXISTS ${t} (
  id uuid PRIMARY KEY,
  version integer NOT NULL DEFAULT 1,
  owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  updated_by uuid,
  deleted_at timestamptz,
  deleted_by uuid,
  search_tokens text[] NOT NULL DEFAULT '{}'${fieldColumns.map((c) => `,\n  ${c}`).join('')}
)`,
    ...def.fields.flatMap((f) => fieldDdl(def, f, tableOf)),
    `CREATE INDEX IF NOT EXISTS ${q(fitName(`${def.table}_live_created_idx`))} ON ${t} (created_at DESC, id DESC) WHERE deleted_at IS NULL`,
    `CREATE INDEX IF NOT EXISTS ${q(fitName(`${def.table}_deleted_idx`))} ON ${t} (deleted_at) WHERE deleted_at IS NOT NULL`,
    `CREATE INDEX IF NOT EXISTS ${q(fitName(`${def.table}_owner_idx`))} ON ${t} (owner_id)`,
    `CREATE INDEX IF NOT EXISTS ${q(searchIndexOf(def.table))} ON ${t} USING gin (search_tokens) ${searchIndexOptions}`,
    ...titlePrefixIndex(def),
  ];
  return def.isReadOnly ? statements.slice(1) : statements;
}

/**
 * The definitions in an order in which each table is created after the tables its references point
 * at, so a lookup may name an object that a later module defines. Otherwise the given order is kept.
 * A cycle of references cannot be created in one pass: it is refused by name.
 */
export function inCreationOrder(defs: ObjectDefinition[]): ObjectDefinition[] {
  const byName = new Map(defs.map((def) => [def.name, def]));
  const ordered: ObjectDefinition[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (def: ObjectDefinition, path: string[]) => {
    if (state.get(def.name) === 'done') return;
    if (state.get(def.name) === 'visiting') throw new Error(`Object references form a cycle: ${[...path, def.name].join(' → ')}`);
    state.set(def.name, 'visiting');
    for (const field of def.fields) {
      const target = referenceTarget(field);
      const targetDef = target === undefined || target === def.name ? undefined : byName.get(target);
      if (targetDef) visit(targetDef, [...path, def.name]);
    }
    state.set(def.name, 'done');
    ordered.push(def);
  };
  for (const def of defs) visit(def, []);
  return ordered;
}

/** DDL that adds one field (column(s) and indexes) to an existing table. */
export function fieldDdl(def: ObjectDefinition, field: FieldDefinition, tableOf: (object: string) => string): string[] {
  return [
    ...columnDefinitions(field, tableOf, false).map((c) => `ALTER TABLE ${q(def.table)} ADD COLUMN IF NOT EXISTS ${c}`),
    ...fieldIndexes(def, field, tableOf),
  ];
}

/** DDL that removes a field's column(s) (indexes go with them) or its junction table. */
export function dropFieldDdl(def: ObjectDefinition, field: FieldDefinition): string[] {
  if (!hasColumn(field)) return [`DROP TABLE IF EXISTS ${q(junctionTable(def, field))}`];
  const column = toColumnName(field.name);
  const extra = codecOf(field).extraColumn;
  return [
    `ALTER TABLE ${q(def.table)} DROP COLUMN IF EXISTS ${q(column)}`,
    ...(extra ? [`ALTER TABLE ${q(def.table)} DROP COLUMN IF EXISTS ${q(column + extra.suffix)}`] : []),
  ];
}
