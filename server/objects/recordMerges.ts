import type { ObjectDefinition } from '../records/index.ts';
import { options } from './options.ts';

/**
 * One merge of duplicates: the survivor, the records merged into it and everything needed to undo it
 * (the survivor's previous values, the links, shares and history moved). Written by the merge
 * service only; its owner is whoever merged, so they (and administrators) see it.
 */
export const recordMerges: ObjectDefinition = {
  name: 'recordMerges',
  isOutOfGlobalSearch: true,
  isHiddenFromMenu: true,
  label: { en: 'Merge', 'zh-CN': '合并记录' },
  labelPlural: { en: 'Merges', 'zh-CN': '合并记录' },
  table: 'record_merges',
  titleField: 'title',
  access: { default: 'private' },
  fields: [
    { name: 'title', type: 'text', label: { en: 'Title', 'zh-CN': '标题' }, isReadOnly: true, isSearchable: true, maxLength: 300 },
    { name: 'objectName', type: 'text', label: { en: 'Object', 'zh-CN': '对象' }, isReadOnly: true, isIndexed: true, maxLength: 63 },
    { name: 'survivorId', type: 'text', label: { en: 'Kept record', 'zh-CN': '保留记录' }, isReadOnly: true, isIndexed: true, maxLength: 36 },
    { name: 'loserIds', type: 'json', label: { en: 'Merged records', 'zh-CN': '被合并记录' }, isReadOnly: true },
    { name: 'undoData', type: 'json', label: { en: 'Undo data', 'zh-CN': '撤销数据' }, isReadOnly: true },
    { name: 'status', type: 'select', label: { en: 'Status', 'zh-CN': '状态' }, isReadOnly: true, options: options(['merged', 'Merged', '已合并'], ['undone', 'Undone', '已撤销']) },
    { name: 'undoneAt', type: 'datetime', label: { en: 'Undone at', 'zh-CN': '撤销时间' }, isReadOnly: true },
  ],
};
