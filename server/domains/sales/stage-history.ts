// The stage history of opportunities: a stage-change record written with every move, in the moving
// transaction, and the time a deal spent in each stage (the current one up to now).
import { sql } from 'drizzle-orm';
import { toIsoTimestamp } from '../../platform/db/database.ts';
import { invalidField } from '../../platform/http/problem.ts';
import { createRecord, getRecord, systemCaller, type Caller, type ObjectHooks, type WrittenRecord } from '../../records/index.ts';
import { labelOf } from './pipeline-data.ts';
import type { StageHistory, StagePeriod } from './stage-shape.ts';

/** Writes the move as a stage-change record when a write puts the deal in another pipeline stage. */
export async function recordStageMove(write: WrittenRecord): Promise<void> {
  const { caller, action, before, record, id } = write;
  if ((action !== 'create' && action !== 'update') || !record?.stageId || record.stageId === before?.stageId) return;
  const actorId = caller.ctx.userId;
  await createRecord(systemCaller(caller, actorId), 'opportunityStageChanges', {
    opportunityId: id,
    pipelineId: record.pipelineId ?? null,
    fromStageId: before?.stageId ?? null,
    toStageId: record.stageId,
    at: new Date().toISOString(),
    byId: actorId,
    ownerId: actorId,
  });
}

/** Stage changes are the system's account of what happened: nobody writes or removes them by hand. */
export const stageChangeHooks: ObjectHooks = {
  validate: ({ caller }) => (caller.isSystem ? undefined : [{ field: 'opportunityId', code: 'read_only', message: 'stage changes are written by the system' }]),
  afterWrite: ({ caller, action }) => {
    if (!caller.isSystem && (action === 'delete' || action === 'restore')) throw invalidField('id', 'read_only', 'Stage changes are written by the system.');
  },
};

/** The most stage moves the history answers with (the latest ones); no real deal comes near. */
export const MAX_STAGE_MOVES = 10_000;

export type { StageHistory, StagePeriod } from './stage-shape.ts';

/**
 * The periods a visible deal spent in each stage, oldest first, and the total per stage; 404 for a
 * deal the caller may not read.
 */
export async function stageDurations(c: Caller, id: string, now = new Date()): Promise<StageHistory> {
  const deal = await getRecord(c, 'opportunities', id);
  const rows = await c.db.rows<Record<string, unknown>>(sql`select sc.to_stage_id, sc.at, sc.by_id, s.name, s.name_zh, s.kind
    from opportunity_stage_changes sc left join pipeline_stages s on s.id = sc.to_stage_id
    where sc.opportunity_id = ${id}::uuid and sc.deleted_at is null and sc.to_stage_id is not null
    order by sc.at desc, sc.id desc limit ${MAX_STAGE_MOVES}`);
  rows.reverse();
  const periods: StagePeriod[] = rows.map((row, i) => {
    const enteredAt = toIsoTimestamp(row.at)!;
    const leftAt = i + 1 < rows.length ? toIsoTimestamp(rows[i + 1]!.at)! : null;
    const end = leftAt ? Date.parse(leftAt) : now.getTime();
    return {
      stageId: row.to_stage_id as string,
      label: labelOf({ name: String(row.name ?? ''), nameZh: (row.name_zh as string | null) ?? null }),
      kind: (row.kind as string | null) ?? null,
      enteredAt,
      leftAt,
      seconds: Math.max(0, Math.round((end - Date.parse(enteredAt)) / 1000)),
      byId: (row.by_id as string | null) ?? null,
    };
  });
  const totals = new Map<string, StageHistory['totals'][number]>();
  for (const p of periods) {
    const total = totals.get(p.stageId) ?? { stageId: p.stageId, label: p.label, seconds: 0 };
    total.seconds += p.seconds;
    totals.set(p.stageId, total);
  }
  return { stageId: (deal.stageId as string | null | undefined) ?? null, data: periods, totals: [...totals.values()] };
}
