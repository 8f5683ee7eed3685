import type { ObjectDefinition } from '../records/index.ts';

/** That one reader opened a work report (read/unread per reader); written by the system only. */
export const workReportReads: ObjectDefinition = {
  name: 'workReportReads',
  label: { en: 'Report read', 'zh-CN': '报告已读' },
  labelPlural: { en: 'Report reads', 'zh-CN': '报告已读' },
  table: 'work_report_reads',
  titleField: 'readAt',
  access: { default: 'private' }, // ignored: read through the report
  isHiddenFromMenu: true,
  fields: [
    { name: 'reportId', type: 'parent', target: 'workReports', label: { en: 'Report', 'zh-CN': '报告' }, isRequired: true, isReadOnly: true },
    { name: 'readerId', type: 'lookup', target: 'users', label: { en: 'Reader', 'zh-CN': '阅读人' }, isRequired: true, isReadOnly: true, isIndexed: true },
    // report id + reader id: a reader is recorded once, however often they open it.
    { name: 'readKey', type: 'text', label: { en: 'Read key', 'zh-CN': '阅读键' }, isUnique: true, isReadOnly: true, maxLength: 80 },
    { name: 'readAt', type: 'datetime', label: { en: 'Read at', 'zh-CN': '阅读时间' }, isRequired: true, isReadOnly: true },
  ],
};
