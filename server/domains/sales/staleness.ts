// Stale deals: an open opportunity with no activity and no stage move for its pipeline's number of
// days (14 by default). `lastActivityAt` and `isStale` are real columns, so lists filter on them: an
// activity's hook and the stage hook keep them current, a daily job flags deals that crossed the line.
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import { defineScheduledJob } from '../../platform/jobs/index.ts';
import type { ModuleJobContext, ObjectHooks } from '../../records/index.ts';

export const DEFAULT_STALE_DAYS = 14;

/** The opportunities an activity is about: its opportunity lookup and its related record. */
function linkedOpportunities(activity: Record<string, unknown>): string[] {
  const ids = [activity.opportunityId];
  if (activity.relatedObject === 'opportunities') ids.push(activity.relatedId);
  return [...new Set(ids.filter((v): v is string => typeof v === 'string'))];
}

/**
 * A new activity makes its deals fresh again. Bookkeeping, not an edit: the deal's version is kept,
 * so a form open on it is not refused for a call logged meanwhile.
 */
export const activityHooks: ObjectHooks = {
  afterWrite: async ({ caller, action, record }) => {
    if (action !== 'create' || !record) return;
    const ids = linkedOpportunities(record);
    if (ids.length === 0) return;
    await caller.db.rows(sql`update opportunities set last_activity_at = ${new Date().toISOString()}::timestamptz, is_stale = false
      where id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`);
  },
};

/**
 * Sets `isStale` on every live opportunity to whether it is open and idle longer than its pipeline
 * allows at `now`; returns how many changed. Deals outside a pipeline use the default number of days.
 */
export async function flagStaleOpportunities(db: Database, now: Date): Promise<number> {
  const rows = await db.rows(sql`with judged as (
      select o.id, (coalesce(s.kind, case when o.stage in ('won', 'lost') then 'closed' else 'open' end) = 'open'
        and coalesce(o.last_activity_at, o.created_at)
          < ${now.toISOString()}::timestamptz - make_interval(days => coalesce(p.stale_after_days, ${DEFAULT_STALE_DAYS})::int)) as is_stale
      from opportunities o
      left join pipelines p on p.id = o.pipeline_id
      left join pipeline_stages s on s.id = o.stage_id
      where o.deleted_at is null)
    update opportunities o set is_stale = judged.is_stale from judged
    where o.id = judged.id and o.is_stale is distinct from judged.is_stale
    returning o.id`);
  return rows.length;
}

/** The daily job that flags stale deals (and clears deals no longer stale, e.g. after a longer limit). */
export function staleDealJobs({ db, now }: ModuleJobContext) {
  return [
    defineScheduledJob({
      name: 'sales.flag-stale-opportunities',
      schedule: '23 2 * * *',
      handler: async (_payload, { log }) => {
        const changed = await flagStaleOpportunities(db, now());
        if (changed) log.info({ changed }, 'updated the stale flag of opportunities');
      },
    }),
  ];
}
