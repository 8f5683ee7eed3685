// Undoing an import: the records it created go to the recycle bin, the records it updated get their
// previous values back — each only if it is still at the version the import left it at. A record
// changed (or deleted) since is left alone and listed, so undo never overwrites someone's later work.
// It runs as a job, as the user who asked; rows are undone in batches and each notes that it was
// undone, so an interrupted undo resumes where it stopped.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { Problem } from '../../platform/http/problem.ts';
import { logAuditEvent } from '../../platform/audit/audit.ts';
import type { Database } from '../../platform/db/index.ts';
import { loadRequestContext } from '../../platform/access/load-context.ts';
import { deleteRecord, updateRecord, writeTransaction, type Caller, type ErrorLog, type RecordValues, type Registry } from '../../records/index.ts';
import { importRows, importRuns } from './schema.ts';
import type { ImportRun } from './import-runner.ts';
import type { UndoConflict } from './import-shape.ts';

export type { UndoConflict } from './import-shape.ts';

const UNDO_BATCH_SIZE = 200;

async function undoRow(c: Caller, objectName: string, row: typeof importRows.$inferSelect): Promise<UndoConflict | undefined> {
  const conflict = (reason: UndoConflict['reason']): UndoConflict => ({ rowNumber: row.rowNumber, recordId: row.recordId!, reason });
  try {
    await writeTransaction(c, async (t) => {
      if (row.outcome === 'created') await deleteRecord(t, objectName, row.recordId!, row.version ?? undefined);
      else await updateRecord(t, objectName, row.recordId!, row.previous as RecordValues, row.version ?? undefined);
    });
    return undefined;
  } catch (error) {
    if (error instanceof Problem && error.status === 412) return conflict('changed');
    if (error instanceof Problem && (error.status === 404 || error.status === 403)) return conflict('gone');
    throw error;
  }
}

/** Undoes an import as the caller; returns the records left alone. */
export async function undoImport(c: Caller, run: ImportRun): Promise<UndoConflict[]> {
  for (;;) {
    const batch = await c.db.orm
      .select()
      .from(importRows)
      .where(and(eq(importRows.runId, run.id), inArray(importRows.outcome, ['created', 'updated']), isNull(importRows.undo)))
      .orderBy(asc(importRows.rowNumber))
      .limit(UNDO_BATCH_SIZE);
    if (batch.length === 0) break;
    await writeTransaction(c, async (t) => {
      for (const row of batch) {
        const conflict = await undoRow(t, run.objectName, row);
        await t.db.orm
          .update(importRows)
          .set({ undo: conflict ? `conflict:${conflict.reason}` : 'done' })
          .where(and(eq(importRows.runId, run.id), eq(importRows.rowNumber, row.rowNumber)));
      }
    });
  }
  const rows = await c.db.orm
    .select({ rowNumber: importRows.rowNumber, recordId: importRows.recordId, undo: importRows.undo })
    .from(importRows)
    .where(and(eq(importRows.runId, run.id), inArray(importRows.undo, ['conflict:changed', 'conflict:gone'])))
    .orderBy(asc(importRows.rowNumber));
  const conflicts = rows.map((r) => ({ rowNumber: r.rowNumber, recordId: r.recordId!, reason: r.undo!.slice('conflict:'.length) as UndoConflict['reason'] }));
  await c.db.orm.update(importRuns).set({ status: 'undone', undoneAt: new Date(), undoConflicts: conflicts, updatedAt: new Date() }).where(eq(importRuns.id, run.id));
  await logAuditEvent(c.db, { actorId: c.ctx.userId, action: 'record.import.undo', target: run.objectName, details: { importId: run.id, conflicts: conflicts.length } });
  return conflicts;
}

/** The undo job's work: undoes an import marked `undoing`, as the user who asked for it. */
export async function executeUndo(deps: { db: Database; registry: Registry; log?: ErrorLog }, importId: string, userId: string): Promise<void> {
  const [run] = await deps.db.orm.select().from(importRuns).where(eq(importRuns.id, importId));
  if (!run || run.status !== 'undoing') return;
  const ctx = await loadRequestContext(deps.db, userId);
  if (!ctx) {
    // Whoever asked can no longer act: the import stays undoable by someone else.
    await deps.db.orm.update(importRuns).set({ status: 'completed', updatedAt: new Date() }).where(eq(importRuns.id, importId));
    return;
  }
  await undoImport({ db: deps.db, registry: deps.registry, ctx, log: deps.log }, run);
}
