import { defineObject } from '../records/types.ts';

/**
 * One version of a knowledge article: its title and text as they were saved, written by the knowledge
 * module in the saving transaction. Owned by the article: whoever reads the article reads its versions.
 */
export const knowledgeArticleVersions = defineObject({
  name: 'knowledgeArticleVersions',
  label: { en: 'Article version', 'zh-CN': '文章版本' },
  labelPlural: { en: 'Article versions', 'zh-CN': '文章版本' },
  table: 'knowledge_article_versions',
  titleField: 'title',
  access: { default: 'publicRead' }, // ignored: read through the article
  fields: [
    { name: 'articleId', type: 'parent', target: 'knowledgeArticles', label: { en: 'Article', 'zh-CN': '文章' }, isRequired: true, isReadOnly: true },
    { name: 'revision', type: 'number', label: { en: 'Revision', 'zh-CN': '修订版本' }, isRequired: true, isReadOnly: true },
    { name: 'title', type: 'text', label: { en: 'Title', 'zh-CN': '标题' }, isRequired: true, isReadOnly: true, maxLength: 200 },
    { name: 'body', type: 'richText', label: { en: 'Text', 'zh-CN': '正文' }, isReadOnly: true },
    { name: 'savedAt', type: 'datetime', label: { en: 'Saved at', 'zh-CN': '保存时间' }, isRequired: true, isReadOnly: true },
    { name: 'savedById', type: 'lookup', target: 'users', label: { en: 'Saved by', 'zh-CN': '保存人' }, isReadOnly: true },
  ],
});
