import { defineObject } from '../records/types.ts';
import { options } from './options.ts';

/**
 * An article of the knowledge base: rich text in a category, internal (staff only) or public (for the
 * customer portal to come), a draft until published. Every change of its title or text is a new
 * version, kept as a `knowledgeArticleVersions` record (the knowledge module writes them).
 */
export const knowledgeArticles = defineObject({
  name: 'knowledgeArticles',
  label: { en: 'Knowledge article', 'zh-CN': '知识文章' },
  labelPlural: { en: 'Knowledge base', 'zh-CN': '知识库' },
  table: 'knowledge_articles',
  titleField: 'title',
  // Everyone reads the knowledge base; authors (and their managers) change their own articles.
  access: { default: 'publicRead' },
  fields: [
    { name: 'title', type: 'text', label: { en: 'Title', 'zh-CN': '标题' }, isRequired: true, isSearchable: true, maxLength: 200 },
    { name: 'categoryId', type: 'lookup', target: 'knowledgeCategories', label: { en: 'Category', 'zh-CN': '分类' }, isIndexed: true },
    { name: 'summary', type: 'text', label: { en: 'Summary', 'zh-CN': '摘要' }, isSearchable: true, maxLength: 255 },
    { name: 'body', type: 'richText', label: { en: 'Text', 'zh-CN': '正文' }, isSearchable: true },
    { name: 'status', type: 'select', label: { en: 'Status', 'zh-CN': '状态' }, isRequired: true, isIndexed: true, default: 'draft', options: options(['draft', 'Draft', '草稿'], ['published', 'Published', '已发布'], ['archived', 'Archived', '已归档']) },
    { name: 'visibility', type: 'select', label: { en: 'Visibility', 'zh-CN': '可见范围' }, isRequired: true, default: 'internal', options: options(['internal', 'Internal', '内部'], ['public', 'Public', '公开']) },
    { name: 'tags', type: 'tags', label: { en: 'Tags', 'zh-CN': '标签' }, isSearchable: true },
    { name: 'revision', type: 'number', label: { en: 'Revision', 'zh-CN': '修订版本' }, isReadOnly: true, default: 1 },
    { name: 'publishedAt', type: 'datetime', label: { en: 'Published at', 'zh-CN': '发布时间' }, isReadOnly: true },
  ],
});
