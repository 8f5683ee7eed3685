// Undoing a merge: the survivor gets its previous values back, the merged records come back from the
// recycle bin, and links, shares and history return to them. With the caller's rights (edit on the
// survivor, restore on the others); only whoever merged, or an administrator, sees the merge record.
import { Problem } from '../../platform/http/problem.ts';
import { logAuditEvent } from '../../platform/audit/audit.ts';
import { getRecord, restoreRecord, systemCaller, updateRecord, writeTransaction, type Caller } from '../../records/index.ts';
import { removeCopiedShares, restoreHistory, restoreLinks } from './merge-relations.ts';
import type { UndoData } from './merge-service.ts';
import type { MergeResult } from './duplicates-shape.ts';

/** Undoes a merge; returns the survivor as it is afterwards. A merge is undone once. */
export async function undoMerge(c: Caller, mergeId: string): Promise<MergeResult> {
  return writeTransaction(c, async (t) => {
    const merge = await getRecord(t, 'recordMerges', mergeId);
    if (merge.status === 'undone') {
      throw new Problem(409, { key: 'detail.409' }, [{ field: 'status', code: 'already_undone', message: 'this merge was undone already' }]);
    }
    const objectName = String(merge.objectName);
    const survivorId = String(merge.survivorId);
    const loserIds = (merge.loserIds as string[]) ?? [];
    const undo = merge.undoData as UndoData;
    // The survivor first: a unique value it took must be free again before its owner comes back.
    const survivor = Object.keys(undo.previous).length > 0 ? await updateRecord(t, objectName, survivorId, undo.previous) : await getRecord(t, objectName, survivorId);
    for (const id of loserIds) await restoreRecord(t, objectName, id);
    await restoreHistory(t, undo.history);
    await restoreLinks(t, undo.links, survivorId);
    await removeCopiedShares(t, survivorId, undo.shares);
    await updateRecord(systemCaller(t, t.ctx.userId), 'recordMerges', mergeId, { status: 'undone', undoneAt: new Date().toISOString() });
    await logAuditEvent(t.db, { actorId: t.ctx.userId, action: 'records.merge.undo', target: `${objectName}/${survivorId}`, details: { mergeId, loserIds } });
    return { mergeId, survivor: survivor as MergeResult['survivor'] };
  });
}
