// The calendar's objects. An event is a meeting, visit, call or other appointment, owned by its
// organiser, about any record (a polymorphic lookup like an activity's), with attendees (users and
// contacts), people in cc, a reminder and an optional recurrence rule kept in the organiser's time zone.
// One changed occurrence of a series is an event of its own pointing at the series (RFC 5545's
// RECURRENCE-ID); a removed one is listed in the series' `exdates`.
import { defineObject, type ObjectDefinition } from '../../records/types.ts';
import { options } from '../../objects/options.ts';

export const calendarEvents = defineObject({
  name: 'calendarEvents',
  label: { en: 'Event', 'zh-CN': '日程' },
  labelPlural: { en: 'Calendar', 'zh-CN': '日程' },
  table: 'calendar_events',
  titleField: 'subject',
  // The organiser, those above them and the people it is shared with (attendees, cc) read an event.
  access: { default: 'private' },
  isHiddenFromMenu: true,
  fields: [
    { name: 'subject', type: 'text', label: { en: 'Subject', 'zh-CN': '主题' }, isRequired: true, isSearchable: true, maxLength: 200 },
    { name: 'type', type: 'select', label: { en: 'Type', 'zh-CN': '类型' }, isRequired: true, default: 'meeting', options: options(['meeting', 'Meeting', '会议'], ['visit', 'Visit', '拜访'], ['call', 'Call', '电话'], ['other', 'Other', '其他']) },
    { name: 'status', type: 'select', label: { en: 'Status', 'zh-CN': '状态' }, isRequired: true, isIndexed: true, default: 'planned', options: options(['planned', 'Planned', '计划中'], ['done', 'Done', '已完成'], ['cancelled', 'Cancelled', '已取消']) },
    { name: 'startAt', type: 'datetime', label: { en: 'Start', 'zh-CN': '开始时间' }, isRequired: true, isIndexed: true },
    { name: 'endAt', type: 'datetime', label: { en: 'End', 'zh-CN': '结束时间' }, isRequired: true },
    { name: 'timeZone', type: 'text', label: { en: 'Time zone', 'zh-CN': '时区' }, maxLength: 64 },
    { name: 'location', type: 'text', label: { en: 'Location', 'zh-CN': '地点' }, maxLength: 255, isSearchable: true },
    { name: 'description', type: 'longText', label: { en: 'Description', 'zh-CN': '说明' } },
    { name: 'relatedObject', type: 'text', label: { en: 'Related object', 'zh-CN': '关联对象' }, maxLength: 63 },
    { name: 'relatedId', type: 'lookup', targetFrom: 'relatedObject', label: { en: 'Related record', 'zh-CN': '关联记录' } },
    { name: 'attendeeUserIds', type: 'multiLookup', target: 'users', label: { en: 'Attendees (colleagues)', 'zh-CN': '参与同事' } },
    { name: 'attendeeContactIds', type: 'multiLookup', target: 'contacts', label: { en: 'Attendees (contacts)', 'zh-CN': '参与联系人' } },
    // Supervisor cc: the organiser's manager unless the organiser chose others; each may read the event.
    { name: 'ccUserIds', type: 'multiLookup', target: 'users', label: { en: 'Cc', 'zh-CN': '抄送' } },
    { name: 'reminderMinutes', type: 'number', label: { en: 'Reminder (minutes before)', 'zh-CN': '提前提醒（分钟）' } },
    // The start of the last occurrence reminded: each occurrence is reminded once (calendar reminders job).
    { name: 'reminderSentFor', type: 'datetime', label: { en: 'Reminded up to', 'zh-CN': '已提醒至' }, isReadOnly: true },
    // Recurrence (RFC 5545): the rule, the removed occurrences, and for a changed occurrence its series.
    { name: 'rrule', type: 'text', label: { en: 'Repeats', 'zh-CN': '重复' }, maxLength: 500 },
    { name: 'exdates', type: 'json', label: { en: 'Removed occurrences', 'zh-CN': '已删除的重复' } },
    { name: 'recurrenceParentId', type: 'lookup', target: 'calendarEvents', label: { en: 'Series', 'zh-CN': '所属系列' }, isIndexed: true },
    { name: 'recurrenceId', type: 'datetime', label: { en: 'Occurrence replaced', 'zh-CN': '替换的日程' } },
    // Derived: when a recurring series' last occurrence ends (far in the future when it never ends), so a
    // window query finds series by one index range; empty for a single event.
    { name: 'seriesEndAt', type: 'datetime', label: { en: 'Series ends', 'zh-CN': '系列结束' }, isReadOnly: true, isIndexed: true },
    { name: 'outcome', type: 'longText', label: { en: 'Outcome', 'zh-CN': '结果' } },
    { name: 'completedAt', type: 'datetime', label: { en: 'Done at', 'zh-CN': '完成时间' }, isReadOnly: true },
    // The activity "mark done" wrote on the record's timeline.
    { name: 'activityId', type: 'lookup', target: 'activities', label: { en: 'Logged activity', 'zh-CN': '记录的活动' } },
    { name: 'icalUid', type: 'text', label: { en: 'iCalendar UID', 'zh-CN': 'iCalendar UID' }, maxLength: 255, isIndexed: true },
  ],
});

/**
 * A person's private calendar feed: the SHA-256 of its secret (the secret itself is shown once and never
 * stored). Written only by the calendar module's routes, as the system; revoking deletes it.
 */
export const calendarFeeds: ObjectDefinition = {
  name: 'calendarFeeds',
  label: { en: 'Calendar feed', 'zh-CN': '日历订阅' },
  labelPlural: { en: 'Calendar feeds', 'zh-CN': '日历订阅' },
  table: 'calendar_feeds',
  titleField: 'label',
  access: { default: 'private' },
  isHiddenFromMenu: true,
  fields: [
    { name: 'label', type: 'text', label: { en: 'Label', 'zh-CN': '名称' }, maxLength: 100 },
    { name: 'tokenHash', type: 'text', label: { en: 'Secret (hashed)', 'zh-CN': '密钥（哈希）' }, maxLength: 64, isIndexed: true, isReadOnly: true },
  ],
};
