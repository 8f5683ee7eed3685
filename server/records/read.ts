// Reading records: lists (filter, sort, keyset cursor, field selection, totals) and single records.
import { sql, type SQL } from 'drizzle-orm';
import { assertCanDo, assertFieldVisible, callerFilterScope, editableRows, visibleFields, visibleRows } from './access.ts';
import { invalidField, notFound } from '../platform/http/problem.ts';
import { canDo } from '../platform/access/index.ts';
import { isUuid } from '../platform/ids.ts';
import { toInteger } from '../platform/db/database.ts';
import { allFields, decodeRecord, decodeRecords, fieldByName, selectList, systemFieldDefinitions } from './columns.ts';
import { parseFilter, type FilterNode } from './filter.ts';
import { compileFilter } from './filter-sql.ts';
import { afterCursor, cursorValues, decodeCursor, encodeCursor, orderBy, parseSort } from './list-query.ts';
import type { Caller } from './caller.ts';
import { cachedStatement, runCachedStatement } from './statement-cache.ts';
import { toColumnName, type FieldDefinition, type ObjectDefinition, type RecordValues } from './types.ts';

export interface ListQuery {
  /** The filter language's text, or a tree already built (from a JSON filter). */
  filter?: string | FilterNode;
  sort?: string;
  limit?: number;
  cursor?: string;
  fields?: string;
  count?: boolean;
  /** List the recycle bin (soft-deleted records) instead of live ones. */
  isDeleted?: boolean;
}

export interface ListResult {
  data: RecordValues[];
  nextCursor: string | null;
  total?: number;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

/** Parses `fields=name,city`; id and version always come back. Hidden fields count as unknown. */
function selectedFields(c: Caller, def: ObjectDefinition, fields: string | undefined): FieldDefinition[] {
  if (!fields) return visibleFields(c, def);
  const names = new Set(fields.split(',').map((f) => f.trim()).filter(Boolean));
  const selected: FieldDefinition[] = systemFieldDefinitions.filter((f) => f.name === 'id' || f.name === 'version');
  for (const name of names) {
    const field = fieldByName(def, name);
    if (!field) throw invalidField('fields', 'unknown_field', `"${name.slice(0, 100)}" is not a field of ${def.name}.`);
    assertFieldVisible(c, def, field, 'fields');
    if (!selected.includes(field)) selected.push(field);
  }
  return selected;
}

/** The live-or-deleted and visibility conditions every read of `def` starts from. */
export function baseConditions(c: Caller, def: ObjectDefinition, alias: string, isDeleted = false): SQL[] {
  const t = sql.identifier(alias);
  return [isDeleted ? sql`${t}.deleted_at is not null` : sql`${t}.deleted_at is null`, visibleRows(c, def, alias)];
}

/** A page size from the request: default 50, at most 500. */
export function parsePageLimit(limit: number | undefined): number {
  const n = limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) {
    throw invalidField('limit', 'out_of_range', `limit must be a whole number from 1 to ${MAX_LIMIT}.`);
  }
  return n;
}

// A filter longer than this is compiled for its request only, not kept as a statement's shape.
const MAX_CACHED_FILTER = 2000;

/** Lists records of an object. */
export async function listRecords(c: Caller, objectName: string, query: ListQuery): Promise<ListResult> {
  const def = c.registry.get(objectName);
  assertCanDo(c, def, 'read');
  const limit = parsePageLimit(query.limit);
  const fields = selectedFields(c, def, query.fields);
  const keys = parseSort(def, query.sort, (field) => assertFieldVisible(c, def, field, 'sort'));
  const cursor = query.cursor ? decodeCursor(keys, query.cursor) : undefined;
  // Text and JSON filters never share a statement: a text that looks like JSON must still be parsed (and refused) as text.
  const filterText = typeof query.filter === 'string' ? `text:${query.filter}` : query.filter && `json:${JSON.stringify(query.filter)}`;
  const conditionsOf = () => {
    const conditions = baseConditions(c, def, 't', query.isDeleted);
    if (query.filter !== undefined) {
      const tree = typeof query.filter === 'string' ? parseFilter(query.filter) : query.filter;
      conditions.push(compileFilter(tree, def, 't', callerFilterScope(c)));
    }
    return conditions;
  };
  const readFields = [...fields, ...keys.map((k) => k.field).filter((f) => !fields.includes(f))];
  const table = sql.identifier(def.table);
  // The page's values (the limit and the cursor's) are parameters; which cursor values are null changes the text.
  const cursorNames = keys.map((_, i) => `cursor${i}`);
  const pageQuery = (values: Record<string, unknown>) => {
    const conditions = conditionsOf();
    if (cursor) conditions.push(afterCursor(keys, cursor.map((value, i) => (value === null ? null : values[cursorNames[i]!])), 't'));
    return sql`select ${selectList(def, 't', readFields)} from ${table} t
      where ${sql.join(conditions, sql` and `)} order by ${orderBy(keys, 't')} limit ${values.limit}`;
  };
  const values: Record<string, unknown> = { limit: limit + 1, ...Object.fromEntries((cursor ?? []).map((value, i) => [cursorNames[i]!, value])) };
  const isCacheable = (filterText?.length ?? 0) <= MAX_CACHED_FILTER;
  const shape = ['list', def.name, query.fields ?? '', query.sort ?? '', query.isDeleted ? 'deleted' : '', filterText ?? '',
    cursor ? cursor.map((value) => (value === null ? 'null' : 'value')).join(',') : 'first'].join('\u0000');
  const rows = isCacheable
    ? await runCachedStatement<Record<string, unknown>>(c, cachedStatement(c, [def], shape, ['limit', ...cursorNames], pageQuery), values)
    : await c.db.rows(pageQuery(values));

  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  const result: ListResult = {
    data: decodeRecords(fields, page),
    nextCursor: hasMore && last ? encodeCursor(keys, cursorValues(keys, last, (f) => toColumnName(f.name))) : null,
  };
  if (query.count) {
    const [row] = await c.db.rows<{ total: unknown }>(
      sql`select count(*) as total from ${table} t where ${sql.join(conditionsOf(), sql` and `)}`,
    );
    result.total = toInteger(row?.total ?? 0);
  }
  return result;
}

/**
 * Reads one raw row (all columns) the caller may see, or undefined. For writes (`isLocked`), the row
 * is locked; then, or with `withCanEdit`, `can_edit` says whether the caller's access lets them change it.
 */
export async function findRow(
  c: Caller,
  def: ObjectDefinition,
  id: string,
  options: { isDeleted?: boolean; isLocked?: boolean; withCanEdit?: boolean } = {},
): Promise<Record<string, unknown> | undefined> {
  if (!isUuid(id)) return undefined;
  const isWithCanEdit = options.isLocked || options.withCanEdit;
  const shape = ['row', def.name, options.isDeleted ? 'deleted' : '', isWithCanEdit ? 'canEdit' : '', options.isLocked ? 'locked' : ''].join('\u0000');
  const statement = cachedStatement(c, [def], shape, ['id'], (values) => {
    const conditions = [sql`t.id = ${values.id}::uuid`, ...baseConditions(c, def, 't', options.isDeleted)];
    const canEdit = isWithCanEdit ? sql`, (${editableRows(c, def, 't')}) as can_edit` : sql``;
    return sql`select ${selectList(def, 't', allFields(def))}${canEdit} from ${sql.identifier(def.table)} t
      where ${sql.join(conditions, sql` and `)}${options.isLocked ? sql` for update of t` : sql``}`;
  });
  // A read by id has one shape per object and caller kind: prepared once per connection.
  const [row] = await runCachedStatement<Record<string, unknown>>(c, statement, { id }, true);
  return row;
}

/** Reads one record, or a 404 problem when it does not exist or the caller may not see it. */
export async function getRecord(c: Caller, objectName: string, id: string, fields?: string): Promise<RecordValues> {
  const def = c.registry.get(objectName);
  assertCanDo(c, def, 'read');
  const row = await findRow(c, def, id);
  if (!row) throw notFound(`The ${def.label.en.toLowerCase()}`);
  return decodeRecord(selectedFields(c, def, fields), row);
}

/**
 * What the caller may do with one live record: `edit`, `read`, or `none` when it does not exist or
 * is not visible (so callers answer 404 alike). Things attached to records (files) ask this.
 */
export async function recordAccessOf(c: Caller, objectName: string, id: string): Promise<'none' | 'read' | 'edit'> {
  if (!c.registry.has(objectName) || !isUuid(id)) return 'none';
  const def = c.registry.get(objectName);
  const [row] = await c.db.rows<{ can_edit: boolean }>(sql`select (${editableRows(c, def, 't')}) as can_edit
    from ${sql.identifier(def.table)} t where t.id = ${id}::uuid and ${sql.join(baseConditions(c, def, 't'), sql` and `)}`);
  if (!row) return 'none';
  return row.can_edit && canDo(c.ctx, def.name, 'edit') ? 'edit' : 'read';
}
