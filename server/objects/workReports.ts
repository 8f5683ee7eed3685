import type { ObjectDefinition } from '../records/index.ts';
import { options } from './options.ts';

/**
 * A daily or weekly work report, owned by its author. `summary` is the snapshot of what the author
 * logged in the period (calls, visits, meetings, deals moved, new accounts), taken by the work-reports
 * module; `answers` hold the template's free-text questions. On submit the report is shared (read) with
 * the author's manager and the cc'd people, listed in `recipientIds`.
 */
export const workReports: ObjectDefinition = {
  name: 'workReports',
  label: { en: 'Work report', 'zh-CN': '工作报告' },
  labelPlural: { en: 'Work reports', 'zh-CN': '工作报告' },
  table: 'work_reports',
  titleField: 'title',
  access: { default: 'private' },
  isHiddenFromMenu: true,
  fields: [
    { name: 'title', type: 'text', label: { en: 'Title', 'zh-CN': '标题' }, isSearchable: true, isReadOnly: true, maxLength: 200 },
    { name: 'kind', type: 'select', label: { en: 'Kind', 'zh-CN': '类型' }, isRequired: true, isIndexed: true, options: options(['daily', 'Daily report', '日报'], ['weekly', 'Weekly report', '周报']) },
    // The period's first calendar day in the author's time zone (a Monday for a weekly report).
    { name: 'periodStart', type: 'date', label: { en: 'Period start', 'zh-CN': '开始日期' }, isRequired: true, isIndexed: true },
    { name: 'periodEnd', type: 'date', label: { en: 'Period end', 'zh-CN': '结束日期' }, isReadOnly: true },
    // One report per author, kind and period: the key makes a second one a 409.
    { name: 'periodKey', type: 'text', label: { en: 'Period key', 'zh-CN': '周期键' }, isUnique: true, isReadOnly: true, maxLength: 100 },
    { name: 'status', type: 'select', label: { en: 'Status', 'zh-CN': '状态' }, isIndexed: true, isReadOnly: true, default: 'draft', options: options(['draft', 'Draft', '草稿'], ['submitted', 'Submitted', '已提交']) },
    { name: 'submittedAt', type: 'datetime', label: { en: 'Submitted at', 'zh-CN': '提交时间' }, isReadOnly: true },
    { name: 'templateId', type: 'lookup', target: 'workReportTemplates', label: { en: 'Template', 'zh-CN': '模板' } },
    { name: 'answers', type: 'json', label: { en: 'Answers', 'zh-CN': '填写内容' } },
    { name: 'summary', type: 'json', label: { en: 'Logged in the period', 'zh-CN': '期间工作记录' }, isReadOnly: true },
    { name: 'ccIds', type: 'multiLookup', target: 'users', label: { en: 'Cc', 'zh-CN': '抄送' } },
    { name: 'recipientIds', type: 'multiLookup', target: 'users', label: { en: 'Sent to', 'zh-CN': '接收人' }, isReadOnly: true },
  ],
};
