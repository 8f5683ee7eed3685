import type { ObjectDefinition } from '../records/index.ts';

/** A comment on a work report by one of its readers; owned by the report, so its readers read them. */
export const workReportComments: ObjectDefinition = {
  name: 'workReportComments',
  label: { en: 'Report comment', 'zh-CN': '报告评论' },
  labelPlural: { en: 'Report comments', 'zh-CN': '报告评论' },
  table: 'work_report_comments',
  titleField: 'body',
  access: { default: 'private' }, // ignored: read through the report
  isHiddenFromMenu: true,
  fields: [
    { name: 'reportId', type: 'parent', target: 'workReports', label: { en: 'Report', 'zh-CN': '报告' }, isRequired: true },
    { name: 'body', type: 'text', label: { en: 'Comment', 'zh-CN': '评论' }, isRequired: true, maxLength: 2000 },
    { name: 'authorId', type: 'lookup', target: 'users', label: { en: 'Author', 'zh-CN': '评论人' }, isReadOnly: true },
  ],
};
