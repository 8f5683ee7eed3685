// What a pipeline means for an opportunity's writes: the pipeline stage and the standard `stage`
// pick-list kept in step (either may be written), a new stage bringing its probability, and the fields
// a stage requires before a deal may enter it.
import type { FieldError, ObjectHooks, RecordValues, WriteEvent } from '../../records/index.ts';
import { defaultPipelineId, stageById, stageOfPipeline, type StageRow } from './pipeline-data.ts';

/** The win probability (%) each standard stage implies, for deals outside any pipeline. */
export const stageProbability: Readonly<Record<string, number>> = { interest: 10, preference: 50, negotiation: 70, won: 100, lost: 0 };

const isChanged = (e: WriteEvent, field: string) => field in e.changes && e.changes[field] !== e.before?.[field];

/** Whether a value leaves a required field empty (blank text and empty lists included). */
export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** The stage a write puts the deal in, or undefined when it cannot tell (validate then says why). */
async function targetStage(e: WriteEvent, pipelineId: string): Promise<StageRow | undefined> {
  const db = e.caller.db;
  if (isChanged(e, 'stageId') && e.proposed.stageId) return stageById(db, String(e.proposed.stageId));
  const isExplicitStage = e.action === 'update' && isChanged(e, 'stage');
  const matching = await stageOfPipeline(db, pipelineId, e.proposed.stage);
  // A create or a pipeline change without a matching stage starts at the pipeline's first stage.
  return matching ?? (isExplicitStage ? undefined : stageOfPipeline(db, pipelineId));
}

async function derive(e: WriteEvent): Promise<RecordValues | void> {
  const isPlacement = e.action === 'create' || isChanged(e, 'pipelineId') || isChanged(e, 'stageId') || isChanged(e, 'stage');
  if (!isPlacement) return;
  const derived: RecordValues = {};
  let pipelineId = (e.proposed.pipelineId as string | null | undefined) ?? undefined;
  const chosen = isChanged(e, 'stageId') && e.proposed.stageId ? await stageById(e.caller.db, String(e.proposed.stageId)) : undefined;
  // A deal without a pipeline follows the stage it is given, else goes to the default pipeline.
  if (!pipelineId && chosen && !('pipelineId' in e.changes)) pipelineId = chosen.pipelineId;
  pipelineId ??= await defaultPipelineId(e.caller.db);
  if (pipelineId && pipelineId !== e.before?.pipelineId) derived.pipelineId = pipelineId;
  const stage = chosen ?? (pipelineId ? await targetStage(e, pipelineId) : undefined);
  if (stage) {
    derived.stageId = stage.id;
    if (stage.standardStage) derived.stage = stage.standardStage;
  }
  const isNewStage = stage ? stage.id !== e.before?.stageId : isChanged(e, 'stage');
  if (!isNewStage) return derived;
  // A new stage brings its probability, unless the same write sets one (a rep's own estimate wins).
  const probability = stage ? stage.probability : stageProbability[String(e.proposed.stage)];
  if (!('probability' in e.changes) && probability !== undefined) derived.probability = probability;
  derived.lastActivityAt = new Date().toISOString();
  derived.isStale = false;
  return derived;
}

async function check(e: WriteEvent): Promise<FieldError[] | void> {
  const stageId = e.proposed.stageId as string | null | undefined;
  const stage = stageId ? await stageById(e.caller.db, stageId) : undefined;
  if (!stage) {
    // Outside any pipeline, the standard stage "lost" still needs its reason.
    if (!('stage' in e.changes || 'lossReason' in e.changes)) return;
    if (e.proposed.stage === 'lost' && isBlank(e.proposed.lossReason)) {
      return [{ field: 'lossReason', code: 'required', message: 'is required when the opportunity is lost' }];
    }
    if (stageId && isChanged(e, 'stageId')) return [{ field: 'stageId', code: 'not_in_pipeline', message: 'is not a stage of this pipeline' }];
    return;
  }
  const errors: FieldError[] = [];
  if (stage.pipelineId !== e.proposed.pipelineId) {
    errors.push({ field: 'stageId', code: 'not_in_pipeline', message: "is not a stage of the opportunity's pipeline" });
  } else if (isChanged(e, 'stage') && stage.standardStage && stage.standardStage !== e.proposed.stage) {
    errors.push({ field: 'stage', code: 'not_in_pipeline', message: "is not a stage of the opportunity's pipeline" });
  }
  // Judged when the deal enters the stage, or when a write touches what the stage requires: so a
  // deal cannot leave it blank afterwards, while other edits of older deals stay possible.
  const isEntering = stage.id !== e.before?.stageId;
  if (!isEntering && !stage.requiredFields.some((f) => f in e.changes)) return errors;
  for (const field of stage.requiredFields) {
    if (isBlank(e.proposed[field])) errors.push({ field, code: 'required', message: `is required to enter the stage "${stage.name}"` });
  }
  return errors;
}

export const opportunityHooks: ObjectHooks = { beforeWrite: derive, validate: check };
