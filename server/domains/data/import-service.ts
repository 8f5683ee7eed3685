// The import's steps for the API: upload (detect how the file reads, suggest a mapping), change how it
// is read and mapped, dry run, start the background run, follow it, download the failed rows, undo.
// Every step needs the `import` permission on the object, and an import is seen by its author (and
// administrators) only; records are written as the author, with their access.
import { and, asc, desc, eq, inArray, getTableColumns, type SQL } from 'drizzle-orm';
import { assertObjectAction } from '../../platform/access/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { newId } from '../../platform/ids.ts';
import { notFound, Problem, type FieldError } from '../../platform/http/problem.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import type { Caller, ObjectDefinition } from '../../records/index.ts';
import { detectSource, readTable, UnreadableFileError, writeCsv, type ImportSource } from './import-file.ts';
import { dryRunImport, type ImportRun } from './import-runner.ts';
import { DRY_RUN_SYNC_ROWS, dryRunView, finishedState, runningState, wordIssues, type DryRunState } from './import-dry-run.ts';
import type { RowIssue } from './import-rows.ts';
import { defaultSettings, importableFields, matchKeysOf, suggestColumns, type ImportSettings } from './import-settings.ts';
import { mappingForHeader } from './import-mappings.ts';
import { presetForHeader, presetSettings } from './import-presets.ts';
import { importRows, importRuns } from './schema.ts';
import { FINISHED_DAYS } from './import-cleanup.ts';
import { UnreadableWorkbookError } from './xlsx-read.ts';
import type { ImportCounts, ImportStatus, ImportView, StoredSource, UndoConflict } from './import-shape.ts';

export const MAX_IMPORT_ROWS = 100_000;
const SAMPLE_ROWS = 5;

export type { StoredSource } from './import-shape.ts';

/** Starts background work on an import (the route enqueues the job in the given transaction). */
export type EnqueueRun = (runId: string, tx: Database) => Promise<unknown>;

// The bytes and the dry run's findings are read only where needed: a list or a poll carries neither.
const { content: _content, dryRun: _dryRun, ...summaryColumns } = getTableColumns(importRuns);
type RunSummary = Omit<ImportRun, 'content' | 'dryRun'>;

function assertMayImport(c: Caller, def: ObjectDefinition): void {
  assertObjectAction(c.ctx, def, 'import');
}

async function findRun(c: Caller, id: string, withContent: true): Promise<ImportRun>;
async function findRun(c: Caller, id: string, withContent?: false): Promise<RunSummary>;
async function findRun(c: Caller, id: string, withContent = false): Promise<RunSummary> {
  const mine: SQL | undefined = c.ctx.isAdmin ? undefined : eq(importRuns.createdBy, c.ctx.userId);
  const columns = withContent ? getTableColumns(importRuns) : summaryColumns;
  const [run] = await c.db.orm.select(columns).from(importRuns).where(and(eq(importRuns.id, id), mine));
  if (!run || !c.registry.has(run.objectName)) throw notFound('The import');
  assertMayImport(c, c.registry.get(run.objectName));
  return run;
}

function assertStatus(run: RunSummary, ...allowed: string[]): void {
  if (!allowed.includes(run.status)) throw new Problem(409, { key: 'detail.importWrongState', params: { status: run.status } });
}

async function readSource(bytes: Buffer, source: ImportSource): Promise<{ stored: StoredSource; totalRows: number }> {
  try {
    const table = await readTable(bytes, source);
    if (table.rows.length === 0) throw new Problem(400, { key: 'detail.importEmpty' });
    if (table.rows.length > MAX_IMPORT_ROWS) throw new Problem(400, { key: 'detail.importTooLarge', params: { limit: MAX_IMPORT_ROWS } });
    return { stored: { ...source, header: table.header, sample: table.rows.slice(0, SAMPLE_ROWS) }, totalRows: table.rows.length };
  } catch (error) {
    if (error instanceof UnreadableFileError || error instanceof UnreadableWorkbookError) throw new Problem(400, { key: 'detail.importUnreadable', en: `The file cannot be read as a table: ${error.message}` });
    throw error;
  }
}

/** The import as the API shows it: how the file reads, the mapping, the fields it may fill, progress. */
export function importView(c: Caller, run: RunSummary): ImportView {
  const def = c.registry.get(run.objectName);
  const fields = importableFields(c, def);
  return {
    id: run.id,
    object: run.objectName,
    status: run.status as ImportStatus,
    fileName: run.fileName,
    size: run.size,
    source: run.source as StoredSource,
    settings: run.settings as ImportSettings,
    totalRows: run.totalRows,
    processedRows: run.processedRows,
    counts: run.counts as Partial<ImportCounts>,
    failure: run.failure,
    undoConflicts: run.undoConflicts as UndoConflict[] | null,
    fields: fields.map((f) => ({ name: f.name, type: f.type, label: f.label, isRequired: Boolean(f.isRequired), options: f.options })),
    matchKeys: matchKeysOf(fields, def),
    // As the JSON answer writes them either way: ISO text.
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    undoneAt: run.undoneAt?.toISOString() ?? null,
    contentRemovedAt: run.contentRemovedAt?.toISOString() ?? null,
  };
}

/** Stores an uploaded file as a new import, with the detected encoding and delimiter and a suggested mapping. */
export async function createImport(c: Caller, objectName: string, fileName: string, bytes: Buffer) {
  const def = c.registry.get(objectName);
  assertMayImport(c, def);
  const { stored, totalRows } = await readSource(bytes, detectSource(bytes));
  // A file of a shape seen before takes the mapping saved for it, one another system exports (or a
  // vCard file) its ready-made mapping; any other gets one suggested.
  const fields = importableFields(c, def);
  const saved = await mappingForHeader(c, objectName, stored.header);
  const preset = presetForHeader(objectName, stored.header);
  const suggested = suggestColumns(stored.header, fields);
  const settings = saved ?? (preset ? presetSettings(preset, stored.header, new Set(fields.map((f) => f.name)), suggested) : defaultSettings(suggested));
  const [run] = await c.db.orm
    .insert(importRuns)
    .values({ id: newId(), objectName, createdBy: c.ctx.userId, status: 'uploaded', fileName, content: bytes, size: bytes.length, source: stored, settings, totalRows })
    .returning(summaryColumns);
  return importView(c, run!);
}

/** The caller's recent imports, newest first (of one object, if given). */
export async function listImports(c: Caller, objectName?: string) {
  const conditions = [eq(importRuns.createdBy, c.ctx.userId), objectName ? eq(importRuns.objectName, objectName) : undefined];
  const runs = await c.db.orm.select(summaryColumns).from(importRuns).where(and(...conditions)).orderBy(desc(importRuns.createdAt)).limit(50);
  return { data: runs.filter((run) => c.registry.has(run.objectName)).map((run) => importView(c, run)) };
}

/** One import of the caller's. */
export async function getImport(c: Caller, id: string) {
  return importView(c, await findRun(c, id));
}

/** Checks settings against the object: mapped fields importable, the key one the object offers and mapped. */
function checkSettings(c: Caller, def: ObjectDefinition, header: readonly string[], settings: ImportSettings): void {
  const fields = importableFields(c, def);
  const errors: FieldError[] = [];
  for (const [title, name] of Object.entries(settings.columns)) {
    if (!header.includes(title) || !fields.some((f) => f.name === name)) errors.push({ field: `columns.${title}`, code: 'import_notImportable', message: `${name} cannot be filled from this file` });
  }
  if (settings.matchMode !== 'create') {
    const keys = matchKeysOf(fields, def).map((key) => key.join(','));
    if (!keys.includes(settings.matchBy.join(','))) errors.push({ field: 'matchBy', code: 'import_notAKey', message: 'records cannot be matched by these fields' });
    const mapped = new Set(Object.values(settings.columns));
    for (const name of settings.matchBy) if (!mapped.has(name)) errors.push({ field: 'matchBy', code: 'import_keyNotMapped', message: `map a column to ${name}`, params: { field: name } });
  }
  if (errors.length > 0) throw new Problem(400, { key: 'detail.importSettingsInvalid' }, errors);
  // Creating and updating are the engine's own permissions too: refuse now rather than on every row.
  if (settings.matchMode !== 'update') assertObjectAction(c.ctx, def, 'create');
  if (settings.matchMode !== 'create') assertObjectAction(c.ctx, def, 'edit');
}

export interface ImportChange {
  source?: Pick<ImportSource, 'encoding' | 'delimiter'>;
  settings?: Partial<ImportSettings> & Pick<ImportSettings, 'columns' | 'matchMode'>;
}

/** Changes how the file is read (re-reading it) or how it is mapped; only before the run. */
export async function changeImport(c: Caller, id: string, change: ImportChange) {
  const run = await findRun(c, id, true);
  assertStatus(run, 'uploaded');
  const def = c.registry.get(run.objectName);
  let source = run.source as StoredSource;
  let totalRows = run.totalRows;
  if (change.source && source.format === 'csv') {
    ({ stored: source, totalRows } = await readSource(run.content, { ...source, ...change.source }));
  }
  const previous = run.settings as ImportSettings;
  const settings: ImportSettings = { ...previous, ...change.settings, matchBy: change.settings ? (change.settings.matchBy ?? []) : previous.matchBy };
  // Read another way, the file has other titles: suggest their mapping afresh.
  if (change.source && !change.settings) settings.columns = suggestColumns(source.header, importableFields(c, def));
  if (change.settings?.matchMode === 'create') settings.matchBy = [];
  checkSettings(c, def, source.header, settings);
  // The last dry run checked other settings: it no longer says anything (a running one stops).
  const [updated] = await c.db.orm.update(importRuns).set({ source, settings, totalRows, dryRun: null, updatedAt: new Date() }).where(eq(importRuns.id, id)).returning(summaryColumns);
  return importView(c, updated!);
}

/** Queues a background dry run (the route enqueues the job in the given transaction). */
export type EnqueueDryRun = (runId: string, token: string, tx: Database) => Promise<unknown>;

/**
 * Validates every row without writing: the counts and the problems of each failing or skipped row.
 * A file of more than DRY_RUN_SYNC_ROWS rows is checked by a job when `enqueue` is given: the answer
 * is then the running dry run, which `getDryRun` follows.
 */
export async function dryRun(c: Caller, id: string, locale: Locale, enqueue?: EnqueueDryRun) {
  const run = await findRun(c, id, true);
  assertStatus(run, 'uploaded');
  const def = c.registry.get(run.objectName);
  checkSettings(c, def, (run.source as StoredSource).header, run.settings as ImportSettings);
  const token = newId();
  if (enqueue && run.totalRows > DRY_RUN_SYNC_ROWS) {
    const state = runningState(token, run.totalRows);
    await c.db.transaction(async (tx) => {
      const [queued] = await tx.orm
        .update(importRuns)
        .set({ dryRun: state, updatedAt: new Date() })
        .where(and(eq(importRuns.id, id), eq(importRuns.status, 'uploaded')))
        .returning({ id: importRuns.id });
      if (!queued) throw new Problem(409, { key: 'detail.importWrongState', params: { status: 'queued' } });
      await enqueue(id, token, tx);
    });
    return dryRunView(def, state, locale);
  }
  const state = finishedState(token, run.totalRows, await dryRunImport(c, run));
  await c.db.orm.update(importRuns).set({ dryRun: state, updatedAt: new Date() }).where(and(eq(importRuns.id, id), eq(importRuns.status, 'uploaded')));
  return dryRunView(def, state, locale);
}

/** The import's last dry run: its progress while it runs, then what it found. */
export async function getDryRun(c: Caller, id: string, locale: Locale) {
  const run = await findRun(c, id);
  const [{ state }] = (await c.db.orm.select({ state: importRuns.dryRun }).from(importRuns).where(eq(importRuns.id, id))) as [{ state: DryRunState | null }];
  if (!state) throw notFound('The dry run');
  return dryRunView(c.registry.get(run.objectName), state, locale);
}

/** Queues the run; it goes on in the background and resumes where it stopped after a crash. */
export async function startImport(c: Caller, id: string, enqueue: EnqueueRun) {
  const run = await findRun(c, id);
  assertStatus(run, 'uploaded');
  checkSettings(c, c.registry.get(run.objectName), (run.source as StoredSource).header, run.settings as ImportSettings);
  const updated = await c.db.transaction(async (tx) => {
    const [queued] = await tx.orm
      .update(importRuns)
      .set({ status: 'queued', updatedAt: new Date() })
      .where(and(eq(importRuns.id, id), eq(importRuns.status, 'uploaded')))
      .returning(summaryColumns);
    if (!queued) throw new Problem(409, { key: 'detail.importWrongState', params: { status: 'queued' } });
    await enqueue(id, tx);
    return queued;
  });
  return importView(c, updated);
}

/** The rows that failed or were skipped, with a reason column, in the file's encoding and delimiter. */
export async function errorFile(c: Caller, id: string, locale: Locale): Promise<{ fileName: string; charset: string; body: Buffer }> {
  const run = await findRun(c, id, true);
  if (run.contentRemovedAt) throw new Problem(410, { key: 'detail.importFileRemoved', params: { days: FINISHED_DAYS } });
  const def = c.registry.get(run.objectName);
  const source = run.source as StoredSource;
  const table = await readTable(run.content, source);
  const problems = await c.db.orm
    .select({ rowNumber: importRows.rowNumber, reason: importRows.reason })
    .from(importRows)
    .where(and(eq(importRows.runId, id), inArray(importRows.outcome, ['failed', 'skipped'])))
    .orderBy(asc(importRows.rowNumber));
  const reasonTitle = locale === 'zh-CN' ? '错误原因' : 'Reason';
  const lines = [[...table.header, reasonTitle], ...problems.map((p) => [...(table.rows[p.rowNumber - 1] ?? []), wordIssues(def, (p.reason ?? []) as RowIssue[], locale)])];
  const base = run.fileName.replace(/\.[^.]*$/, '') || 'import';
  return { fileName: `${base}-errors.csv`, charset: source.encoding === 'gb18030' ? 'gb18030' : 'utf-8', body: writeCsv(lines, source) };
}

/** Starts undoing a completed import in the background, as the caller (see import-undo.ts). */
export async function startUndo(c: Caller, id: string, enqueue: EnqueueRun) {
  const run = await findRun(c, id);
  assertStatus(run, 'completed');
  const updated = await c.db.transaction(async (tx) => {
    const [undoing] = await tx.orm
      .update(importRuns)
      .set({ status: 'undoing', updatedAt: new Date() })
      .where(and(eq(importRuns.id, id), eq(importRuns.status, 'completed')))
      .returning(summaryColumns);
    if (!undoing) throw new Problem(409, { key: 'detail.importWrongState', params: { status: 'undoing' } });
    await enqueue(id, tx);
    return undoing;
  });
  return importView(c, updated);
}
