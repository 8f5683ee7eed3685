// Renewal reminders: every day a job tells the owner of each active contract whose end date is within
// its reminder days (in-app and by e-mail, through the notification center). A contract is reminded
// once per term: the end date it was reminded for is stored on it in the statement that picks it, and
// the notices are written in that transaction, so a job run twice, or in two workers, tells nobody
// twice; a renewed term (a new end date) is reminded again.
import { sql } from 'drizzle-orm';
import type { Database } from '../../../platform/db/index.ts';
import { defineScheduledJob } from '../../../platform/jobs/index.ts';
import type { ModuleJobContext } from '../../../records/index.ts';
import { notify } from '../../../notifications/service.ts';
import { dayOf, markOverdueInstalments } from './totals.ts';

/** Contracts reminded per transaction. */
const BATCH = 500;

async function remindBatch(db: Database, today: string): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx.rows<{ id: string; owner_id: string }>(sql`update contracts set renewal_reminded_for = end_date
      where id in (select id from contracts
        where status = 'active' and deleted_at is null and owner_id is not null and end_date is not null
          and end_date >= ${today}::date
          and end_date - coalesce(renewal_reminder_days, 30)::int <= ${today}::date
          and renewal_reminded_for is distinct from end_date
        order by id limit ${BATCH} for update skip locked)
      returning id, owner_id`);
    for (const contract of due) await notify(tx, { userId: contract.owner_id, kind: 'contract.renewalDue', objectName: 'contracts', recordId: contract.id });
    return due.length;
  });
}

/** Tells the owners of active contracts ending within their reminder days (UTC day of `now`); returns how many were reminded. */
export async function remindContractRenewals(db: Database, now: Date): Promise<number> {
  const today = dayOf(now);
  let total = 0;
  let reminded: number;
  do {
    reminded = await remindBatch(db, today);
    total += reminded;
  } while (reminded === BATCH);
  return total;
}

/** The daily jobs: renewal reminders, and instalments turning overdue. */
export function receivablesJobs({ db, now }: ModuleJobContext) {
  return [
    defineScheduledJob({
      name: 'receivables.remind-contract-renewals',
      schedule: '17 1 * * *',
      handler: async (_payload, { log }) => {
        const reminded = await remindContractRenewals(db, now());
        if (reminded) log.info({ reminded }, 'reminded owners of contracts due for renewal');
      },
    }),
    defineScheduledJob({
      name: 'receivables.mark-overdue-instalments',
      schedule: '7 0 * * *',
      handler: async (_payload, { log }) => {
        const marked = await markOverdueInstalments(db, dayOf(now()));
        if (marked) log.info({ marked }, 'marked instalments overdue');
      },
    }),
  ];
}
