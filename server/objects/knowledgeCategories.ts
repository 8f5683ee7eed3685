import { defineObject } from '../records/types.ts';

/** A category (栏目) of the knowledge base; articles are filed under one. */
export const knowledgeCategories = defineObject({
  name: 'knowledgeCategories',
  isOutOfGlobalSearch: true,
  isHiddenFromMenu: true,
  label: { en: 'Knowledge category', 'zh-CN': '知识分类' },
  labelPlural: { en: 'Knowledge categories', 'zh-CN': '知识分类' },
  table: 'knowledge_categories',
  titleField: 'name',
  access: { default: 'publicRead' },
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, isRequired: true, isSearchable: true, maxLength: 100 },
    { name: 'description', type: 'longText', label: { en: 'Description', 'zh-CN': '说明' } },
    { name: 'order', type: 'number', label: { en: 'Order', 'zh-CN': '顺序' }, default: 0 },
  ],
});
