// The modules' write guards (e.g. a record lock) asked outside the field-write path: for changes that
// belong to a record without writing its fields (its files), and for "would a change be refused now?",
// which clients read, with the caller's rights on the record, to hide what would only be refused. Both
// ask them as for an update of the record.
import { Problem, notFound } from '../platform/http/problem.ts';
import { assertCanDo, canDoOn } from './access.ts';
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

/** What the caller may do with one record now: their rights on it, and a write guard's refusal (a lock) or null. */
export interface RecordAbilities {
  /** The refusal a write guard would give the caller's update of the record now, or null. */
  refusal: Problem | null;
  canEdit: boolean;
  canDelete: boolean;
  canChangeOwner: boolean;
}

/**
 * The caller's rights on one record (404 when unseen), computed as the writes compute them: the record
 * access condition at level edit (sharing rules, shares, the org default, through the parent for owned
 * children) read in the same statement as the row, and the role's actions on the object.
 */
export async function recordAbilitiesOf(c: Caller, objectName: string, id: string): Promise<RecordAbilities> {
  const def = c.registry.get(objectName);
  assertCanDo(c, def, 'read');
  const row = await findRow(c, def, id, { withCanEdit: true });
  if (!row) throw notFound(`The ${def.label.en.toLowerCase()}`);
  const canEdit = !def.isReadOnly && row.can_edit === true && canDoOn(c, def, 'edit');
  const abilities = {
    canEdit,
    canDelete: canEdit && canDoOn(c, def, 'delete'),
    canChangeOwner: canEdit && canDoOn(c, def, 'changeOwner'),
  };
  try {
    await guardWrite(c, { object: def, action: 'update', id, record: decodeRecord(allFields(def), row) });
    return { refusal: null, ...abilities };
  } catch (error) {
    if (error instanceof Problem) return { refusal: error, ...abilities };
    throw error;
  }
}
