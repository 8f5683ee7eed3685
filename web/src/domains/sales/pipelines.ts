// Pipelines and their stages as the sales screens read them: plain records of the `pipelines` and
// `pipelineStages` objects, through the generic records API.
import { useQuery } from '@tanstack/react-query';
import { get, query } from '../../app/api.ts';
import type { Label } from '../../app/metadata.ts';
import type { RecordOf } from '../../../../server/records/record-type.ts';
import type { pipelines } from '../../../../server/objects/pipelines.ts';
import type { pipelineStages } from '../../../../server/objects/pipelineStages.ts';

export type { StageHistory, StagePeriod } from '../../../../server/domains/sales/stage-shape.ts';

/** A pipeline record, typed by its object definition. */
export type Pipeline = RecordOf<typeof pipelines>;

/** A stage record, typed by its object definition. */
export type Stage = RecordOf<typeof pipelineStages>;

/** A pipeline's or stage's name in both languages (the Chinese one falls back to the name). */
export const nameLabel = (row: { name: string; nameZh: string | null }): Label => ({ en: row.name, 'zh-CN': row.nameZh || row.name });

/** Every pipeline, the default first. */
export function usePipelines(isEnabled = true) {
  return useQuery({
    queryKey: ['pipelines'],
    enabled: isEnabled,
    queryFn: () => get<{ data: Pipeline[] }>(`/api/v1/pipelines${query({ sort: '-isDefault,name', limit: 200 })}`),
  });
}

/** The stages of one pipeline, in order. */
export function useStages(pipelineId: string | null | undefined) {
  return useQuery({
    queryKey: ['pipelineStages', pipelineId],
    enabled: Boolean(pipelineId),
    queryFn: () => get<{ data: Stage[] }>(`/api/v1/pipelineStages${query({ filter: `pipelineId eq '${pipelineId}'`, sort: 'order,createdAt', limit: 200 })}`),
  });
}

/** Stage names in both languages by id (for timeline entries, which carry ids only). */
export function useStageNames(ids: string[]) {
  const unique = [...new Set(ids)].toSorted();
  return useQuery({
    queryKey: ['stageNames', unique],
    enabled: unique.length > 0,
    queryFn: async () => {
      const filter = `id in (${unique.map((id) => `'${id}'`).join(', ')})`;
      const { data } = await get<{ data: Stage[] }>(`/api/v1/pipelineStages${query({ filter, fields: 'id,name,nameZh', limit: 200 })}`);
      return new Map(data.map((s) => [s.id, nameLabel(s)]));
    },
  });
}

/** Opportunity fields the sales module keeps by itself: the timeline shows stage moves instead of their changes. */
export const bookkeepingFields: ReadonlySet<string> = new Set(['stageId', 'lastActivityAt', 'isStale']);
