import type { ObjectDefinition } from '../records/index.ts';

/** A company we compete with for deals: shared knowledge every seller reads. */
export const competitors: ObjectDefinition = {
  name: 'competitors',
  label: { en: 'Competitor', 'zh-CN': '竞争对手' },
  labelPlural: { en: 'Competitors', 'zh-CN': '竞争对手' },
  table: 'competitors',
  titleField: 'name',
  access: { default: 'publicRead' },
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, isRequired: true, isSearchable: true, isIndexed: true, maxLength: 200 },
    { name: 'website', type: 'url', label: { en: 'Website', 'zh-CN': '网站' } },
    { name: 'strengths', type: 'longText', label: { en: 'Strengths', 'zh-CN': '优势' } },
    { name: 'weaknesses', type: 'longText', label: { en: 'Weaknesses', 'zh-CN': '劣势' } },
  ],
};
