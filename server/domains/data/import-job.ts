// The background work of an import: its run, its undo and the dry run of a large file, one job each, retried with backoff; a retry
// (or a job sent back after its process died) resumes from the import's checkpoint.
import { defineJob, type JobDefinition } from '../../platform/jobs/index.ts';
import type { ModuleJobContext } from '../../records/index.ts';
import { executeImport } from './import-runner.ts';
import { executeUndo } from './import-undo.ts';
import { dryRunJobRef, executeDryRun, type DryRunJobPayload } from './import-dry-run.ts';
import { stalledImportsJob } from './import-recovery.ts';

export interface ImportJobPayload {
  importId: string;
}

/** The job's name, which is all an enqueue needs of it. */
export const importJobRef: Pick<JobDefinition<ImportJobPayload>, 'name'> = { name: 'data.import' };

export interface UndoJobPayload {
  importId: string;
  /** Who asked: the undo writes as them, with their access. */
  userId: string;
}

/** The undo job's name. */
export const undoJobRef: Pick<JobDefinition<UndoJobPayload>, 'name'> = { name: 'data.undo-import' };

/** The import jobs, given the database and registry they run on. */
export function importJobs(context: ModuleJobContext) {
  const { db, registry } = context;
  return [
    stalledImportsJob(context),
    defineJob<ImportJobPayload>({
      name: importJobRef.name,
      handler: (payload, context) => executeImport({ db, registry, log: context.log }, payload.importId),
      retryLimit: 5,
      retryBackoff: true,
      retryDelaySeconds: 5,
      expireInSeconds: 3600,
    }),
    defineJob<UndoJobPayload>({
      name: undoJobRef.name,
      handler: (payload, context) => executeUndo({ db, registry, log: context.log }, payload.importId, payload.userId),
      retryLimit: 5,
      retryBackoff: true,
      retryDelaySeconds: 5,
      expireInSeconds: 3600,
    }),
    // A dry run writes nothing: a retry starts it again from the first row.
    defineJob<DryRunJobPayload>({
      name: dryRunJobRef.name,
      handler: (payload, context) => executeDryRun({ db, registry, log: context.log }, payload),
      retryLimit: 2,
      retryBackoff: true,
      retryDelaySeconds: 5,
      expireInSeconds: 3600,
    }),
  ];
}
