// Creating many records of one object in a few statements (an import's batch): each body is
// validated, defaulted, access-checked and passed through the object's hooks exactly as
// `createRecord` does; references are checked per field for the whole batch in one query; the rows,
// their links and their change log are written with multi-row INSERTs. A body that fails before the
// write (validation, hooks, access, a missing reference) is answered with its own problem and left
// out; a failure of the write itself (a unique key) throws, and rolls back the whole batch.
//
// Hooks see the database as it was before the batch: a hook that reads sibling records does not see
// the batch's other rows (the database's own unique keys still do).
import { sql } from 'drizzle-orm';
import { Problem, type FieldError } from '../platform/http/problem.ts';
import { newId } from '../platform/ids.ts';
import { assertCanDo, assertWritableFields, editableRows, visibleRows, withoutHidden } from './access.ts';
import type { Caller } from './caller.ts';
import { codecOf, hasColumn } from './fields.ts';
import { logChanges } from './history.ts';
import { guardWrite, recordWritten, runWriteHooks, writeTransaction } from './hooks.ts';
import { recordSearchTokens } from './search-tokens.ts';
import { junctionTable } from './sql-names.ts';
import type { FieldDefinition, ObjectDefinition, RecordValues } from './types.ts';
import { applyDefaults, encodeValues, validateBody } from './validation.ts';
import { assignments, columnType, diff, generatedValues, linkPrimaries, ownerField, returning, targetOfReference, writtenRecord, type Encoded } from './write.ts';

/** What became of one body of a batch: the record created, or the problem that kept it out. */
export type BatchCreateResult = { record: RecordValues } | { error: Problem };

interface Planned {
  index: number;
  id: string;
  values: RecordValues;
  encoded: Encoded;
  /** Computed as the row is planned, while its phone numbers are still remembered parsed. */
  searchTokens: string[];
}

const ROWS_PER_STATEMENT = 5000;

/** A problem that belongs to one body (a 4xx), not to the batch. */
function bodyProblem(error: unknown): Problem | undefined {
  return error instanceof Problem && error.status < 500 ? error : undefined;
}

/** Ids the caller may point at, per (field, target object), for every planned body in one query each. */
async function missingReferences(c: Caller, def: ObjectDefinition, planned: readonly Planned[]): Promise<Map<number, FieldError[]>> {
  const wanted = new Map<string, { field: FieldDefinition; target: string; ids: Set<string>; uses: Array<[Planned, string[]]> }>();
  const errors = new Map<number, FieldError[]>();
  const fail = (p: Planned, error: FieldError) => errors.set(p.index, [...(errors.get(p.index) ?? []), error]);
  for (const p of planned) {
    const references: Array<[FieldDefinition, unknown]> = def.fields.filter((f) => f.name in p.values || (f.targetFrom !== undefined && f.targetFrom in p.values)).map((f) => [f, p.values[f.name]]);
    if (p.values.ownerId) references.push([ownerField, p.values.ownerId]);
    for (const [field, value] of references) {
      if (value === null || value === undefined) continue;
      const ids = [value].flat() as string[];
      if (ids.length === 0) continue;
      const target = targetOfReference(c, field, p.values, undefined);
      if (target === undefined) continue;
      if (target === '') {
        fail(p, { field: field.name, code: 'not_found', message: `No record with id ${ids[0]}` });
        continue;
      }
      const key = `${field.name}\u0000${target}`;
      const group = wanted.get(key) ?? { field, target, ids: new Set<string>(), uses: [] };
      wanted.set(key, group);
      for (const id of ids) group.ids.add(id);
      group.uses.push([p, ids]);
    }
  }
  for (const { field, target, ids, uses } of wanted.values()) {
    const targetDef = c.registry.get(target);
    // A record is added to the one it belongs to only by someone who may change that one.
    const rows = codecOf(field).reference?.isOwning ? editableRows : visibleRows;
    const found = new Set<string>();
    const all = [...ids];
    for (let at = 0; at < all.length; at += 5000) {
      const chunk = all.slice(at, at + 5000);
      const hits = await c.db.rows<{ id: string }>(sql`select s.id from ${sql.identifier(targetDef.table)} s
        where s.id = any(${sql.param(chunk)}::uuid[]) and s.deleted_at is null and ${rows(c, targetDef, 's')}`);
      for (const hit of hits) found.add(hit.id);
    }
    for (const [p, wantedIds] of uses) {
      const missing = wantedIds.find((id) => !found.has(id));
      if (missing) fail(p, { field: field.name, code: 'not_found', message: `No ${targetDef.label.en.toLowerCase()} with id ${missing}` });
    }
  }
  return errors;
}

/** A value in PostgreSQL's text form, for a column of the given type (cast back in the statement). */
function asText(type: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (type === 'jsonb') return JSON.stringify(value);
  if (Array.isArray(value)) return `{${value.map((item) => (item === null ? 'NULL' : `"${String(item).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * Inserts the planned rows with one statement per few thousand rows: each column travels as one
 * text array, unnested and cast back to its type, so the statement's size does not grow with the
 * rows. Field columns have no database default, so a value a row leaves out is written as null.
 */
async function insertRows(c: Caller, def: ObjectDefinition, planned: readonly Planned[]): Promise<Map<string, Record<string, unknown>>> {
  const perRow = planned.map((p) => {
    const ownerId = p.values.ownerId === null ? null : ((p.values.ownerId as string | undefined) ?? c.ctx.userId);
    return new Map<string, unknown>([
      ['id', p.id], ['owner_id', ownerId], ['created_by', c.ctx.userId], ['updated_by', c.ctx.userId], ...assignments(p.encoded),
      ['search_tokens', p.searchTokens],
    ]);
  });
  const names = [...new Set(perRow.flatMap((row) => [...row.keys()]))];
  const types = names.map((name) => (name === 'search_tokens' ? 'text[]' : columnType(def, name)));
  const written = new Map<string, Record<string, unknown>>();
  for (let at = 0; at < perRow.length; at += ROWS_PER_STATEMENT) {
    const chunk = perRow.slice(at, at + ROWS_PER_STATEMENT);
    const arrays = names.map((name, i) => sql`${sql.param(chunk.map((row) => asText(types[i]!, row.get(name))))}::text[]`);
    const casts = names.map((_, i) => sql`${sql.identifier(`c${i}`)}::${sql.raw(types[i]!)}`);
    const rows = await c.db.rows<Record<string, unknown>>(sql`insert into ${sql.identifier(def.table)} as t
      (${sql.join(names.map((name) => sql.identifier(name)), sql`, `)})
      select ${sql.join(casts, sql`, `)} from unnest(${sql.join(arrays, sql`, `)}) as u(${sql.join(names.map((_, i) => sql.identifier(`c${i}`)), sql`, `)})
      returning ${returning(def)}`);
    for (const row of rows) written.set(String(row.id), row);
  }
  return written;
}

/** Writes the list links (junction rows) of new records, one statement per list field. */
async function insertLinks(c: Caller, def: ObjectDefinition, planned: readonly Planned[]): Promise<void> {
  for (const field of def.fields.filter((f) => !hasColumn(f))) {
    const pairs = planned.flatMap((p) => ((p.encoded.has(field) ? (p.encoded.get(field) ?? []) : []) as string[]).map((target) => [p.id, target] as const));
    for (let at = 0; at < pairs.length; at += 10_000) {
      const chunk = pairs.slice(at, at + 10_000);
      await c.db.rows(sql`insert into ${sql.identifier(junctionTable(def, field))} (record_id, target_id)
        select * from unnest(${sql.param(chunk.map(([id]) => id))}::uuid[], ${sql.param(chunk.map(([, target]) => target))}::uuid[])`);
    }
  }
}

/**
 * Creates records from many bodies in one transaction (a savepoint inside another), with the same
 * checks, hooks, search tokens and change log as `createRecord`. Answers in the bodies' order.
 */
export async function createRecords(c: Caller, objectName: string, bodies: readonly unknown[]): Promise<BatchCreateResult[]> {
  const def = c.registry.get(objectName);
  assertCanDo(c, def, 'create');
  return writeTransaction(c, async (t) => {
    const results: BatchCreateResult[] = [];
    let planned: Planned[] = [];
    for (const [index, body] of bodies.entries()) {
      try {
        const validated = validateBody(def, body, 'create', '', c.isSystem);
        const input = applyDefaults(def, validated);
        assertWritableFields(c, def, { ...validated, ...linkPrimaries(def, input) });
        const id = newId();
        // Module guards (e.g. a locked parent) refuse this row only, as on the one-record path.
        await guardWrite(t, { object: def, action: 'create', id, record: input });
        const changes = { ...input, ...(await generatedValues(t.db, def, input)) };
        const values = await runWriteHooks(t, def, { action: 'create', id, before: undefined, changes });
        const encoded = encodeValues(def, values);
        planned.push({ index, id, values, encoded, searchTokens: recordSearchTokens(def, (f) => encoded.get(f)) });
      } catch (error) {
        const problem = bodyProblem(error);
        if (!problem) throw error;
        results[index] = { error: problem };
      }
    }
    const missing = await missingReferences(t, def, planned);
    for (const [index, errors] of missing) results[index] = { error: new Problem(400, { key: 'detail.referencesMissing' }, errors) };
    planned = planned.filter((p) => !missing.has(p.index));
    if (planned.length === 0) return results;
    const written = await insertRows(t, def, planned);
    await insertLinks(t, def, planned);
    const records = planned.map((p) => writtenRecord(def, written.get(p.id)!, p.encoded));
    await logChanges(t.db, def.name, 'create', c.ctx.userId, planned.map((p, i) => ({ recordId: p.id, changes: diff(def, {}, records[i]!) })));
    for (const [i, p] of planned.entries()) {
      await recordWritten(t, { object: def, action: 'create', id: p.id, before: undefined, record: records[i]! });
      results[p.index] = { record: withoutHidden(c, def, records[i]!) };
    }
    return results;
  });
}
