import type { ObjectDefinition } from '../records/index.ts';
import { options } from './options.ts';

export const activities: ObjectDefinition = {
  name: 'activities',
  label: { en: 'Activity', 'zh-CN': '活动' },
  labelPlural: { en: 'Activities', 'zh-CN': '活动' },
  table: 'activities',
  titleField: 'subject',
  access: { default: 'private' },
  fields: [
    { name: 'type', type: 'select', label: { en: 'Type', 'zh-CN': '类型' }, isRequired: true, isIndexed: true, options: options(['task', 'Task', '任务'], ['meeting', 'Meeting', '会议'], ['call', 'Call', '电话'], ['visit', 'Visit', '拜访'], ['note', 'Note', '笔记']) },
    { name: 'subject', type: 'text', label: { en: 'Subject', 'zh-CN': '主题' }, isRequired: true, isSearchable: true },
    { name: 'body', type: 'richText', label: { en: 'Details', 'zh-CN': '详情' } },
    { name: 'status', type: 'select', label: { en: 'Status', 'zh-CN': '状态' }, default: 'open', options: options(['open', 'Open', '未完成'], ['done', 'Done', '已完成'], ['cancelled', 'Cancelled', '已取消']) },
    { name: 'startAt', type: 'datetime', label: { en: 'Start', 'zh-CN': '开始时间' }, isIndexed: true },
    { name: 'endAt', type: 'datetime', label: { en: 'End', 'zh-CN': '结束时间' } },
    { name: 'dueDate', type: 'date', label: { en: 'Due date', 'zh-CN': '截止日期' }, isIndexed: true },
    // The record this activity is about (any object); the lookups below roll it up to the usual parents.
    { name: 'relatedObject', type: 'text', label: { en: 'Related object', 'zh-CN': '关联对象' }, maxLength: 63 },
    { name: 'relatedId', type: 'lookup', targetFrom: 'relatedObject', label: { en: 'Related record', 'zh-CN': '关联记录' } },
    { name: 'accountId', type: 'lookup', target: 'accounts', label: { en: 'Account', 'zh-CN': '客户' } },
    { name: 'contactId', type: 'lookup', target: 'contacts', label: { en: 'Contact', 'zh-CN': '联系人' } },
    { name: 'opportunityId', type: 'lookup', target: 'opportunities', label: { en: 'Opportunity', 'zh-CN': '商机' } },
    { name: 'leadId', type: 'lookup', target: 'leads', label: { en: 'Lead', 'zh-CN': '线索' } },
    // Tasks (the collaboration module): the owner is the assignee; the checklist is checked by its hooks.
    { name: 'priority', type: 'select', label: { en: 'Priority', 'zh-CN': '优先级' }, isIndexed: true, options: options(['high', 'High', '高'], ['normal', 'Normal', '普通'], ['low', 'Low', '低']) },
    { name: 'checklist', type: 'json', label: { en: 'Checklist', 'zh-CN': '检查清单' } },
    { name: 'completedAt', type: 'datetime', label: { en: 'Completed at', 'zh-CN': '完成时间' }, isReadOnly: true },
    // The due date a reminder was sent for: a task is reminded once, and again only if its due date moves.
    { name: 'reminderSentFor', type: 'date', label: { en: 'Reminder sent for', 'zh-CN': '已提醒的截止日期' }, isReadOnly: true },
    // The people a note mentions (structured: user ids); each is told if they may read the record.
    { name: 'mentionIds', type: 'multiLookup', target: 'users', label: { en: 'Mentioned', 'zh-CN': '提及的人' } },
  ],
};
