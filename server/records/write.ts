// Writing records: create, update (optimistic concurrency), soft delete, restore and upsert. Every write
// runs in one transaction with its field-level change log and search tokens, so nothing is half-done;
// the modules' hooks (hooks.ts) derive and validate inside it and run after-commit work once it commits.
import { sql, type SQL } from 'drizzle-orm';
import { canDo } from '../platform/access/index.ts';
import { assertCanDo, assertWritableFields, editableRows, visibleRows, withoutHidden } from './access.ts';
import { Problem, notFound, type FieldError } from '../platform/http/problem.ts';
import { newId } from '../platform/ids.ts';
import { toIsoTimestamp } from '../platform/db/database.ts';
import { allFields, decodeRecord, selectList, systemFieldDefinitions } from './columns.ts';
import { codecOf, hasColumn, referenceTarget } from './fields.ts';
import { junctionTable } from './sql-names.ts';
import { logChange } from './history.ts';
import { recordSearchTokens } from './search-tokens.ts';
import { findRow } from './read.ts';
import type { Caller } from './caller.ts';
import { guardWrite, recordWritten, runWriteHooks, writeTransaction } from './hooks.ts';
import { applyDefaults, encodeValues, validateBody } from './validation.ts';
import { toColumnName, type FieldDefinition, type ObjectDefinition, type RecordValues } from './types.ts';

export type Encoded = Map<FieldDefinition, unknown>;
const RESTORE_WINDOW_DAYS = 30;

/** The (column, value) pairs of encoded values kept in the record's own row. */
export function assignments(encoded: Encoded): Array<[string, unknown]> {
  const pairs: Array<[string, unknown]> = [];
  for (const [field, value] of encoded) {
    if (!hasColumn(field)) continue;
    const column = toColumnName(field.name);
    const extra = codecOf(field).extraColumn;
    if (extra) {
      const [main, second] = value as [unknown, unknown];
      pairs.push([column, main], [column + extra.suffix, second]);
    } else {
      pairs.push([column, value]);
    }
  }
  return pairs;
}

const systemColumnTypes: Record<string, string> = { id: 'uuid', owner_id: 'uuid', created_by: 'uuid', updated_by: 'uuid' };

/** The SQL type of a record table's column, as a cast names it. */
export function columnType(def: ObjectDefinition, column: string): string {
  const field = def.fields.find((f) => toColumnName(f.name) === column);
  // Columns that are not a field's main column are text (a phone's original, a currency code).
  return systemColumnTypes[column] ?? (field ? codecOf(field).columnType : 'text');
}

/** Typed parameter for a column value: arrays and json need explicit casts on both drivers. */
export function columnParam(def: ObjectDefinition, column: string, value: unknown): SQL {
  if (value === null || value === undefined) return sql`null`;
  const type = columnType(def, column);
  if (type === 'jsonb') return sql`${JSON.stringify(value)}::jsonb`;
  // sql.param keeps an array one parameter (Drizzle would otherwise expand it into a list).
  return sql`${sql.param(value)}::${sql.raw(type)}`;
}

/**
 * Keeps a primary lookup inside its list of links (`companyId` is one of `companyIds`). Returns the
 * list fields it changed, so their write permission is checked too.
 */
export function linkPrimaries(def: ObjectDefinition, values: RecordValues, current?: RecordValues): RecordValues {
  const linked: RecordValues = {};
  for (const field of def.fields) {
    const listName = listFieldFor(def, field);
    // A write that replaces only the list must keep the current primary in it too.
    if (!listName || !(field.name in values || listName in values)) continue;
    const primary = (field.name in values ? values[field.name] : current?.[field.name]) as string | null | undefined;
    if (!primary) continue;
    const list = ((listName in values ? values[listName] : current?.[listName]) ?? []) as string[];
    if (!list.includes(primary)) values[listName] = linked[listName] = [...list, primary];
  }
  return linked;
}

function listFieldFor(def: ObjectDefinition, field: FieldDefinition): string | undefined {
  const target = hasColumn(field) ? referenceTarget(field) : undefined;
  if (!target) return undefined;
  return def.fields.find((f) => !hasColumn(f) && referenceTarget(f) === target && f.name === `${field.name}s`)?.name;
}

/** The object a reference field points at: fixed, or named by another field of the same record. */
export function targetOfReference(c: Caller, field: FieldDefinition, values: RecordValues, current: RecordValues | undefined): string | undefined {
  if (!field.targetFrom) return referenceTarget(field);
  const name = field.targetFrom in values ? values[field.targetFrom] : current?.[field.targetFrom];
  // An unknown or unreadable object answers like a missing record: nothing to probe with.
  return typeof name === 'string' && c.registry.has(name) && canDo(c.ctx, name, 'read') ? name : '';
}

/**
 * Checks that every referenced record exists and is visible to the caller. `current` is the record
 * before an update, for references whose target object is named by a field the update leaves alone.
 */
async function checkReferences(c: Caller, def: ObjectDefinition, values: RecordValues, prefix: string, current?: RecordValues): Promise<void> {
  const errors: FieldError[] = [];
  for (const field of def.fields) {
    const isTouched = field.name in values || (field.targetFrom !== undefined && field.targetFrom in values);
    const value = field.name in values ? values[field.name] : current?.[field.name];
    if (!isTouched || value === null || value === undefined) continue;
    const ids = [value].flat() as string[];
    if (ids.length === 0) continue;
    const target = targetOfReference(c, field, values, current);
    if (target === undefined) continue;
    if (target === '') {
      errors.push({ field: prefix + field.name, code: 'not_found', message: `No record with id ${ids[0]}` });
      continue;
    }
    const targetDef = c.registry.get(target);
    // A record is added to the one it belongs to only by someone who may change that one.
    const rows = codecOf(field).reference?.isOwning ? editableRows : visibleRows;
    const found = await c.db.rows<{ id: string }>(sql`select s.id from ${sql.identifier(targetDef.table)} s
      where s.id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}) and s.deleted_at is null and ${rows(c, targetDef, 's')}`);
    const missing = ids.filter((id) => !found.some((r) => r.id === id));
    if (missing.length) {
      errors.push({ field: prefix + field.name, code: 'not_found', message: `No ${targetDef.label.en.toLowerCase()} with id ${missing[0]}` });
    }
  }
  if (errors.length) throw new Problem(400, { key: 'detail.referencesMissing' }, errors);
}

async function writeLinks(c: Caller, def: ObjectDefinition, id: string, encoded: Encoded): Promise<void> {
  for (const [field, value] of encoded) {
    if (hasColumn(field)) continue;
    const junction = sql.identifier(junctionTable(def, field));
    await c.db.rows(sql`delete from ${junction} where record_id = ${id}::uuid`);
    const ids = (value ?? []) as string[];
    if (ids.length) {
      await c.db.rows(sql`insert into ${junction} (record_id, target_id)
        values ${sql.join(ids.map((t) => sql`(${id}::uuid, ${t}::uuid)`), sql`, `)}`);
    }
  }
}

/** The fields whose value differs between two versions of a record, as [before, after]. */
export function diff(def: ObjectDefinition, before: RecordValues, after: RecordValues): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const field of def.fields) {
    const [a, b] = [before[field.name] ?? null, after[field.name] ?? null];
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[field.name] = [a, b];
  }
  if (before.ownerId !== after.ownerId) changes.ownerId = [before.ownerId ?? null, after.ownerId ?? null];
  return changes;
}

/** The columns a write returns (RETURNING): every field kept in the record's own row. */
export function returning(def: ObjectDefinition): SQL {
  return selectList(def, 't', allFields(def).filter(hasColumn));
}

/**
 * The record just written, from its RETURNING row (no second read), whatever the caller may read (a
 * create-only role, an owner change). Links live in junction tables: they are what was just written,
 * or for an update that left them alone, what they were before.
 */
export function writtenRecord(def: ObjectDefinition, row: Record<string, unknown>, encoded: Encoded, before?: RecordValues): RecordValues {
  const record = decodeRecord(allFields(def).filter(hasColumn), row);
  for (const field of def.fields) {
    if (hasColumn(field)) continue;
    const links = encoded.has(field) ? ((encoded.get(field) ?? []) as string[]) : ((before?.[field.name] ?? []) as string[]);
    record[field.name] = links.toSorted();
  }
  // In the definition's order, as a read returns it.
  return Object.fromEntries(allFields(def).map((f) => [f.name, record[f.name] ?? null]));
}

/** Values the field types assign at create (auto numbers), unless the (system) caller gave one. */
export async function generatedValues(db: Caller['db'], def: ObjectDefinition, values: RecordValues): Promise<RecordValues> {
  const generated: RecordValues = {};
  for (const field of def.fields) {
    const generate = codecOf(field).generate;
    if (generate && values[field.name] === undefined) generated[field.name] = await generate(db, def, field);
  }
  return generated;
}

/** Creates a record; `prefix` names fields inside bulk bodies ("records.3."). */
export async function createRecord(c: Caller, objectName: string, body: unknown, prefix = ''): Promise<RecordValues> {
  const def = c.registry.get(objectName);
  assertCanDo(c, def, 'create');
  const validated = validateBody(def, body, 'create', prefix, c.isSystem);
  const input = applyDefaults(def, validated);
  assertWritableFields(c, def, { ...validated, ...linkPrimaries(def, input) });
  return writeTransaction(c, async (t) => {
    const tx = t.db;
    const id = newId();
    await guardWrite(t, { object: def, action: 'create', id, record: input });
    const changes = { ...input, ...(await generatedValues(tx, def, input)) };
    const values = await runWriteHooks(t, def, { action: 'create', id, before: undefined, changes }, prefix);
    const encoded = encodeValues(def, values, prefix);
    await checkReferences(t, def, { ...values, ownerId: undefined }, prefix);
    // null only from the system (the schema refuses it otherwise): a record nobody owns yet.
    const ownerId = values.ownerId === null ? null : ((values.ownerId as string | undefined) ?? c.ctx.userId);
    if (values.ownerId) await checkReferences(t, { ...def, fields: [ownerField] }, { ownerId }, prefix);
    const columns: Array<[string, unknown]> = [
      ['id', id],
      ['owner_id', ownerId],
      ['created_by', c.ctx.userId],
      ['updated_by', c.ctx.userId],
      ...assignments(encoded),
    ];
    const tokens = recordSearchTokens(def, (f) => encoded.get(f));
    const [row] = await tx.rows(sql`insert into ${sql.identifier(def.table)} as t
      (${sql.join(columns.map(([col]) => sql.identifier(col)), sql`, `)}, search_tokens)
      values (${sql.join(columns.map(([col, v]) => columnParam(def, col, v)), sql`, `)}, ${sql.param(tokens)}::text[])
      returning ${returning(def)}`);
    await writeLinks(t, def, id, encoded);
    const record = writtenRecord(def, row!, encoded);
    await logChange(tx, def.name, id, 'create', c.ctx.userId, diff(def, {}, record));
    await recordWritten(t, { object: def, action: 'create', id, before: undefined, record });
    return withoutHidden(c, def, record);
  });
}

export const ownerField = systemFieldDefinitions.find((f) => f.name === 'ownerId')!;

/** Parses an If-Match header ("3", W/"3" or 3) into a version, or undefined when absent. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const version = Number(header.trim().replace(/^W\//, '').replace(/^"|"$/g, ''));
  if (!Number.isInteger(version) || version < 1) {
    throw new Problem(400, { key: 'detail.ifMatchInvalid' }, [{ field: 'If-Match', code: 'invalid', message: 'is not a record version' }]);
  }
  return version;
}

async function lockForWrite(c: Caller, def: ObjectDefinition, id: string, expectedVersion: number | undefined, isDeleted = false) {
  const row = await findRow(c, def, id, { isDeleted, isLocked: true });
  if (!row) throw notFound(`The ${def.label.en.toLowerCase()}`);
  if (!row.can_edit) throw new Problem(403, { key: 'detail.readOnlyRecord', en: `You may see this ${def.label.en.toLowerCase()} but not change it.` });
  const before = decodeRecord(allFields(def), row);
  if (expectedVersion !== undefined && before.version !== expectedVersion) {
    throw new Problem(412, { key: 'detail.versionMismatch', params: { expected: expectedVersion, current: before.version } });
  }
  return { row, before };
}

/** Applies a partial update; with `expectedVersion`, refuses (412) when the record moved on. */
export async function updateRecord(c: Caller, objectName: string, id: string, body: unknown, expectedVersion?: number, prefix = ''): Promise<RecordValues> {
  const def = c.registry.get(objectName);
  assertCanDo(c, def, 'edit');
  const input = { ...validateBody(def, body, 'update', prefix, c.isSystem) };
  return writeTransaction(c, async (t) => {
    const tx = t.db;
    const { before } = await lockForWrite(t, def, id, expectedVersion);
    await guardWrite(t, { object: def, action: 'update', id, record: before });
    // Sending nothing new (or only current values) is not a change: no new version, no 412s for others.
    const isNoChange = Object.entries(input).every(([name, value]) => JSON.stringify(value) === JSON.stringify(before[name] ?? null));
    assertWritableFields(c, def, { ...input, ...linkPrimaries(def, input, before) }, before.ownerId);
    if (isNoChange) return withoutHidden(c, def, before);
    const values = await runWriteHooks(t, def, { action: 'update', id, before, changes: input }, prefix);
    const encoded = encodeValues(def, values, prefix);
    await checkReferences(t, def, { ...values, ownerId: undefined }, prefix, before);
    if (values.ownerId) await checkReferences(t, { ...def, fields: [ownerField] }, { ownerId: values.ownerId }, prefix);
    const tokens = recordSearchTokens(def, (f) => (encoded.has(f) ? encoded.get(f) : before[f.name]));
    const sets = assignments(encoded).map(([col, v]) => sql`${sql.identifier(col)} = ${columnParam(def, col, v)}`);
    if (values.ownerId !== undefined) sets.push(sql`owner_id = ${(values.ownerId as string | null) ?? null}::uuid`);
    const [row] = await tx.rows(sql`update ${sql.identifier(def.table)} as t set ${sql.join(sets, sql`, `)}${sets.length ? sql`, ` : sql``}
      version = version + 1, updated_at = now(), updated_by = ${c.ctx.userId}::uuid, search_tokens = ${sql.param(tokens)}::text[]
      where t.id = ${id}::uuid returning ${returning(def)}`);
    await writeLinks(t, def, id, encoded);
    const after = writtenRecord(def, row!, encoded, before);
    await logChange(tx, def.name, id, 'update', c.ctx.userId, diff(def, before, after));
    await recordWritten(t, { object: def, action: 'update', id, before, record: after });
    return withoutHidden(c, def, after);
  });
}

/** Moves a record to the recycle bin; it can be restored for 30 days, then it is purged. */
export async function deleteRecord(c: Caller, objectName: string, id: string, expectedVersion?: number): Promise<void> {
  const def = c.registry.get(objectName);
  assertCanDo(c, def, 'delete');
  await writeTransaction(c, async (t) => {
    const tx = t.db;
    const { before } = await lockForWrite(t, def, id, expectedVersion);
    await guardWrite(t, { object: def, action: 'delete', id, record: before });
    const [row] = await tx.rows<{ deleted_at: unknown }>(sql`update ${sql.identifier(def.table)}
      set deleted_at = now(), deleted_by = ${c.ctx.userId}::uuid, version = version + 1 where id = ${id}::uuid returning deleted_at`);
    // ISO like every other timestamp in the history (PGlite returns the database's text form).
    await logChange(tx, def.name, id, 'delete', c.ctx.userId, { deletedAt: [null, toIsoTimestamp(row!.deleted_at)] });
    await recordWritten(t, { object: def, action: 'delete', id, before, record: undefined });
  });
}

/** Brings a record back from the recycle bin. */
export async function restoreRecord(c: Caller, objectName: string, id: string): Promise<RecordValues> {
  const def = c.registry.get(objectName);
  assertCanDo(c, def, 'restore');
  return writeTransaction(c, async (t) => {
    const tx = t.db;
    const { before } = await lockForWrite(t, def, id, undefined, true);
    await guardWrite(t, { object: def, action: 'restore', id, record: before });
    const age = Date.now() - Date.parse(String(before.deletedAt));
    if (age > RESTORE_WINDOW_DAYS * 86_400_000) throw notFound(`The ${def.label.en.toLowerCase()}`);
    const [row] = await tx.rows(sql`update ${sql.identifier(def.table)} as t
      set deleted_at = null, deleted_by = null, version = version + 1, updated_at = now(), updated_by = ${c.ctx.userId}::uuid
      where t.id = ${id}::uuid returning ${returning(def)}`);
    const after = writtenRecord(def, row!, new Map(), before);
    await logChange(tx, def.name, id, 'restore', c.ctx.userId, { deletedAt: [before.deletedAt, null] });
    await recordWritten(t, { object: def, action: 'restore', id, before, record: after });
    return withoutHidden(c, def, after);
  });
}

/**
 * The path's external id as the field keeps it. The path is text, but an e-mail key is stored
 * lower-cased, a phone key in E.164 and a number key as a number: looked up as typed, an upsert would
 * never find the record it created (a duplicate, then a 409) or never create one at all.
 */
function externalKey(def: ObjectDefinition, field: FieldDefinition, value: unknown): { typed: unknown; stored: unknown } {
  const fromText = codecOf(field).fromText;
  const typed = fromText && typeof value === 'string' ? fromText(value) : value;
  if (typeof typed === 'number' && !Number.isFinite(typed)) {
    throw new Problem(400, { key: 'detail.externalIdNotNumber', params: { field: field.name } }, [{ field: 'value', code: 'type', message: 'must be a number' }]);
  }
  const encoded = encodeValues(def, { [field.name]: typed }).get(field);
  return { typed, stored: Array.isArray(encoded) ? encoded[0] : encoded };
}

/** Creates or updates the record whose external-id field has `value`; idempotent. */
export async function upsertRecord(c: Caller, objectName: string, fieldName: string, value: string, body: unknown) {
  const def = c.registry.get(objectName);
  const field = def.fields.find((f) => f.name === fieldName);
  if (!field?.isExternalId) {
    throw new Problem(400, { key: 'detail.notExternalIdField', params: { field: fieldName.slice(0, 100), object: def.name } }, [
      { field: 'externalField', code: 'not_external_id', message: 'is not an external-id field' },
    ]);
  }
  const key = externalKey(def, field, value);
  const bodyKey = typeof body === 'object' && body && !Array.isArray(body) ? (body as RecordValues)[fieldName] : undefined;
  if (bodyKey !== undefined && (bodyKey === null || externalKey(def, field, bodyKey).stored !== key.stored)) {
    throw new Problem(400, { key: 'detail.externalIdMismatch', params: { field: fieldName } }, [{ field: fieldName, code: 'mismatch', message: 'differs from the path' }]);
  }
  return writeTransaction(c, async (t) => {
    const tx = t.db;
    // Take a transaction-scoped lock on the key so two concurrent upserts cannot both create.
    await tx.rows(sql`select pg_advisory_xact_lock(hashtext(${`${def.table}.${fieldName}=${String(key.stored)}`}))`);
    // Only a record the caller may see is updated. Someone else's invisible record with this key is
    // not revealed: creating then meets the unique key and answers 409 naming no record, exactly as
    // for any other duplicate, so a 404 or 400 never tells that it exists.
    const [existing] = await tx.rows<{ id: string }>(sql`select t.id from ${sql.identifier(def.table)} t
      where t.${sql.identifier(toColumnName(fieldName))} = ${key.stored} and t.deleted_at is null and ${visibleRows(t, def, 't')}`);
    if (existing) return { record: await updateRecord(t, objectName, existing.id, body), isCreated: false };
    const withKey = { ...(body as RecordValues), [fieldName]: key.typed };
    return { record: await createRecord(t, objectName, withKey), isCreated: true };
  });
}
