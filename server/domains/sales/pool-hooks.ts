// What keeps the customer pool's bookkeeping on accounts: when the owner changes, since when the new
// owner holds it, and that a claim or a place in the pool ends with it; the daily return job.
import { defineScheduledJob } from '../../platform/jobs/index.ts';
import type { ModuleJobContext, ObjectHooks } from '../../records/index.ts';
import { returnIdleAccounts } from './pool.ts';

export const accountPoolHooks: ObjectHooks = {
  beforeWrite: ({ action, before, changes }) => {
    if (action === 'create') return changes.ownerId === null ? undefined : { ownedSince: new Date().toISOString() };
    if (changes.ownerId === undefined || changes.ownerId === before?.ownerId) return;
    // A pool move (claim, return) sets these itself; any other new owner was given the account, not claimed it.
    const derived: Record<string, unknown> = { ownedSince: changes.ownerId === null ? null : new Date().toISOString() };
    if (changes.claimedAt === undefined) derived.claimedAt = null;
    if (changes.pooledAt === undefined && changes.ownerId !== null) derived.pooledAt = null;
    return derived;
  },
};

/** The daily job that returns accounts idle past their team's limit to the pool. */
export function poolJobs({ db, registry, now }: ModuleJobContext) {
  return [
    defineScheduledJob({
      name: 'sales.return-idle-accounts',
      schedule: '41 2 * * *',
      handler: async (_payload, { log }) => {
        const moved = await returnIdleAccounts(db, registry, now());
        if (moved) log.info({ moved }, 'returned idle accounts to the customer pool');
      },
    }),
  ];
}
