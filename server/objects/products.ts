import type { ObjectDefinition } from '../records/index.ts';

export const products: ObjectDefinition = {
  name: 'products',
  label: { en: 'Product', 'zh-CN': '产品' },
  labelPlural: { en: 'Products', 'zh-CN': '产品' },
  table: 'products',
  titleField: 'name',
  access: { default: 'publicRead' },
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, isRequired: true, isSearchable: true, isIndexed: true },
    { name: 'code', type: 'text', label: { en: 'Product code', 'zh-CN': '产品编码' }, isExternalId: true, isSearchable: true, maxLength: 100 },
    { name: 'category', type: 'text', label: { en: 'Category', 'zh-CN': '类别' }, isIndexed: true },
    { name: 'unitPrice', type: 'currency', label: { en: 'Unit price', 'zh-CN': '单价' } },
    { name: 'unit', type: 'text', label: { en: 'Unit', 'zh-CN': '单位' }, maxLength: 20 },
    { name: 'taxRate', type: 'percent', label: { en: 'Tax rate %', 'zh-CN': '税率 %' }, default: 0 },
    { name: 'isActive', type: 'boolean', label: { en: 'Active', 'zh-CN': '在售' }, default: true },
    { name: 'description', type: 'longText', label: { en: 'Description', 'zh-CN': '描述' } },
  ],
};
