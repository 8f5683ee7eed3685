// Merging two or three records into one: the caller picks, field by field, whose value the survivor
// keeps; links, activities, shares and history move to the survivor; the others go to the recycle
// bin. Everything runs in one transaction with the caller's rights (edit on the survivor, delete on
// the others) and is recorded as a `recordMerges` record that holds what undo needs, and audited.
import { isDeepStrictEqual } from 'node:util';
import { Problem, invalidField } from '../../platform/http/problem.ts';
import { logAuditEvent } from '../../platform/audit/audit.ts';
import {
  createRecord, definitionFor, deleteRecord, getRecord, recordAccessOf, systemCaller, updateRecord, writeTransaction,
  type Caller, type ObjectDefinition, type RecordValues,
} from '../../records/index.ts';
import { copyShares, moveHistory, moveLinks, type MovedHistory, type MovedLink, type MovedShare } from './merge-relations.ts';
import { textOf } from './duplicate-match.ts';
import type { MergeResult } from './duplicates-shape.ts';

export interface MergeInput {
  survivorId: string;
  loserIds: string[];
  /** Field name → the id of the record whose value the survivor keeps (absent: the survivor's own). */
  choices?: Record<string, string>;
}

/** What undo needs, kept in the merge record. */
export interface UndoData {
  previous: RecordValues;
  links: MovedLink[];
  shares: MovedShare[];
  history: MovedHistory[];
}

/** A stored value as the write API takes it back (a phone number is written as it was typed). */
export function toInput(value: unknown): unknown {
  if (value && typeof value === 'object' && 'e164' in value) return (value as { original?: unknown; e164: unknown }).original ?? (value as { e164: unknown }).e164;
  return value ?? null;
}

/** The fields a merge may take from another record: visible, writable by people, not computed. */
export function mergeableFields(visible: ObjectDefinition) {
  return visible.fields.filter((f) => !f.isReadOnly && f.type !== 'autoNumber' && f.type !== 'parent');
}

function checkInput(visible: ObjectDefinition, input: MergeInput): void {
  const ids = [input.survivorId, ...input.loserIds];
  if (new Set(ids).size !== ids.length) throw invalidField('loserIds', 'duplicate', 'a record cannot be merged with itself');
  const fields = new Set(mergeableFields(visible).map((f) => f.name));
  for (const [field, from] of Object.entries(input.choices ?? {})) {
    if (!fields.has(field)) throw invalidField(`choices.${field}`, 'unknown_field', `"${field.slice(0, 100)}" is not a field a merge may set.`);
    if (!ids.includes(from)) throw invalidField(`choices.${field}`, 'not_allowed', 'choose one of the records being merged');
  }
}

/** The survivor's changes the choices make, and its values before them (for undo). */
function survivorChanges(survivor: RecordValues, others: Map<string, RecordValues>, choices: Record<string, string>) {
  const changes: RecordValues = {};
  const previous: RecordValues = {};
  for (const [field, from] of Object.entries(choices)) {
    const source = others.get(from);
    if (!source || isDeepStrictEqual(source[field] ?? null, survivor[field] ?? null)) continue;
    changes[field] = toInput(source[field]);
    previous[field] = toInput(survivor[field]);
  }
  return { changes, previous };
}

/** Merges `loserIds` into `survivorId`; returns the merge record's id and the survivor as it is now. */
export async function mergeRecords(c: Caller, objectName: string, input: MergeInput): Promise<MergeResult> {
  const def = c.registry.get(objectName);
  const visible = definitionFor(c, def);
  if (!visible) throw new Problem(403, { key: 'detail.403' });
  checkInput(visible, input);
  return writeTransaction(c, async (t) => {
    const survivor = await getRecord(t, objectName, input.survivorId);
    if ((await recordAccessOf(t, objectName, input.survivorId)) !== 'edit') throw new Problem(403, { key: 'detail.403' });
    const losers = new Map<string, RecordValues>();
    for (const id of input.loserIds) losers.set(id, await getRecord(t, objectName, id));
    const { changes, previous } = survivorChanges(survivor, losers, input.choices ?? {});

    const links = await moveLinks(t, objectName, input.loserIds, input.survivorId);
    const shares = await copyShares(t, objectName, input.loserIds, input.survivorId);
    const history = await moveHistory(t, input.loserIds, input.survivorId);
    // The losers leave first, so a unique value (an external id) can pass to the survivor.
    for (const id of input.loserIds) await deleteRecord(t, objectName, id);
    const merged = Object.keys(changes).length > 0 ? await updateRecord(t, objectName, input.survivorId, changes) : survivor;

    const undoData: UndoData = { previous, links, shares, history };
    const title = `${textOf(survivor[def.titleField])} ← ${[...losers.values()].map((r) => textOf(r[def.titleField])).join(', ')}`.slice(0, 300);
    const merge = await createRecord(systemCaller(t, t.ctx.userId), 'recordMerges', {
      title, objectName, survivorId: input.survivorId, loserIds: input.loserIds, undoData, status: 'merged', ownerId: t.ctx.userId,
    });
    await logAuditEvent(t.db, {
      actorId: t.ctx.userId,
      action: 'records.merge',
      target: `${objectName}/${input.survivorId}`,
      details: { mergeId: merge.id, loserIds: input.loserIds, fields: Object.keys(changes), links: links.length, shares: shares.length },
    });
    return { mergeId: String(merge.id), survivor: merged as MergeResult['survivor'] };
  });
}
