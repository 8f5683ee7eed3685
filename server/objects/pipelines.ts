import { defineObject } from '../records/types.ts';

/** A sales pipeline (per product line or team): its stages are `pipelineStages`, owned by it. */
export const pipelines = defineObject({
  name: 'pipelines',
  isOutOfGlobalSearch: true,
  label: { en: 'Pipeline', 'zh-CN': '销售流程' },
  labelPlural: { en: 'Pipelines', 'zh-CN': '销售流程' },
  table: 'pipelines',
  titleField: 'name',
  // Everyone selling reads every pipeline; changing one takes the permission to edit pipelines.
  access: { default: 'publicRead' },
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, isRequired: true, isSearchable: true, maxLength: 100 },
    { name: 'nameZh', type: 'text', label: { en: 'Name in Chinese', 'zh-CN': '中文名称' }, isSearchable: true, maxLength: 100 },
    { name: 'isDefault', type: 'boolean', label: { en: 'Default pipeline', 'zh-CN': '默认流程' }, default: false },
    { name: 'isActive', type: 'boolean', label: { en: 'Active', 'zh-CN': '启用' }, default: true },
    { name: 'staleAfterDays', type: 'number', label: { en: 'Stale after (days)', 'zh-CN': '停滞天数' }, default: 14 },
  ],
});
