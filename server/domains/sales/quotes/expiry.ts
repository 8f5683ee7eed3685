// Sent quotes whose validity has passed become expired, by a daily job; the change is logged like
// any other, as the system.
import type { Database } from '../../../platform/db/index.ts';
import { defineScheduledJob } from '../../../platform/jobs/index.ts';
import { SYSTEM_ACTOR_ID } from '../pool.ts';
import { listRecords, systemCaller, updateRecord, type ModuleJobContext, type Registry } from '../../../records/index.ts';

/** Marks the sent quotes valid until before `now`'s date as expired; answers how many. */
export async function expireQuotes(db: Database, registry: Registry, now: Date): Promise<number> {
  const system = systemCaller({ db, registry }, SYSTEM_ACTOR_ID);
  const today = now.toISOString().slice(0, 10);
  let expired = 0;
  for (;;) {
    const { data } = await listRecords(system, 'quotes', { filter: `status eq 'sent' and validUntil lt '${today}'`, fields: 'id', limit: 200 });
    if (!data.length) return expired;
    for (const quote of data) await updateRecord(system, 'quotes', quote.id as string, { status: 'expired' });
    expired += data.length;
  }
}

/** The module's jobs: the daily expiry of quotes. */
export function quoteJobs({ db, registry, now }: ModuleJobContext) {
  return [
    defineScheduledJob({
      name: 'sales.expire-quotes',
      schedule: '20 2 * * *',
      handler: async (_payload, { log }) => {
        const expired = await expireQuotes(db, registry, now());
        log.info({ expired }, 'expired the quotes past their validity');
      },
    }),
  ];
}
