// The background run of an import: one job per import, retried with backoff; a retry (or a job sent
// back after its process died) resumes from the import's checkpoint.
import { defineJob, type JobDefinition } from '../../platform/jobs/index.ts';
import type { ModuleJobContext } from '../../records/index.ts';
import { executeImport } from './import-runner.ts';

export interface ImportJobPayload {
  importId: string;
}

/** The job's name, which is all an enqueue needs of it. */
export const importJobRef: Pick<JobDefinition<ImportJobPayload>, 'name'> = { name: 'data.import' };

/** The import job, given the database and registry it runs on. */
export function importJobs({ db, registry }: ModuleJobContext) {
  return [
    defineJob<ImportJobPayload>({
      name: importJobRef.name,
      handler: (payload, context) => executeImport({ db, registry, log: context.log }, payload.importId),
      retryLimit: 5,
      retryBackoff: true,
      retryDelaySeconds: 5,
      expireInSeconds: 3600,
    }),
  ];
}
