// The dry run of a large file runs as a job, like the import itself: the request queues it and
// answers at once, the screen polls its progress, and what it found is kept on the import (the
// `dry_run` column) until the settings change. A small file is checked within the request, as before.
// Each dry run carries a token: a job whose token is no longer the import's (the user changed the
// mapping, or asked again) stops at its next batch and writes nothing.
import { eq, sql } from 'drizzle-orm';
import { loadRequestContext } from '../../platform/access/load-context.ts';
import { assertObjectAction } from '../../platform/access/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { Problem } from '../../platform/http/problem.ts';
import { wordFieldError, type Locale } from '../../platform/i18n/index.ts';
import type { Caller, ErrorLog, ObjectDefinition, Registry } from '../../records/index.ts';
import { dryRunImport, emptyCounts, type DryRunResult, type ImportCounts, type ImportRun } from './import-runner.ts';
import type { RowIssue } from './import-rows.ts';
import { importRuns } from './schema.ts';
import type { DryRunView } from './import-shape.ts';

/** Files of up to this many rows are dry-run within the request; larger ones as a job. */
export const DRY_RUN_SYNC_ROWS = 2000;
/** The failing and skipped rows a dry run keeps (the counts cover every row). */
const KEPT_PROBLEMS = 1000;

/** A dry run as kept on the import: progress while it runs, then what it found. */
export interface DryRunState {
  token: string;
  status: 'running' | 'done' | 'failed';
  checkedRows: number;
  totalRows: number;
  counts: ImportCounts;
  /** Per pick-list field, values of the file that match no option (at most 100 each). */
  unknownOptions: Record<string, string[]>;
  problems: Array<{ rowNumber: number; outcome: string; issues: RowIssue[] }>;
  failure?: string;
}

/** The dry-run job's payload: which import, and which request of its dry run. */
export interface DryRunJobPayload {
  importId: string;
  token: string;
}

/** The dry-run job's name. */
export const dryRunJobRef = { name: 'data.dry-run-import' } as const;

/** A row's problems in the reader's language, each after its field's label. */
export function wordIssues(def: ObjectDefinition, issues: readonly RowIssue[], locale: Locale): string {
  return issues
    .map((issue) => {
      const label = def.fields.find((f) => f.name === issue.field)?.label[locale];
      const text = wordFieldError(locale, issue);
      return label ? `${label}${locale === 'zh-CN' ? '：' : ': '}${text}` : text;
    })
    .join(locale === 'zh-CN' ? '；' : '; ');
}

/** A new dry run's state, before its first batch. */
export function runningState(token: string, totalRows: number): DryRunState {
  return { token, status: 'running', checkedRows: 0, totalRows, counts: emptyCounts(), unknownOptions: {}, problems: [] };
}

/** What a finished dry run keeps: the counts, the unknown pick-list values and the first problems. */
export function finishedState(token: string, totalRows: number, result: DryRunResult): DryRunState {
  const unknownOptions: Record<string, string[]> = {};
  for (const found of result.problems.flatMap((p) => p.issues!).filter((i) => i.code === 'import_unknownOption')) {
    const values = (unknownOptions[found.field] ??= []);
    if (values.length < 100 && !values.includes(String(found.params.value))) values.push(String(found.params.value));
  }
  const problems = result.problems.slice(0, KEPT_PROBLEMS).map((p) => ({ rowNumber: p.rowNumber, outcome: p.outcome, issues: p.issues! }));
  return { token, status: 'done', checkedRows: totalRows, totalRows, counts: result.counts, unknownOptions, problems };
}

/** A dry run as the API shows it, its problems worded in the reader's language. */
export function dryRunView(def: ObjectDefinition, state: DryRunState, locale: Locale): DryRunView {
  return {
    status: state.status,
    checkedRows: state.checkedRows,
    totalRows: state.totalRows,
    counts: state.counts,
    unknownOptions: state.unknownOptions,
    failure: state.failure ?? null,
    problems: state.problems.map((p) => ({ rowNumber: p.rowNumber, outcome: p.outcome, fields: [...new Set(p.issues.map((i) => i.field))], message: wordIssues(def, p.issues, locale) })),
  };
}

class Superseded extends Error {}

/** Writes a dry run's state if it is still the import's current one; false when it was superseded. */
async function saveState(db: Database, importId: string, state: DryRunState): Promise<boolean> {
  const rows = await db.rows(sql`update import_runs set dry_run = ${JSON.stringify(state)}::jsonb, updated_at = now()
    where id = ${importId}::uuid and status = 'uploaded' and dry_run->>'token' = ${state.token} returning id`);
  return rows.length > 0;
}

/** The dry-run job's work: checks every row as the import's author, reporting progress after each batch. */
export async function executeDryRun(deps: { db: Database; registry: Registry; log?: ErrorLog }, payload: DryRunJobPayload): Promise<void> {
  const { db, registry } = deps;
  const [run] = await db.orm.select().from(importRuns).where(eq(importRuns.id, payload.importId));
  const current = run?.dryRun as DryRunState | null | undefined;
  if (!run || run.status !== 'uploaded' || current?.token !== payload.token) return;
  const fail = (failure: string) => saveState(db, run.id, { ...runningState(payload.token, run.totalRows), status: 'failed', failure });
  const ctx = await loadRequestContext(db, run.createdBy);
  if (!ctx) {
    await fail('userInactive');
    return;
  }
  const c: Caller = { db, registry, ctx, log: deps.log };
  try {
    assertObjectAction(ctx, registry.get(run.objectName), 'import');
    const result = await dryRunImport(c, run as ImportRun, async (checkedRows, totalRows) => {
      if (!(await saveState(db, run.id, { ...runningState(payload.token, totalRows), checkedRows }))) throw new Superseded();
    });
    await saveState(db, run.id, finishedState(payload.token, run.totalRows, result));
  } catch (error) {
    if (error instanceof Superseded) return;
    // The user lost the right to import, or the file no longer reads: no retry helps.
    if (!(error instanceof Problem) || error.status >= 500) throw error;
    await fail(error.message.slice(0, 200));
  }
}
