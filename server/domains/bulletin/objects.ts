// The bulletin board's objects: columns (栏目), announcements and the read receipts of announcements.
import { defineObject, type ObjectDefinition } from '../../records/types.ts';
import { options } from '../../objects/options.ts';

/** A column (栏目) of the bulletin board, named in both languages; announcements are filed under one. */
export const bulletinColumns = defineObject({
  name: 'bulletinColumns',
  isOutOfGlobalSearch: true,
  isHiddenFromMenu: true,
  label: { en: 'Bulletin column', 'zh-CN': '公告栏目' },
  labelPlural: { en: 'Bulletin columns', 'zh-CN': '公告栏目' },
  table: 'bulletin_columns',
  titleField: 'name',
  access: { default: 'publicRead' },
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name (Chinese)', 'zh-CN': '名称（中文）' }, isRequired: true, isSearchable: true, maxLength: 100 },
    { name: 'nameEn', type: 'text', label: { en: 'Name (English)', 'zh-CN': '名称（英文）' }, isSearchable: true, maxLength: 100 },
    { name: 'order', type: 'number', label: { en: 'Order', 'zh-CN': '顺序' }, default: 0 },
  ],
});

/**
 * An announcement (公告): rich text for everyone or chosen teams. Records are private to their author;
 * publishing shares one with its audience (bulletin/audience.ts), so every read path of the engine
 * shows it to exactly that audience.
 */
export const announcements = defineObject({
  name: 'announcements',
  label: { en: 'Announcement', 'zh-CN': '公告' },
  labelPlural: { en: 'Bulletin board', 'zh-CN': '公告栏' },
  table: 'announcements',
  titleField: 'title',
  access: { default: 'private' },
  fields: [
    { name: 'title', type: 'text', label: { en: 'Title', 'zh-CN': '标题' }, isRequired: true, isSearchable: true, maxLength: 200 },
    { name: 'columnId', type: 'lookup', target: 'bulletinColumns', label: { en: 'Column', 'zh-CN': '栏目' }, isIndexed: true },
    { name: 'body', type: 'richText', label: { en: 'Text', 'zh-CN': '正文' }, isSearchable: true },
    { name: 'audience', type: 'select', label: { en: 'Audience', 'zh-CN': '发布范围' }, isRequired: true, default: 'everyone', options: options(['everyone', 'Everyone', '全员'], ['teams', 'Chosen teams', '指定团队']) },
    // Teams are no record object, so the chosen ones are a list of team ids, checked by the module's hook.
    { name: 'audienceTeamIds', type: 'json', label: { en: 'Teams', 'zh-CN': '团队' }, refersTo: 'teams' },
    { name: 'isPinned', type: 'boolean', label: { en: 'Pinned', 'zh-CN': '置顶' }, default: false, isIndexed: true },
    { name: 'status', type: 'select', label: { en: 'Status', 'zh-CN': '状态' }, isRequired: true, isIndexed: true, default: 'draft', options: options(['draft', 'Draft', '草稿'], ['published', 'Published', '已发布'], ['archived', 'Archived', '已归档']) },
    { name: 'publishedAt', type: 'datetime', label: { en: 'Published at', 'zh-CN': '发布时间' }, isReadOnly: true, isIndexed: true },
    { name: 'expiresAt', type: 'datetime', label: { en: 'Expires at', 'zh-CN': '截止时间' } },
    { name: 'isEmailed', type: 'boolean', label: { en: 'Also by e-mail', 'zh-CN': '同时发送邮件' }, default: false },
  ],
});

/** Who opened which announcement, once per reader (written by the system when a reader opens one). */
export const announcementReads: ObjectDefinition = {
  name: 'announcementReads',
  isHiddenFromMenu: true,
  label: { en: 'Announcement read', 'zh-CN': '公告阅读记录' },
  labelPlural: { en: 'Announcement reads', 'zh-CN': '公告阅读记录' },
  table: 'announcement_reads',
  titleField: 'readKey',
  access: { default: 'private' },
  fields: [
    // Not required: purging an announcement empties the lookup (ON DELETE SET NULL) of its reads.
    { name: 'announcementId', type: 'lookup', target: 'announcements', label: { en: 'Announcement', 'zh-CN': '公告' }, isIndexed: true },
    { name: 'readerId', type: 'lookup', target: 'users', label: { en: 'Reader', 'zh-CN': '阅读人' }, isRequired: true, isIndexed: true },
    { name: 'readAt', type: 'datetime', label: { en: 'Read at', 'zh-CN': '阅读时间' }, isRequired: true },
    // `<announcement>:<reader>`, unique: a second open of the same announcement is no second read.
    { name: 'readKey', type: 'text', label: { en: 'Key', 'zh-CN': '键' }, isRequired: true, isUnique: true, maxLength: 80 },
  ],
};
