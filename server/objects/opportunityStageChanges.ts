import type { ObjectDefinition } from '../records/index.ts';

/**
 * One move of an opportunity from a stage to another, written by the sales module in the transaction
 * that moves it. Owned by the opportunity: whoever may read the deal reads its moves, no one else.
 */
export const opportunityStageChanges: ObjectDefinition = {
  name: 'opportunityStageChanges',
  label: { en: 'Stage change', 'zh-CN': '阶段变更' },
  labelPlural: { en: 'Stage changes', 'zh-CN': '阶段变更' },
  table: 'opportunity_stage_changes',
  titleField: 'at',
  access: { default: 'private' }, // ignored: read through the opportunity
  fields: [
    { name: 'opportunityId', type: 'parent', target: 'opportunities', label: { en: 'Opportunity', 'zh-CN': '商机' }, isRequired: true, isReadOnly: true },
    { name: 'pipelineId', type: 'lookup', target: 'pipelines', label: { en: 'Pipeline', 'zh-CN': '销售流程' }, isReadOnly: true },
    { name: 'fromStageId', type: 'lookup', target: 'pipelineStages', label: { en: 'From stage', 'zh-CN': '原阶段' }, isReadOnly: true },
    { name: 'toStageId', type: 'lookup', target: 'pipelineStages', label: { en: 'To stage', 'zh-CN': '新阶段' }, isReadOnly: true },
    { name: 'at', type: 'datetime', label: { en: 'Moved at', 'zh-CN': '变更时间' }, isRequired: true, isReadOnly: true },
    { name: 'byId', type: 'lookup', target: 'users', label: { en: 'Moved by', 'zh-CN': '变更人' }, isReadOnly: true },
  ],
};
