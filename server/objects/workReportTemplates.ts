import type { ObjectDefinition } from '../records/index.ts';
import { options } from './options.ts';

/**
 * What a daily (日报) or weekly (周报) work report asks besides the pre-filled summary: ordered free-text
 * questions labelled in both languages, and when it is due. Read by everyone, changed by administrators
 * (the work-reports module's hook); the newest active template of a kind is the one in use.
 */
export const workReportTemplates: ObjectDefinition = {
  name: 'workReportTemplates',
  label: { en: 'Report template', 'zh-CN': '报告模板' },
  labelPlural: { en: 'Report templates', 'zh-CN': '报告模板' },
  table: 'work_report_templates',
  titleField: 'name',
  access: { default: 'publicRead' },
  isHiddenFromMenu: true,
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, isRequired: true, maxLength: 100 },
    { name: 'kind', type: 'select', label: { en: 'Kind', 'zh-CN': '类型' }, isRequired: true, isIndexed: true, options: options(['daily', 'Daily report', '日报'], ['weekly', 'Weekly report', '周报']) },
    // [{ key, label: { en, zh-CN }, isRequired }] in the order they are asked (checked by the hook).
    { name: 'questions', type: 'json', label: { en: 'Questions', 'zh-CN': '填写项' } },
    // Local time in the author's time zone: "18:00" on the day (daily) or on `deadlineWeekday` (weekly).
    { name: 'deadlineTime', type: 'text', label: { en: 'Deadline time', 'zh-CN': '截止时间' }, isRequired: true, maxLength: 5, default: '18:00' },
    { name: 'deadlineWeekday', type: 'number', label: { en: 'Deadline weekday (1 = Monday)', 'zh-CN': '截止星期（1 = 周一）' }, default: 5 },
    { name: 'remindMinutesBefore', type: 'number', label: { en: 'Remind minutes before', 'zh-CN': '提前提醒（分钟）' }, default: 30 },
    { name: 'isActive', type: 'boolean', label: { en: 'Active', 'zh-CN': '启用' }, default: true },
  ],
};
