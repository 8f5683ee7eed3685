// Periodic clean-up as scheduled singleton jobs: whichever worker process is free runs each one
// once an hour, and never two at the same time. Also the engine's on-demand upkeep (search tokens).
import type { Database } from './platform/db/index.ts';
import type { AuthSettings } from './platform/config.ts';
import { purgeDeletedRecords, searchRebuildJob, type Registry } from './records/index.ts';
import { pruneSessions } from './platform/auth/sessions.ts';
import { pruneCounters } from './platform/auth/throttle.ts';
import { pruneIdempotencyKeys } from './platform/http/idempotency.ts';
import { defineJob, type JobDefinition } from './platform/jobs/index.ts';
import { purgeAttachments } from './files/purge.ts';
import type { FileStore } from './files/store.ts';

export interface HousekeepingDeps {
  db: Database;
  /** Where attachment bytes are, removed with their purged records. */
  fileStore: FileStore;
  registry: Registry;
  authSettings: AuthSettings;
  now: () => Date;
}

/** The housekeeping jobs: recycle-bin purge, session / counter / idempotency-key pruning, search token rebuilds. */
export function housekeepingJobs({ db, registry, authSettings, now, fileStore }: HousekeepingDeps): JobDefinition<any>[] {
  return [
    defineJob<Record<string, never>>({
      name: 'housekeeping.purge-recycle-bin',
      schedule: '17 * * * *',
      isSingleton: true,
      retryLimit: 3,
      retryBackoff: true,
      retryDelaySeconds: 60,
      expireInSeconds: 3600,
      handler: async (_payload, { log }) => {
        const removeFiles = purgeAttachments(fileStore, (error) => log.warn({ err: error }, 'could not remove the bytes of a purged attachment'));
        const purged = await purgeDeletedRecords(db, registry, now(), [removeFiles]);
        if (purged) log.info({ purged }, 'purged records from the recycle bin');
      },
    }),
    defineJob<Record<string, never>>({
      name: 'housekeeping.prune-sessions',
      schedule: '47 * * * *',
      isSingleton: true,
      retryLimit: 3,
      retryBackoff: true,
      retryDelaySeconds: 60,
      expireInSeconds: 600,
      handler: async () => {
        const at = now();
        await pruneSessions(db, authSettings, at);
        await pruneCounters(db, at);
        await pruneIdempotencyKeys(db);
      },
    }),
    searchRebuildJob(db, registry),
  ];
}
