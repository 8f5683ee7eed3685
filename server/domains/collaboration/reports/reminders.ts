// The reminder before a report is due: every ten minutes, each person who reports to a manager and has
// not submitted the current period's report is told once the deadline is near (the template's minutes
// before it, in their own time zone). Once per person and period: the notice itself carries the period
// key, and the check and the notice are made under one transaction-scoped advisory lock, so two runs
// (or two workers) never tell anyone twice.
import { sql } from 'drizzle-orm';
import type { Database } from '../../../platform/db/index.ts';
import { defineScheduledJob } from '../../../platform/jobs/index.ts';
import { notify } from '../../../notifications/service.ts';
import { systemCaller, type ModuleJobContext, type Registry } from '../../../records/index.ts';
import { deadlineOf, isTimeZone, periodAt, type ReportKind } from './period.ts';
import { DEFAULT_TIME_ZONE, templateFor } from './service.ts';

const LOCK_KEY = 'guanxi.work-report-reminders';

/** Tells those whose report of a kind is due soon and not submitted; returns how many were told. */
async function remindKind(db: Database, registry: Registry, kind: ReportKind, now: Date): Promise<number> {
  const system = systemCaller({ db, registry }, '00000000-0000-0000-0000-000000000000');
  const template = await templateFor(system, kind);
  if (!template) return 0;
  const minutes = Number(template.remindMinutesBefore ?? 30);
  const people = await db.rows<{ id: string; time_zone: string }>(sql`select id, time_zone from users
    where manager_id is not null and is_active and deleted_at is null order by id`);
  let told = 0;
  for (const person of people) {
    const timeZone = isTimeZone(person.time_zone) ? person.time_zone : DEFAULT_TIME_ZONE;
    const period = periodAt(kind, now, timeZone);
    const deadline = deadlineOf(period, String(template.deadlineTime ?? '18:00'), Number(template.deadlineWeekday ?? 5), timeZone);
    if (now.getTime() < deadline.getTime() - minutes * 60_000 || now >= deadline) continue;
    const periodKey = `${person.id}:${kind}:${period.start}`;
    const wasTold = await db.transaction(async (tx) => {
      await tx.rows(sql`select pg_advisory_xact_lock(hashtext(${LOCK_KEY}))`);
      const [done] = await tx.rows(sql`select 1 as x from work_reports where period_key = ${periodKey} and status = 'submitted' and deleted_at is null
        union all select 1 from notifications where user_id = ${person.id}::uuid and kind = 'workReport.dueSoon' and params->>'periodKey' = ${periodKey} limit 1`);
      if (done) return false;
      await notify(tx, { userId: person.id, kind: 'workReport.dueSoon', params: { periodKey, kind, periodStart: period.start, deadline: deadline.toISOString() } });
      return true;
    });
    if (wasTold) told += 1;
  }
  return told;
}

/** Reminds everyone whose daily or weekly report is due soon at `now`; returns how many notices were sent. */
export async function remindReportsDueSoon(db: Database, registry: Registry, now: Date): Promise<number> {
  return (await remindKind(db, registry, 'daily', now)) + (await remindKind(db, registry, 'weekly', now));
}

/** The reminder job, every ten minutes. */
export function workReportJobs({ db, registry, now }: ModuleJobContext) {
  return [
    defineScheduledJob({
      name: 'collaboration.remind-work-reports',
      schedule: '*/10 * * * *',
      retryDelaySeconds: 120,
      expireInSeconds: 600,
      handler: async (_payload, { log }) => {
        const told = await remindReportsDueSoon(db, registry, now());
        if (told) log.info({ told }, 'reminded people whose work report is due soon');
      },
    }),
  ];
}
