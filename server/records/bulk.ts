// Bulk create, update and delete: all or nothing, through the same paths as single writes, so each
// record gets its validation, change log and search tokens.
import { sql } from 'drizzle-orm';
import { Problem } from '../platform/http/problem.ts';
import { isUuid } from '../platform/ids.ts';
import { parseFilter } from './filter.ts';
import { compileFilter } from './filter-sql.ts';
import type { Caller } from './caller.ts';
import { writeTransaction } from './hooks.ts';
import { assertCanDo, callerFilterScope, editableRows, visibleRows } from './access.ts';
import { createRecord, deleteRecord, updateRecord } from './write.ts';
import { validateBody } from './validation.ts';
import type { RecordValues } from './types.ts';

export const MAX_BULK_RECORDS = 500;
export const MAX_BULK_FILTER_MATCHES = 10_000;

export type BulkRequest =
  | { action: 'create'; records: unknown[] }
  | { action: 'update'; records: Array<{ id: string } & RecordValues> }
  | { action: 'update'; filter: string; values: RecordValues }
  | { action: 'delete'; ids: string[] }
  | { action: 'delete'; filter: string };

/** Ids of the live, visible records matching a non-empty filter (refusing an empty one). */
async function idsMatching(c: Caller, objectName: string, filter: string): Promise<string[]> {
  if (!filter.trim()) {
    throw new Problem(400, { key: 'detail.bulkFilterRequired' }, [
      { field: 'filter', code: 'required', message: 'must not be empty' },
    ]);
  }
  const def = c.registry.get(objectName);
  // Only records the caller may change: a filter never reaches past the sharing model.
  const conditions = [
    sql`t.deleted_at is null`,
    visibleRows(c, def, 't'),
    editableRows(c, def, 't'),
    compileFilter(parseFilter(filter), def, 't', callerFilterScope(c)),
  ];
  const rows = await c.db.rows<{ id: string }>(sql`select t.id from ${sql.identifier(def.table)} t
    where ${sql.join(conditions, sql` and `)} order by t.id limit ${MAX_BULK_FILTER_MATCHES + 1}`);
  if (rows.length > MAX_BULK_FILTER_MATCHES) {
    throw new Problem(400, { key: 'detail.bulkTooManyMatches', params: { limit: MAX_BULK_FILTER_MATCHES } }, [
      { field: 'filter', code: 'too_many_matches', message: `matches more than ${MAX_BULK_FILTER_MATCHES} records` },
    ]);
  }
  return rows.map((r) => r.id);
}

/**
 * Runs one item's write; a missing or unknown id becomes a 400 naming the item (`records.3.id`), so the
 * client learns which of its 500 records failed instead of a bare 404 for the whole request.
 */
async function atItem<T>(field: string, id: unknown, write: () => Promise<T>): Promise<T> {
  if (!isUuid(id)) throw new Problem(400, { key: 'detail.bulkItemsInvalid' }, [{ field, code: 'format', message: 'must be a record id' }]);
  try {
    return await write();
  } catch (error) {
    if (error instanceof Problem && error.status === 404) {
      throw new Problem(400, { key: 'detail.bulkItemsInvalid' }, [{ field, code: 'not_found', message: `No record with id ${id}` }]);
    }
    throw error;
  }
}

/** Runs a bulk request in one transaction; the response lists the records or ids touched. */
export async function runBulk(c: Caller, objectName: string, request: BulkRequest) {
  // Refuse up front, before any filter (and its lookups) is evaluated for a caller who may not act.
  assertCanDo(c, c.registry.get(objectName), request.action === 'update' ? 'edit' : request.action);
  return writeTransaction(c, async (t) => {
    if (request.action === 'create') {
      const data = [];
      for (const [i, body] of request.records.entries()) data.push(await createRecord(t, objectName, body, `records.${i}.`));
      return { action: 'create', count: data.length, data };
    }
    if (request.action === 'update' && 'records' in request) {
      const data = [];
      for (const [i, { id, ...values }] of request.records.entries()) {
        data.push(await atItem(`records.${i}.id`, id, () => updateRecord(t, objectName, id, values, undefined, `records.${i}.`)));
      }
      return { action: 'update', count: data.length, data };
    }
    if (request.action === 'update') {
      // Refuse bad values even when the filter matches nothing, so a client learns of them at once.
      validateBody(c.registry.get(objectName), request.values, 'update', 'values.', c.isSystem);
      const ids = await idsMatching(t, objectName, request.filter);
      for (const id of ids) await updateRecord(t, objectName, id, request.values, undefined, 'values.');
      return { action: 'update', count: ids.length, ids };
    }
    if ('ids' in request) {
      for (const [i, id] of request.ids.entries()) await atItem(`ids.${i}`, id, () => deleteRecord(t, objectName, id));
      return { action: 'delete', count: request.ids.length, ids: request.ids };
    }
    const ids = await idsMatching(t, objectName, request.filter);
    for (const id of ids) await deleteRecord(t, objectName, id);
    return { action: 'delete', count: ids.length, ids };
  });
}

/** JSON Schema of a bulk body (validated by Fastify before the handler runs). */
export const bulkBodySchema = {
  type: 'object',
  required: ['action'],
  properties: {
    action: { type: 'string', enum: ['create', 'update', 'delete'] },
    records: { type: 'array', minItems: 1, maxItems: MAX_BULK_RECORDS, items: { type: 'object' } },
    filter: { type: 'string', maxLength: 4000 },
    values: { type: 'object' },
    ids: { type: 'array', minItems: 1, maxItems: MAX_BULK_RECORDS, uniqueItems: true, items: { type: 'string', format: 'uuid' } },
  },
  additionalProperties: false,
  oneOf: [
    { properties: { action: { const: 'create' } }, required: ['records'], not: { anyOf: [{ required: ['filter'] }, { required: ['ids'] }, { required: ['values'] }] } },
    { properties: { action: { const: 'update' } }, required: ['records'], not: { anyOf: [{ required: ['filter'] }, { required: ['ids'] }, { required: ['values'] }] } },
    { properties: { action: { const: 'update' } }, required: ['filter', 'values'], not: { anyOf: [{ required: ['records'] }, { required: ['ids'] }] } },
    { properties: { action: { const: 'delete' } }, required: ['ids'], not: { anyOf: [{ required: ['filter'] }, { required: ['records'] }, { required: ['values'] }] } },
    { properties: { action: { const: 'delete' } }, required: ['filter'], not: { anyOf: [{ required: ['ids'] }, { required: ['records'] }, { required: ['values'] }] } },
  ],
} as const;
