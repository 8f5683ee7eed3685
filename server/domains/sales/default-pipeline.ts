// The pipeline every installation starts with: the stages of the standard `stage` pick-list, so
// deals written without a pipeline (older clients, imports, the demo) land in it unchanged.
import { sql } from 'drizzle-orm';
import { newId } from '../../platform/ids.ts';
import { recordSearchTokens, type Caller } from '../../records/index.ts';
import { defaultPipelineId } from './pipeline-data.ts';

/** The default pipeline's stages: [standard stage, English, 中文, probability, kind, fields required to enter]. */
export const defaultStages: ReadonlyArray<[string, string, string, number, 'open' | 'won' | 'lost', string[]]> = [
  ['interest', 'Interest shown', '初步意向', 10, 'open', []],
  ['preference', 'Strong preference for us', '明确偏好', 50, 'open', []],
  ['negotiation', 'Negotiating terms', '商务谈判', 70, 'open', []],
  ['won', 'Won', '赢单', 100, 'won', []],
  ['lost', 'Lost', '输单', 0, 'lost', ['lossReason']],
];

/**
 * Creates the default pipeline when none is live, then puts deals that have no pipeline (written
 * before pipelines existed, or straight into the table) into it. Safe to run at every start.
 */
export async function seedDefaultPipeline(c: Caller): Promise<void> {
  await c.db.transaction(async (tx) => {
    let pipelineId = await defaultPipelineId(tx);
    if (!pipelineId) {
      pipelineId = newId();
      const pipelines = c.registry.get('pipelines');
      const values: Record<string, unknown> = { name: 'Standard sales', nameZh: '标准销售流程' };
      const tokens = recordSearchTokens(pipelines, (f) => values[f.name]);
      await tx.rows(sql`insert into pipelines (id, name, name_zh, is_default, is_active, stale_after_days, search_tokens)
        values (${pipelineId}::uuid, ${values.name}, ${values.nameZh}, true, true, 14, ${sql.param(tokens)}::text[])`);
      const stages = c.registry.get('pipelineStages');
      for (const [order, [standard, name, nameZh, probability, kind, required]] of defaultStages.entries()) {
        const stageTokens = recordSearchTokens(stages, (f) => ({ name, nameZh })[f.name as 'name' | 'nameZh']);
        await tx.rows(sql`insert into pipeline_stages (id, pipeline_id, name, name_zh, "order", probability, kind, standard_stage, required_fields, search_tokens)
          values (${newId()}::uuid, ${pipelineId}::uuid, ${name}, ${nameZh}, ${order + 1}, ${probability}, ${kind}, ${standard},
            ${sql.param(required)}::text[], ${sql.param(stageTokens)}::text[])`);
      }
    }
    // Without touching versions: the deal did not change, it was only placed in the pipeline it was always in.
    await tx.rows(sql`update opportunities o set pipeline_id = ${pipelineId}::uuid,
        stage_id = (select s.id from pipeline_stages s where s.pipeline_id = ${pipelineId}::uuid and s.standard_stage = o.stage
          and s.deleted_at is null order by s."order" limit 1),
        last_activity_at = coalesce(o.last_activity_at, o.updated_at), is_stale = coalesce(o.is_stale, false)
      where o.pipeline_id is null`);
  });
}
