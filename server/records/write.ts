// Writing records: create, update (optimistic concurrency), soft delete, restore and upsert. Every write
// runs in one transaction with its field-level change log and search tokens, so nothing is half-done.
import { sql, type SQL } from 'drizzle-orm';
import { assertObjectAction } from '../platform/access/index.ts';
import { assertWritableFields, visibleRows, withoutHidden } from './access.ts';
import { Problem, notFound, type FieldError } from '../platform/http/problem.ts';
import { newId } from '../platform/ids.ts';
import { toIsoTimestamp } from '../platform/db/database.ts';
import { allFields, decodeRecord, systemFieldDefinitions } from './columns.ts';
import { codecOf, hasColumn } from './fields.ts';
import { junctionTable } from './ddl.ts';
import { logChange } from './history.ts';
import { recordSearchTokens } from './search-tokens.ts';
import { findRow, type Caller } from './read.ts';
import { applyDefaults, encodeValues, validateBody } from './validation.ts';
import { toColumnName, type FieldDefinition, type ObjectDefinition, type RecordValues } from './types.ts';

type Encoded = Map<FieldDefinition, unknown>;
const RESTORE_WINDOW_DAYS = 30;

function assignments(encoded: Encoded): Array<[string, unknown]> {
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

/** Typed parameter for a column value: arrays and json need explicit casts on both drivers. */
function columnParam(def: ObjectDefinition, column: string, value: unknown): SQL {
  if (value === null || value === undefined) return sql`null`;
  const field = def.fields.find((f) => toColumnName(f.name) === column);
  // Columns that are not a field's main column are text (a phone's original, a currency code).
  const type = systemColumnTypes[column] ?? (field ? codecOf(field).columnType : 'text');
  if (type === 'jsonb') return sql`${JSON.stringify(value)}::jsonb`;
  // sql.param keeps an array one parameter (Drizzle would otherwise expand it into a list).
  return sql`${sql.param(value)}::${sql.raw(type)}`;
}

/**
 * Keeps a primary lookup inside its list of links (a contact's primary account is one of its
 * accounts). Returns the list fields it changed, so their write permission is checked too.
 */
function linkPrimaries(def: ObjectDefinition, values: RecordValues, current?: RecordValues): RecordValues {
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
  if (field.type !== 'lookup' || !field.target) return undefined;
  return def.fields.find((f) => f.type === 'multiLookup' && f.target === field.target && f.name === `${field.name}s`)?.name;
}

/** Checks that every referenced record exists and is visible to the caller. */
async function checkReferences(c: Caller, def: ObjectDefinition, values: RecordValues, prefix: string): Promise<void> {
  const errors: FieldError[] = [];
  for (const field of def.fields) {
    const value = values[field.name];
    const target = field.type === 'owner' ? 'users' : field.target;
    if (!target || value === null || value === undefined) continue;
    if (field.type !== 'lookup' && field.type !== 'owner' && field.type !== 'multiLookup') continue;
    const ids = [value].flat() as string[];
    if (ids.length === 0) continue;
    const targetDef = c.registry.get(target);
    const found = await c.db.rows<{ id: string }>(sql`select s.id from ${sql.identifier(targetDef.table)} s
      where s.id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}) and s.deleted_at is null and ${visibleRows(c, targetDef, 's')}`);
    const missing = ids.filter((id) => !found.some((r) => r.id === id));
    if (missing.length) {
      errors.push({ field: prefix + field.name, code: 'not_found', message: `No ${targetDef.label.en.toLowerCase()} with id ${missing[0]}` });
    }
  }
  if (errors.length) throw new Problem(400, 'Some referenced records do not exist.', errors);
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

function diff(def: ObjectDefinition, before: RecordValues, after: RecordValues): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const field of def.fields) {
    const [a, b] = [before[field.name] ?? null, after[field.name] ?? null];
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[field.name] = [a, b];
  }
  if (before.ownerId !== after.ownerId) changes.ownerId = [before.ownerId ?? null, after.ownerId ?? null];
  return changes;
}

async function readBack(c: Caller, def: ObjectDefinition, id: string, isDeleted = false): Promise<RecordValues> {
  // The row just written, whatever the caller may read (e.g. a create-only role, or an owner change).
  const row = await findRow({ ...c, ctx: { ...c.ctx, isAdmin: true, roles: [{ isAdmin: true, objects: {} }] } }, def, id, { isDeleted });
  return decodeRecord(allFields(def), row!);
}

/** Creates a record; `prefix` names fields inside bulk bodies ("records.3."). */
export async function createRecord(c: Caller, objectName: string, body: unknown, prefix = ''): Promise<RecordValues> {
  const def = c.registry.get(objectName);
  assertObjectAction(c.ctx, def, 'create');
  const validated = validateBody(c.registry, def, body, 'create', prefix);
  const values = applyDefaults(def, validated);
  assertWritableFields(c, def, { ...validated, ...linkPrimaries(def, values) });
  const encoded = encodeValues(def, values, prefix);
  return c.db.transaction(async (tx) => {
    const t = { ...c, db: tx };
    await checkReferences(t, def, { ...values, ownerId: undefined }, prefix);
    const ownerId = (values.ownerId as string | undefined) ?? c.ctx.userId;
    if (values.ownerId) await checkReferences(t, { ...def, fields: [ownerField] }, { ownerId }, prefix);
    const id = newId();
    const columns: Array<[string, unknown]> = [
      ['id', id],
      ['owner_id', ownerId],
      ['created_by', c.ctx.userId],
      ['updated_by', c.ctx.userId],
      ...assignments(encoded),
    ];
    const tokens = recordSearchTokens(def, (f) => encoded.get(f));
    await tx.rows(sql`insert into ${sql.identifier(def.table)}
      (${sql.join(columns.map(([col]) => sql.identifier(col)), sql`, `)}, search_tokens)
      values (${sql.join(columns.map(([col, v]) => columnParam(def, col, v)), sql`, `)}, ${sql.param(tokens)}::text[])`);
    await writeLinks(t, def, id, encoded);
    const record = await readBack(t, def, id);
    await logChange(tx, def.name, id, 'create', c.ctx.userId, diff(def, {}, record));
    return withoutHidden(c, def, record);
  });
}

const ownerField = systemFieldDefinitions.find((f) => f.name === 'ownerId')!;

/** Parses an If-Match header ("3", W/"3" or 3) into a version, or undefined when absent. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const version = Number(header.trim().replace(/^W\//, '').replace(/^"|"$/g, ''));
  if (!Number.isInteger(version) || version < 1) {
    throw new Problem(400, 'If-Match must be the ETag of the record, e.g. "3".', [{ field: 'If-Match', code: 'invalid', message: 'is not a record version' }]);
  }
  return version;
}

async function lockForWrite(c: Caller, def: ObjectDefinition, id: string, expectedVersion: number | undefined, isDeleted = false) {
  const row = await findRow(c, def, id, { isDeleted, isLocked: true });
  if (!row) throw notFound(`The ${def.label.en.toLowerCase()}`);
  if (!row.can_edit) throw new Problem(403, `You may see this ${def.label.en.toLowerCase()} but not change it.`);
  const before = decodeRecord(allFields(def), row);
  if (expectedVersion !== undefined && before.version !== expectedVersion) {
    throw new Problem(412, `The record has changed since version ${expectedVersion} (it is now at ${before.version}); reload and try again.`);
  }
  return { row, before };
}

/** Applies a partial update; with `expectedVersion`, refuses (412) when the record moved on. */
export async function updateRecord(c: Caller, objectName: string, id: string, body: unknown, expectedVersion?: number, prefix = ''): Promise<RecordValues> {
  const def = c.registry.get(objectName);
  assertObjectAction(c.ctx, def, 'edit');
  const values = { ...validateBody(c.registry, def, body, 'update', prefix) };
  return c.db.transaction(async (tx) => {
    const t = { ...c, db: tx };
    const { before } = await lockForWrite(t, def, id, expectedVersion);
    // Sending nothing new (or only current values) is not a change: no new version, no 412s for others.
    const isNoChange = Object.entries(values).every(([name, value]) => JSON.stringify(value) === JSON.stringify(before[name] ?? null));
    assertWritableFields(c, def, { ...values, ...linkPrimaries(def, values, before) }, before.ownerId);
    if (isNoChange) return withoutHidden(c, def, before);
    const encoded = encodeValues(def, values, prefix);
    await checkReferences(t, def, { ...values, ownerId: undefined }, prefix);
    if (values.ownerId) await checkReferences(t, { ...def, fields: [ownerField] }, { ownerId: values.ownerId }, prefix);
    const tokens = recordSearchTokens(def, (f) => (encoded.has(f) ? encoded.get(f) : before[f.name]));
    const sets = assignments(encoded).map(([col, v]) => sql`${sql.identifier(col)} = ${columnParam(def, col, v)}`);
    if (values.ownerId) sets.push(sql`owner_id = ${values.ownerId as string}::uuid`);
    await tx.rows(sql`update ${sql.identifier(def.table)} set ${sql.join(sets, sql`, `)}${sets.length ? sql`, ` : sql``}
      version = version + 1, updated_at = now(), updated_by = ${c.ctx.userId}::uuid, search_tokens = ${sql.param(tokens)}::text[]
      where id = ${id}::uuid`);
    await writeLinks(t, def, id, encoded);
    const after = await readBack(t, def, id);
    await logChange(tx, def.name, id, 'update', c.ctx.userId, diff(def, before, after));
    return withoutHidden(c, def, after);
  });
}

/** Moves a record to the recycle bin; it can be restored for 30 days, then it is purged. */
export async function deleteRecord(c: Caller, objectName: string, id: string, expectedVersion?: number): Promise<void> {
  const def = c.registry.get(objectName);
  assertObjectAction(c.ctx, def, 'delete');
  await c.db.transaction(async (tx) => {
    await lockForWrite({ ...c, db: tx }, def, id, expectedVersion);
    const [row] = await tx.rows<{ deleted_at: unknown }>(sql`update ${sql.identifier(def.table)}
      set deleted_at = now(), deleted_by = ${c.ctx.userId}::uuid, version = version + 1 where id = ${id}::uuid returning deleted_at`);
    // ISO like every other timestamp in the history (PGlite returns the database's text form).
    await logChange(tx, def.name, id, 'delete', c.ctx.userId, { deletedAt: [null, toIsoTimestamp(row!.deleted_at)] });
  });
}

/** Brings a record back from the recycle bin. */
export async function restoreRecord(c: Caller, objectName: string, id: string): Promise<RecordValues> {
  const def = c.registry.get(objectName);
  assertObjectAction(c.ctx, def, 'restore');
  return c.db.transaction(async (tx) => {
    const { before } = await lockForWrite({ ...c, db: tx }, def, id, undefined, true);
    const age = Date.now() - Date.parse(String(before.deletedAt));
    if (age > RESTORE_WINDOW_DAYS * 86_400_000) throw notFound(`The ${def.label.en.toLowerCase()}`);
    await tx.rows(sql`update ${sql.identifier(def.table)}
      set deleted_at = null, deleted_by = null, version = version + 1, updated_at = now(), updated_by = ${c.ctx.userId}::uuid
      where id = ${id}::uuid`);
    const after = await readBack({ ...c, db: tx }, def, id);
    await logChange(tx, def.name, id, 'restore', c.ctx.userId, { deletedAt: [before.deletedAt, null] });
    return withoutHidden(c, def, after);
  });
}

/**
 * The path's external id as the field keeps it. The path is text, but an e-mail key is stored
 * lower-cased, a phone key in E.164 and a number key as a number: looked up as typed, an upsert would
 * never find the record it created (a duplicate, then a 409) or never create one at all.
 */
function externalKey(def: ObjectDefinition, field: FieldDefinition, value: unknown): { typed: unknown; stored: unknown } {
  const typed = field.type === 'number' && typeof value === 'string' ? Number(value.trim() === '' ? Number.NaN : value) : value;
  if (field.type === 'number' && !Number.isFinite(typed)) {
    throw new Problem(400, `${field.name} is a number.`, [{ field: 'value', code: 'type', message: 'must be a number' }]);
  }
  const encoded = encodeValues(def, { [field.name]: typed }).get(field);
  return { typed, stored: Array.isArray(encoded) ? encoded[0] : encoded };
}

/** Creates or updates the record whose external-id field has `value`; idempotent. */
export async function upsertRecord(c: Caller, objectName: string, fieldName: string, value: string, body: unknown) {
  const def = c.registry.get(objectName);
  const field = def.fields.find((f) => f.name === fieldName);
  if (!field?.isExternalId) {
    throw new Problem(400, `"${fieldName.slice(0, 100)}" is not an external-id field of ${def.name}.`, [
      { field: 'externalField', code: 'not_external_id', message: 'is not an external-id field' },
    ]);
  }
  const key = externalKey(def, field, value);
  const bodyKey = typeof body === 'object' && body && !Array.isArray(body) ? (body as RecordValues)[fieldName] : undefined;
  if (bodyKey !== undefined && (bodyKey === null || externalKey(def, field, bodyKey).stored !== key.stored)) {
    throw new Problem(400, `The body's ${fieldName} differs from the one in the path.`, [{ field: fieldName, code: 'mismatch', message: 'differs from the path' }]);
  }
  return c.db.transaction(async (tx) => {
    const t = { ...c, db: tx };
    // Take a transaction-scoped lock on the key so two concurrent upserts cannot both create.
    await tx.rows(sql`select pg_advisory_xact_lock(hashtext(${`${def.table}.${fieldName}=${String(key.stored)}`}))`);
    const [existing] = await tx.rows<{ id: string }>(sql`select id from ${sql.identifier(def.table)}
      where ${sql.identifier(toColumnName(fieldName))} = ${key.stored} and deleted_at is null`);
    if (existing) return { record: await updateRecord(t, objectName, existing.id, body), isCreated: false };
    const withKey = { ...(body as RecordValues), [fieldName]: key.typed };
    return { record: await createRecord(t, objectName, withKey), isCreated: true };
  });
}
