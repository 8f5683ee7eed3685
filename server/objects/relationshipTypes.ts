import { defineObject } from '../records/types.ts';

/**
 * A kind of relationship between accounts and contacts (supplier, former colleague …). The standard
 * kinds are seeded by the network module under a fixed `key`; administrators add their own as records.
 */
export const relationshipTypes = defineObject({
  name: 'relationshipTypes',
  isOutOfGlobalSearch: true,
  isHiddenFromMenu: true,
  label: { en: 'Relationship type', 'zh-CN': '关系类型' },
  labelPlural: { en: 'Relationship types', 'zh-CN': '关系类型' },
  table: 'relationship_types',
  titleField: 'name',
  access: { default: 'publicRead' },
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, isRequired: true, isSearchable: true, maxLength: 100 },
    { name: 'nameZh', type: 'text', label: { en: 'Name in Chinese', 'zh-CN': '中文名称' }, isSearchable: true, maxLength: 100 },
    // Stable code of a standard type (`supplier`); empty for the ones administrators add.
    { name: 'key', type: 'text', label: { en: 'Key', 'zh-CN': '代码' }, isExternalId: true, maxLength: 60 },
    { name: 'isActive', type: 'boolean', label: { en: 'Active', 'zh-CN': '启用' }, default: true },
  ],
});
