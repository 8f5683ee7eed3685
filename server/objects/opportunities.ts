import type { ObjectDefinition } from '../records/index.ts';
import { forecastCategories } from './forecast.ts';
import { leadSources } from './options.ts';
import { standardStages } from './pipelineStages.ts';

export const opportunities: ObjectDefinition = {
  name: 'opportunities',
  label: { en: 'Opportunity', 'zh-CN': '商机' },
  labelPlural: { en: 'Opportunities', 'zh-CN': '商机' },
  table: 'opportunities',
  titleField: 'name',
  access: { default: 'private' },
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, isRequired: true, isSearchable: true, isIndexed: true },
    { name: 'accountId', type: 'lookup', target: 'accounts', label: { en: 'Account', 'zh-CN': '客户' } },
    { name: 'contactId', type: 'lookup', target: 'contacts', label: { en: 'Main contact', 'zh-CN': '主要联系人' } },
    { name: 'externalId', type: 'text', label: { en: 'External ID', 'zh-CN': '外部编号' }, isExternalId: true, maxLength: 100 },
    // The standard stage, kept in step with the pipeline stage by the sales module (either may be written).
    { name: 'stage', type: 'select', label: { en: 'Stage', 'zh-CN': '阶段' }, isRequired: true, isIndexed: true, default: 'interest', options: standardStages },
    { name: 'pipelineId', type: 'lookup', target: 'pipelines', label: { en: 'Pipeline', 'zh-CN': '销售流程' } },
    { name: 'stageId', type: 'lookup', target: 'pipelineStages', label: { en: 'Pipeline stage', 'zh-CN': '流程阶段' } },
    { name: 'amount', type: 'currency', label: { en: 'Amount', 'zh-CN': '金额' }, isIndexed: true },
    { name: 'probability', type: 'percent', label: { en: 'Probability', 'zh-CN': '赢率' } },
    // Where the deal counts in the forecast: derived from the stage by the forecast module unless set.
    { name: 'forecastCategory', type: 'select', label: { en: 'Forecast category', 'zh-CN': '预测类别' }, isIndexed: true, options: forecastCategories },
    { name: 'region', type: 'text', label: { en: 'Region', 'zh-CN': '区域' }, isIndexed: true, maxLength: 100 },
    { name: 'closeDate', type: 'date', label: { en: 'Close date', 'zh-CN': '预计成交日期' }, isIndexed: true },
    { name: 'source', type: 'select', label: { en: 'Source', 'zh-CN': '来源' }, options: leadSources },
    { name: 'lossReason', type: 'text', label: { en: 'Loss reason', 'zh-CN': '输单原因' } },
    { name: 'description', type: 'longText', label: { en: 'Description', 'zh-CN': '描述' } },
    // Kept by the sales module: the last activity or stage move, and whether that is too long ago.
    { name: 'lastActivityAt', type: 'datetime', label: { en: 'Last activity', 'zh-CN': '最近活动' }, isReadOnly: true, isIndexed: true },
    { name: 'isStale', type: 'boolean', label: { en: 'Stale', 'zh-CN': '停滞' }, isReadOnly: true, isIndexed: true, default: false },
  ],
};
