// Uploaded files are not kept for ever. Once a day a job removes:
//  - imports uploaded but never run, untouched for ABANDONED_DAYS: the whole import (nothing was
//    written, so there is nothing to undo);
//  - the file of an import finished (completed, failed or undone) FINISHED_DAYS ago: its bytes are
//    emptied and the time noted, while what each row did stays, so a completed import can still be
//    undone. The file of failed rows is made from the upload, so it goes with it.
// Queued, running and undoing imports are never touched.
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import { defineScheduledJob } from '../../platform/jobs/index.ts';
import type { ModuleJobContext } from '../../records/index.ts';

/** Days an upload that was never run is kept after its last change. */
export const ABANDONED_DAYS = 7;
/** Days the file of a finished import is kept after it finished (or was undone). */
export const FINISHED_DAYS = 30;

/** Removes the uploads past their retention at `now`; returns how many imports and files went. */
export async function removeOldUploads(db: Database, now: Date): Promise<{ abandoned: number; files: number }> {
  const abandoned = await db.rows(sql`delete from import_runs
    where status = 'uploaded' and updated_at < ${now.toISOString()}::timestamptz - make_interval(days => ${ABANDONED_DAYS})
    returning id`);
  const files = await db.rows(sql`update import_runs set content = ''::bytea, content_removed_at = ${now.toISOString()}::timestamptz
    where status in ('completed', 'failed', 'undone') and content_removed_at is null
      and coalesce(undone_at, finished_at, updated_at) < ${now.toISOString()}::timestamptz - make_interval(days => ${FINISHED_DAYS})
    returning id`);
  return { abandoned: abandoned.length, files: files.length };
}

/** The daily clean-up of import uploads. */
export function importCleanupJobs({ db, now }: ModuleJobContext) {
  return [
    defineScheduledJob({
      name: 'data.remove-old-uploads',
      schedule: '37 3 * * *',
      handler: async (_payload, { log }) => {
        const removed = await removeOldUploads(db, now());
        if (removed.abandoned || removed.files) log.info(removed, 'removed old import uploads');
      },
    }),
  ];
}
