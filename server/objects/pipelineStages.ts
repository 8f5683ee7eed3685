import { defineObject } from '../records/types.ts';
import { options } from './options.ts';

/** The standard stages of `opportunities.stage`: every pipeline stage maps onto one, for reports across pipelines. */
export const standardStages = options(
  ['interest', 'Interest (10%)', '初步意向 (10%)'],
  ['preference', 'Strong preference (50%)', '明确偏好 (50%)'],
  ['negotiation', 'Negotiating terms (70%)', '商务谈判 (70%)'],
  ['won', 'Won', '赢单'],
  ['lost', 'Lost', '输单'],
);

/** One stage of a pipeline, in order, with its win probability and the fields a deal needs to enter it. */
export const pipelineStages = defineObject({
  name: 'pipelineStages',
  isOutOfGlobalSearch: true,
  label: { en: 'Pipeline stage', 'zh-CN': '流程阶段' },
  labelPlural: { en: 'Pipeline stages', 'zh-CN': '流程阶段' },
  table: 'pipeline_stages',
  titleField: 'name',
  access: { default: 'publicRead' }, // ignored: a stage is read and written through its pipeline
  fields: [
    { name: 'pipelineId', type: 'parent', target: 'pipelines', label: { en: 'Pipeline', 'zh-CN': '销售流程' }, isRequired: true },
    { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, isRequired: true, isSearchable: true, maxLength: 100 },
    { name: 'nameZh', type: 'text', label: { en: 'Name in Chinese', 'zh-CN': '中文名称' }, isSearchable: true, maxLength: 100 },
    { name: 'order', type: 'number', label: { en: 'Order', 'zh-CN': '顺序' }, isRequired: true, default: 0 },
    { name: 'probability', type: 'percent', label: { en: 'Win probability', 'zh-CN': '赢率' }, isRequired: true, default: 0 },
    { name: 'kind', type: 'select', label: { en: 'Kind', 'zh-CN': '类型' }, isRequired: true, default: 'open', options: options(['open', 'Open', '进行中'], ['won', 'Won', '赢单'], ['lost', 'Lost', '输单']) },
    { name: 'standardStage', type: 'select', label: { en: 'Standard stage', 'zh-CN': '标准阶段' }, options: standardStages },
    { name: 'requiredFields', type: 'tags', label: { en: 'Fields required to enter', 'zh-CN': '进入所需字段' } },
  ],
});
