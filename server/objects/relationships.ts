import type { ObjectDefinition } from '../records/index.ts';
import { options } from './options.ts';

/** The objects a relationship may join: each end names its object, and its id is a lookup into it. */
export const networkObjects = options(['accounts', 'Account', '客户'], ['contacts', 'Contact', '联系人']);

/**
 * A typed, dated edge between two accounts or contacts. Each end is a polymorphic lookup (`fromId`
 * into the object named by `fromObject`), like an activity's related record: the engine checks on
 * write that the record exists and that the writer may read it.
 */
export const relationships: ObjectDefinition = {
  name: 'relationships',
  isHiddenFromMenu: true,
  label: { en: 'Relationship', 'zh-CN': '关系' },
  labelPlural: { en: 'Relationships', 'zh-CN': '关系' },
  table: 'relationships',
  titleField: 'summary',
  access: { default: 'publicRead' },
  fields: [
    // The type's name ("Upstream supplier · 上游供应商"), kept by the network module so lists and lookups can
    // name an edge; never the ends' names, which a reader of the relationship may not be allowed to see.
    { name: 'summary', type: 'text', label: { en: 'Relationship', 'zh-CN': '关系' }, isReadOnly: true, isSearchable: true, maxLength: 255 },
    { name: 'fromObject', type: 'select', label: { en: 'From (kind)', 'zh-CN': '起点类型' }, isRequired: true, options: networkObjects },
    { name: 'fromId', type: 'lookup', targetFrom: 'fromObject', label: { en: 'From', 'zh-CN': '起点' }, isRequired: true },
    { name: 'toObject', type: 'select', label: { en: 'To (kind)', 'zh-CN': '终点类型' }, isRequired: true, options: networkObjects },
    { name: 'toId', type: 'lookup', targetFrom: 'toObject', label: { en: 'To', 'zh-CN': '终点' }, isRequired: true },
    { name: 'typeId', type: 'lookup', target: 'relationshipTypes', label: { en: 'Type', 'zh-CN': '关系类型' }, isRequired: true },
    {
      name: 'direction',
      type: 'select',
      label: { en: 'Direction', 'zh-CN': '方向' },
      isRequired: true,
      default: 'directed',
      options: options(['directed', 'From → to', '单向'], ['mutual', 'Both ways', '双向']),
    },
    // 1 (weak) to 5 (strong), checked by the network module.
    { name: 'strength', type: 'number', label: { en: 'Strength (1–5)', 'zh-CN': '强度（1至5）' }, isRequired: true, default: 3 },
    { name: 'source', type: 'text', label: { en: 'Source', 'zh-CN': '信息来源' }, maxLength: 200 },
    { name: 'startDate', type: 'date', label: { en: 'Since', 'zh-CN': '开始日期' } },
    { name: 'endDate', type: 'date', label: { en: 'Until', 'zh-CN': '结束日期' } },
    { name: 'note', type: 'longText', label: { en: 'Note', 'zh-CN': '备注' } },
  ],
};
