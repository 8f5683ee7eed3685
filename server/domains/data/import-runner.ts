// Running an import: the dry run writes every batch and rolls it back, so it reports exactly what the
// run would do (the engine's validation, hooks and unique keys included) and leaves nothing behind.
// The run commits a batch at a time; each batch's transaction also writes what every row did and
// moves the checkpoint, so a crash loses at most an uncommitted batch, which a resumed run redoes
// from the checkpoint: no row is applied twice and none is lost.
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import { logAuditEvent } from '../../platform/audit/audit.ts';
import { assertObjectAction } from '../../platform/access/index.ts';
import { loadRequestContext } from '../../platform/access/load-context.ts';
import { Problem } from '../../platform/http/problem.ts';
import { writeTransaction, type Caller, type ErrorLog, type Registry } from '../../records/index.ts';
import { openTable, type ImportSource } from './import-file.ts';
import { applyRows, rowPreparer, type RowResult } from './import-rows.ts';
import type { ImportCounts } from './import-shape.ts';
import type { ImportSettings } from './import-settings.ts';
import { importRuns } from './schema.ts';

/** Rows per committed batch (and per rolled-back batch of a dry run) of an import that matches records. */
export const IMPORT_BATCH_SIZE = 200;
/** Rows per batch of a create-only import: written with a few multi-row statements, a larger batch pays. */
export const CREATE_BATCH_SIZE = 5000;

/** Most rows per rolled-back batch of a dry run: it reports its progress after each. */
const DRY_RUN_BATCH_SIZE = 1000;

/** The batch size of an import's settings. */
export const batchSizeOf = (settings: ImportSettings) => (settings.matchMode === 'create' ? CREATE_BATCH_SIZE : IMPORT_BATCH_SIZE);

export type { ImportCounts } from './import-shape.ts';
export const emptyCounts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 });

/** An import run's row as stored. */
export type ImportRun = typeof importRuns.$inferSelect;

/** What the dry run found: the counts and every row that would fail or be skipped. */
export interface DryRunResult {
  counts: ImportCounts;
  problems: RowResult[];
}

class RollBack extends Error {}

/** A run's file opened for reading batch by batch, and the preparer that turns its rows into bodies. */
async function openRun(c: Caller, run: ImportRun) {
  const def = c.registry.get(run.objectName);
  const settings = run.settings as ImportSettings;
  const reader = await openTable(run.content, run.source as ImportSource);
  const prepare = rowPreparer(c, def, reader.header, settings);
  return { def, settings, reader, prepare };
}

/**
 * Validates and applies every row in transactions that are rolled back; returns what would happen.
 * `onBatch` hears the rows checked so far after each batch (a background dry run reports progress).
 */
export async function dryRunImport(c: Caller, run: ImportRun, onBatch?: (checkedRows: number, totalRows: number) => Promise<void>): Promise<DryRunResult> {
  const { def, settings, reader, prepare } = await openRun(c, run);
  const counts = emptyCounts();
  const problems: RowResult[] = [];
  const size = Math.min(batchSizeOf(settings), DRY_RUN_BATCH_SIZE);
  for (let start = 0; ; ) {
    const cells = await reader.next(size);
    if (cells.length === 0) break;
    const rows = await prepare(cells, start + 1);
    const results: RowResult[] = [];
    try {
      await writeTransaction(c, async (t) => {
        results.push(...(await applyRows(t, def, rows, settings)));
        throw new RollBack();
      });
    } catch (error) {
      if (!(error instanceof RollBack)) throw error;
    }
    for (const result of results) {
      counts[result.outcome] += 1;
      if (result.issues) problems.push(result);
    }
    start += cells.length;
    await onBatch?.(start, Math.max(start, run.totalRows));
  }
  return { counts, problems };
}

export interface RunDeps {
  db: Database;
  registry: Registry;
  log?: ErrorLog;
  /** Called after each committed batch with the rows done so far (tests stop a run here). */
  afterBatch?: (processedRows: number) => Promise<void> | void;
  /** Rows per batch instead of the settings' own (tests make many small batches). */
  batchSize?: number;
}

/** Records what each row of a batch did (undo and the error file read it), in one statement. */
async function writeRowOutcomes(db: Database, runId: string, results: readonly RowResult[]): Promise<void> {
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
  await db.rows(sql`insert into import_rows (run_id, row_number, outcome, record_id, version, previous, reason)
    select ${runId}::uuid, * from unnest(
      ${sql.param(results.map((r) => r.rowNumber))}::int[], ${sql.param(results.map((r) => r.outcome))}::text[],
      ${sql.param(results.map((r) => r.recordId ?? null))}::uuid[], ${sql.param(results.map((r) => r.version ?? null))}::int[],
      ${sql.param(results.map((r) => json(r.previous)))}::jsonb[], ${sql.param(results.map((r) => json(r.issues)))}::jsonb[])`);
}

async function setRun(db: Database, id: string, values: Partial<ImportRun>): Promise<void> {
  await db.orm.update(importRuns).set({ ...values, updatedAt: new Date() }).where(eq(importRuns.id, id));
}

/**
 * Runs (or resumes) an import from its checkpoint, as the user who started it. Safe to call again
 * after a crash or alongside a stray second runner: each batch first locks the run and checks that
 * the checkpoint is where this runner left it.
 */
export async function executeImport(deps: RunDeps, runId: string): Promise<void> {
  const { db, registry } = deps;
  const [run] = await db.orm.select().from(importRuns).where(eq(importRuns.id, runId));
  if (!run || !['queued', 'running'].includes(run.status)) return;
  const ctx = await loadRequestContext(db, run.createdBy);
  if (!ctx) {
    await setRun(db, runId, { status: 'failed', failure: 'userInactive', finishedAt: new Date() });
    return;
  }
  const c: Caller = { db, registry, ctx, log: deps.log };
  await setRun(db, runId, { status: 'running' });
  let opened: Awaited<ReturnType<typeof openRun>>;
  try {
    assertObjectAction(ctx, registry.get(run.objectName), 'import');
    opened = await openRun(c, run);
  } catch (error) {
    // The user lost the right to import (or the object is gone) since it was queued: no retry helps.
    if (!(error instanceof Problem) || error.status >= 500) throw error;
    await setRun(db, runId, { status: 'failed', failure: error.message.slice(0, 200), finishedAt: new Date() });
    return;
  }
  const { def, settings, reader, prepare } = opened;
  const size = deps.batchSize ?? batchSizeOf(settings);
  let done = run.processedRows;
  // Resuming: the rows before the checkpoint are read again but not written. A matching import still
  // prepares them, so that their keys are known and a later row repeating one is still skipped.
  for (let skipped = 0; skipped < done; ) {
    const cells = await reader.next(Math.min(size, done - skipped));
    if (cells.length === 0) break;
    if (settings.matchMode !== 'create') await prepare(cells, skipped + 1);
    skipped += cells.length;
  }
  const prepareFrom = async (from: number) => {
    const cells = await reader.next(size);
    return cells.length === 0 ? [] : prepare(cells, from + 1);
  };
  // Pipelined: the next batch is read and prepared (cells parsed, lookups resolved) while the
  // database writes this one, so the file's work and the database's overlap. Preparing reads other
  // records only; every write, check and hook of a batch still happens inside its transaction.
  let next = prepareFrom(done);
  for (;;) {
    const batch = await next;
    if (batch.length === 0) break;
    next = prepareFrom(done + batch.length);
    // Kept for the next turn; should this batch fail first, its rejection is not left unhandled.
    next.catch(() => {});
    const moved = await writeTransaction(c, async (t) => {
      const [current] = await t.db.rows<{ processed_rows: number; counts: ImportCounts }>(
        sql`select processed_rows, counts from import_runs where id = ${runId}::uuid for update`,
      );
      if (!current || current.processed_rows !== done) return false; // another runner moved on
      const counts = { ...emptyCounts(), ...current.counts };
      const results = await applyRows(t, def, batch, settings);
      await writeRowOutcomes(t.db, runId, results);
      for (const r of results) counts[r.outcome] += 1;
      await t.db.orm.update(importRuns).set({ processedRows: done + batch.length, counts, updatedAt: new Date() }).where(eq(importRuns.id, runId));
      return true;
    });
    if (!moved) return;
    done += batch.length;
    await deps.afterBatch?.(done);
  }
  const [finished] = await db.orm.select({ counts: importRuns.counts }).from(importRuns).where(eq(importRuns.id, runId));
  await setRun(db, runId, { status: 'completed', finishedAt: new Date() });
  await logAuditEvent(db, {
    actorId: run.createdBy,
    action: 'record.import',
    target: run.objectName,
    details: { importId: runId, fileName: run.fileName, rowCount: done, counts: finished?.counts ?? {} },
  });
}
