// Reading pipelines and stages for the sales module's hooks, jobs and routes: plain SQL on the
// module's own tables (deleted rows excluded), with no record access applied — callers check that.
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import type { Label } from '../../records/index.ts';

export interface StageRow {
  id: string;
  pipelineId: string;
  name: string;
  nameZh: string | null;
  order: number;
  probability: number;
  kind: 'open' | 'won' | 'lost';
  standardStage: string | null;
  requiredFields: string[];
}

const stageColumns = sql`s.id, s.pipeline_id, s.name, s.name_zh, s."order", s.probability, s.kind, s.standard_stage, s.required_fields`;

function toStage(row: Record<string, unknown>): StageRow {
  return {
    id: row.id as string,
    pipelineId: row.pipeline_id as string,
    name: row.name as string,
    nameZh: (row.name_zh as string | null) ?? null,
    order: Number(row.order),
    probability: Number(row.probability),
    kind: row.kind as StageRow['kind'],
    standardStage: (row.standard_stage as string | null) ?? null,
    requiredFields: (row.required_fields as string[] | null) ?? [],
  };
}

/** A name in both languages, for answers every reader words in their own (Chinese falls back to the name). */
export function labelOf(row: { name: string; nameZh: string | null }): Label {
  return { en: row.name, 'zh-CN': row.nameZh || row.name };
}

/** A live stage by id. */
export async function stageById(db: Database, id: string): Promise<StageRow | undefined> {
  const [row] = await db.rows(sql`select ${stageColumns} from pipeline_stages s where s.id = ${id}::uuid and s.deleted_at is null`);
  return row ? toStage(row) : undefined;
}

/** The live stages of a pipeline, in order. */
export async function stagesOf(db: Database, pipelineId: string): Promise<StageRow[]> {
  const rows = await db.rows(sql`select ${stageColumns} from pipeline_stages s
    where s.pipeline_id = ${pipelineId}::uuid and s.deleted_at is null order by s."order", s.created_at, s.id`);
  return rows.map(toStage);
}

/** The first stage of a pipeline that stands for a standard stage, or its first stage when `standard` is undefined. */
export async function stageOfPipeline(db: Database, pipelineId: string, standard?: unknown): Promise<StageRow | undefined> {
  const stages = await stagesOf(db, pipelineId);
  return standard === undefined ? stages[0] : stages.find((s) => s.standardStage === standard);
}

/** The id of the live default pipeline (the oldest, should two claim it), if any. */
export async function defaultPipelineId(db: Database): Promise<string | undefined> {
  const [row] = await db.rows<{ id: string }>(sql`select id from pipelines where is_default and deleted_at is null order by created_at, id limit 1`);
  return row?.id;
}

/** Whether a pipeline is live and active. */
export async function isActivePipeline(db: Database, id: string): Promise<boolean> {
  const [row] = await db.rows(sql`select 1 from pipelines where id = ${id}::uuid and deleted_at is null and is_active`);
  return Boolean(row);
}
