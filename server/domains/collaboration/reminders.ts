// Due-soon reminders: every hour a job tells the assignee of each open task due within the next day.
// A task is reminded once: the due date it was reminded for is stored on it (`reminderSentFor`) in the
// same statement that picks it, and the notices are written in that transaction, so a job that runs
// twice, or in two workers at once, tells nobody twice. Moving the due date makes it due for a new one.
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import { defineScheduledJob } from '../../platform/jobs/index.ts';
import type { ModuleJobContext } from '../../records/index.ts';
import { notify } from '../../notifications/service.ts';

const DAY_MS = 86_400_000;
/** Tasks reminded per transaction: a busy day is worked through in short transactions. */
const BATCH = 1000;

/** Reminds one batch of the tasks due from today to tomorrow (UTC days at `now`); returns how many. */
async function remindBatch(db: Database, now: Date): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  const tomorrow = new Date(now.getTime() + DAY_MS).toISOString().slice(0, 10);
  return db.transaction(async (tx) => {
    // SKIP LOCKED: a task someone is writing right now is reminded at the next run instead of waiting.
    const due = await tx.rows<{ id: string; owner_id: string }>(sql`update activities set reminder_sent_for = due_date
      where id in (select id from activities
        where type = 'task' and status = 'open' and deleted_at is null and owner_id is not null
          and due_date between ${today}::date and ${tomorrow}::date
          and reminder_sent_for is distinct from due_date
        order by id limit ${BATCH} for update skip locked)
      returning id, owner_id`);
    for (const task of due) await notify(tx, { userId: task.owner_id, kind: 'task.dueSoon', objectName: 'activities', recordId: task.id });
    return due.length;
  });
}

/** Tells the assignees of open tasks due from today to tomorrow (UTC days at `now`); returns how many were reminded. */
export async function remindTasksDueSoon(db: Database, now: Date): Promise<number> {
  let total = 0;
  let reminded: number;
  do {
    reminded = await remindBatch(db, now);
    total += reminded;
  } while (reminded === BATCH);
  return total;
}

/** The hourly reminder job. */
export function taskReminderJobs({ db, now }: ModuleJobContext) {
  return [
    defineScheduledJob({
      name: 'collaboration.remind-tasks-due-soon',
      schedule: '7 * * * *',
      retryDelaySeconds: 120,
      expireInSeconds: 1800,
      handler: async (_payload, { log }) => {
        const reminded = await remindTasksDueSoon(db, now());
        if (reminded) log.info({ reminded }, 'reminded assignees of tasks due soon');
      },
    }),
  ];
}
