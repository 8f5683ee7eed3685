// The job the multi-process tests run: it records who ran which attempt, and can hang on its first
// attempt so that the process holding it can be killed mid-job.
import { sql } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { defineJob } from './definitions.ts';

/** The table `test.record` writes to. */
export const jobRunsTable = 'create table if not exists job_runs (job_id uuid not null, attempt int not null, pid int not null)';

/** `test.record` writing to `db`; expires after a second so a killed process's job comes back fast. */
export function recordJobFor(db: Database) {
  return defineJob<{ isHangingFirst?: boolean }>({
    name: 'test.record',
    retryLimit: 2,
    expireInSeconds: 1,
    batchSize: 5,
    handler: async ({ isHangingFirst }, { jobId, attempt }) => {
      await db.rows(sql`insert into job_runs (job_id, attempt, pid) values (${jobId}, ${attempt}, ${process.pid})`);
      if (isHangingFirst && attempt === 0) await new Promise(() => {}); // never settles: the process gets killed
    },
  });
}
