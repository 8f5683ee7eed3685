import type { ObjectDefinition } from '../records/index.ts';
import { options } from './options.ts';

/**
 * A rule that makes two records of an object likely duplicates: the same value of a field, compared
 * by a method (exact, e-mail, phone in E.164, person-name or company-name similarity). Everyone reads
 * them (the create form asks); only administrators change them (a hook of the duplicates module).
 */
export const duplicateRules: ObjectDefinition = {
  name: 'duplicateRules',
  isOutOfGlobalSearch: true,
  isHiddenFromMenu: true,
  label: { en: 'Duplicate rule', 'zh-CN': '查重规则' },
  labelPlural: { en: 'Duplicate rules', 'zh-CN': '查重规则' },
  table: 'duplicate_rules',
  titleField: 'name',
  access: { default: 'publicRead' },
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, isRequired: true, isSearchable: true, maxLength: 100 },
    { name: 'objectName', type: 'text', label: { en: 'Object', 'zh-CN': '对象' }, isRequired: true, isIndexed: true, maxLength: 63 },
    { name: 'field', type: 'text', label: { en: 'Field', 'zh-CN': '字段' }, isRequired: true, maxLength: 63 },
    {
      name: 'method',
      type: 'select',
      label: { en: 'Comparison', 'zh-CN': '比较方式' },
      isRequired: true,
      options: options(
        ['exact', 'Same text', '文本相同'],
        ['email', 'Same e-mail', '邮箱相同'],
        ['phone', 'Same phone number', '电话号码相同'],
        ['personName', 'Similar person name', '姓名相似'],
        ['companyName', 'Similar company name', '公司名称相似'],
      ),
    },
    { name: 'threshold', type: 'percent', label: { en: 'Similarity threshold (%)', 'zh-CN': '相似度阈值（%）' }, default: 60 },
    { name: 'isActive', type: 'boolean', label: { en: 'Active', 'zh-CN': '启用' }, default: true },
  ],
};
