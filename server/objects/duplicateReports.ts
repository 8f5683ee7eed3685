import type { ObjectDefinition } from '../records/index.ts';

/**
 * The duplicate report of one object, written by the scheduled job: the groups of records that look
 * alike. Readers see only the groups' records they may read (re-checked when the report is read).
 */
export const duplicateReports: ObjectDefinition = {
  name: 'duplicateReports',
  isHiddenFromMenu: true,
  label: { en: 'Duplicate report', 'zh-CN': '重复记录报告' },
  labelPlural: { en: 'Duplicate reports', 'zh-CN': '重复记录报告' },
  table: 'duplicate_reports',
  titleField: 'objectName',
  access: { default: 'publicRead' },
  fields: [
    { name: 'objectName', type: 'text', label: { en: 'Object', 'zh-CN': '对象' }, isReadOnly: true, isIndexed: true, maxLength: 63 },
    { name: 'generatedAt', type: 'datetime', label: { en: 'Generated at', 'zh-CN': '生成时间' }, isReadOnly: true },
    { name: 'groupCount', type: 'number', label: { en: 'Groups', 'zh-CN': '重复组数' }, isReadOnly: true },
    { name: 'groups', type: 'json', label: { en: 'Groups', 'zh-CN': '重复组' }, isReadOnly: true },
  ],
};
