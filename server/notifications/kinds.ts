// The kinds of notification and their words in both languages. A notification stores its kind and
// parameters; the text is made when it is read, in the reader's language, with what the reader may see.

export type Locale = 'en' | 'zh-CN';

export interface MessageParts {
  /** The person who caused it (their display name). */
  actor: string;
  /** The object's label in the reader's language (客户 / account). */
  objectLabel: string;
  /** The record's title, or null when the reader may not see the title field. */
  title: string | null;
}

interface KindDefinition {
  defaults: { isInApp: boolean; isEmail: boolean };
  text: Record<Locale, (parts: MessageParts) => string>;
}

const quoted = (locale: Locale, title: string | null) => (title ? (locale === 'en' ? ` “${title}”` : `「${title}」`) : '');

export const notificationKinds = {
  'record.assigned': {
    defaults: { isInApp: true, isEmail: true },
    text: {
      en: (p) => `${p.actor} assigned the ${p.objectLabel.toLowerCase()}${quoted('en', p.title)} to you`,
      'zh-CN': (p) => `${p.actor} 将${p.objectLabel}${quoted('zh-CN', p.title)}分配给了您`,
    },
  },
  // The collaboration module: a note mentioning the reader, on the record it is about.
  'record.mentioned': {
    defaults: { isInApp: true, isEmail: true },
    text: {
      en: (p) => `${p.actor} mentioned you in a note on the ${p.objectLabel.toLowerCase()}${quoted('en', p.title)}`,
      'zh-CN': (p) => `${p.actor} 在${p.objectLabel}${quoted('zh-CN', p.title)}的笔记中提到了您`,
    },
  },
  // The collaboration module's reminder: one of the reader's tasks is due within a day.
  'task.dueSoon': {
    defaults: { isInApp: true, isEmail: true },
    text: {
      en: (p) => `Your task${quoted('en', p.title)} is due soon`,
      'zh-CN': (p) => `您的任务${quoted('zh-CN', p.title)}即将到期`,
    },
  },
  // Sent by the sales module to the owner's managers when a deal reaches the big-deal amount.
  'deal.big': {
    defaults: { isInApp: true, isEmail: true },
    text: {
      en: (p) => `Big deal: ${p.actor} brought the ${p.objectLabel.toLowerCase()}${quoted('en', p.title)} to the big-deal amount`,
      'zh-CN': (p) => `大单提醒：${p.actor} 的${p.objectLabel}${quoted('zh-CN', p.title)}已达到大单金额`,
    },
  },
  // The receivables module's daily reminder: one of the reader's contracts ends within its reminder days.
  'contract.renewalDue': {
    defaults: { isInApp: true, isEmail: true },
    text: {
      en: (p) => `Your contract${quoted('en', p.title)} ends soon: time to talk about renewal`,
      'zh-CN': (p) => `您的合同${quoted('zh-CN', p.title)}即将到期，请跟进续约`,
    },
  },
  // The work-reports module: a report submitted to the reader, a comment on a report, a report due soon.
  'workReport.submitted': {
    defaults: { isInApp: true, isEmail: false },
    text: {
      en: (p) => `${p.actor} sent you a work report${quoted('en', p.title)}`,
      'zh-CN': (p) => `${p.actor} 向您提交了工作报告${quoted('zh-CN', p.title)}`,
    },
  },
  'workReport.commented': {
    defaults: { isInApp: true, isEmail: false },
    text: {
      en: (p) => `${p.actor} commented on the work report${quoted('en', p.title)}`,
      'zh-CN': (p) => `${p.actor} 评论了工作报告${quoted('zh-CN', p.title)}`,
    },
  },
  'workReport.dueSoon': {
    defaults: { isInApp: true, isEmail: true },
    text: {
      en: () => 'Your work report is due soon: submit it before the deadline',
      'zh-CN': () => '您的工作报告即将截止，请在截止时间前提交',
    },
  },
  // The bulletin module: an announcement was published to the reader (e-mail only when its author asks).
  'announcement.published': {
    defaults: { isInApp: true, isEmail: true },
    text: {
      en: (p) => `${p.actor} published the announcement${quoted('en', p.title)}`,
      'zh-CN': (p) => `${p.actor} 发布了公告${quoted('zh-CN', p.title)}`,
    },
  },
  // The calendar module: the reader is in cc of a colleague's event (by default their manager).
  'event.cc': {
    defaults: { isInApp: true, isEmail: true },
    text: {
      en: (p) => `${p.actor} copied you on the event${quoted('en', p.title)}`,
      'zh-CN': (p) => `${p.actor} 将日程${quoted('zh-CN', p.title)}抄送给了您`,
    },
  },
  // The calendar module: the reader was added as an attendee of an event.
  'event.invited': {
    defaults: { isInApp: true, isEmail: true },
    text: {
      en: (p) => `${p.actor} added you to the event${quoted('en', p.title)}`,
      'zh-CN': (p) => `${p.actor} 邀请您参加日程${quoted('zh-CN', p.title)}`,
    },
  },
  // The calendar module's reminder: an event the reader organises or attends starts soon.
  'event.reminder': {
    defaults: { isInApp: true, isEmail: true },
    text: {
      en: (p) => `Starting soon: the event${quoted('en', p.title)}`,
      'zh-CN': (p) => `日程${quoted('zh-CN', p.title)}即将开始`,
    },
  },
  // The approvals module: a request waits for the reader's decision, and the requester hears the outcome.
  'approval.requested': {
    defaults: { isInApp: true, isEmail: true },
    text: {
      en: (p) => `${p.actor} asks for your approval of the ${p.objectLabel.toLowerCase()}${quoted('en', p.title)}`,
      'zh-CN': (p) => `${p.actor} 请您审批${p.objectLabel}${quoted('zh-CN', p.title)}`,
    },
  },
  'approval.approved': {
    defaults: { isInApp: true, isEmail: true },
    text: {
      en: (p) => `${p.actor} approved your ${p.objectLabel.toLowerCase()}${quoted('en', p.title)}`,
      'zh-CN': (p) => `${p.actor} 批准了您的${p.objectLabel}${quoted('zh-CN', p.title)}`,
    },
  },
  'approval.rejected': {
    defaults: { isInApp: true, isEmail: true },
    text: {
      en: (p) => `${p.actor} rejected your ${p.objectLabel.toLowerCase()}${quoted('en', p.title)}`,
      'zh-CN': (p) => `${p.actor} 驳回了您的${p.objectLabel}${quoted('zh-CN', p.title)}`,
    },
  },
  'approval.sentBack': {
    defaults: { isInApp: true, isEmail: true },
    text: {
      en: (p) => `${p.actor} sent your ${p.objectLabel.toLowerCase()}${quoted('en', p.title)} back for changes`,
      'zh-CN': (p) => `${p.actor} 退回了您的${p.objectLabel}${quoted('zh-CN', p.title)}，请修改`,
    },
  },
} satisfies Record<string, KindDefinition>;

export type NotificationKind = keyof typeof notificationKinds;
export const kindNames = Object.keys(notificationKinds) as NotificationKind[];

/** Whether a string names a known kind. */
export function isKind(kind: string): kind is NotificationKind {
  return Object.hasOwn(notificationKinds, kind);
}

/** The sentence of a notification in the reader's language. */
export function renderMessage(kind: string, locale: Locale, parts: MessageParts): string {
  if (!isKind(kind)) return kind;
  return notificationKinds[kind].text[locale](parts);
}
