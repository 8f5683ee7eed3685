// The modules' write guards (e.g. a record lock) asked outside the field-write path: for changes that
// belong to a record without writing its fields (its files), and for "would a change be refused now?",
// which clients read to hide what would only be refused. Both ask them as for an update of the record.
import { Problem, notFound } from '../platform/http/problem.ts';
import { assertCanDo } from './access.ts';
import type { Caller } from './caller.ts';
import { allFields, decodeRecord } from './columns.ts';
import { guardWrite } from './hooks.ts';
import { findRow } from './read.ts';

/**
 * Runs the write guards for a change to what a record holds (a file added or removed) as an update of
 * it. Call it inside the transaction that makes the change: the record row stays locked until it ends,
 * so a lock taken meanwhile (it locks the same row) waits for the change or sees it.
 */
export async function guardRecordChange(t: Caller, objectName: string, id: string): Promise<void> {
  const def = t.registry.get(objectName);
  const row = await findRow(t, def, id, { isLocked: true });
  if (!row) throw notFound(`The ${def.label.en.toLowerCase()}`);
  await guardWrite(t, { object: def, action: 'update', id, record: decodeRecord(allFields(def), row) });
}

/** The problem a write guard would refuse the caller's update of the record with now, or null (404 when unseen). */
export async function writeRefusalOf(c: Caller, objectName: string, id: string): Promise<Problem | null> {
  const def = c.registry.get(objectName);
  assertCanDo(c, def, 'read');
  const row = await findRow(c, def, id);
  if (!row) throw notFound(`The ${def.label.en.toLowerCase()}`);
  try {
    await guardWrite(c, { object: def, action: 'update', id, record: decodeRecord(allFields(def), row) });
    return null;
  } catch (error) {
    if (error instanceof Problem) return error;
    throw error;
  }
}
