// The knowledge module: a knowledge base of articles in categories, rich text, internal or public,
// found by the global search in Chinese and English, with every revision kept and restorable.
import { defineModule } from '../../records/index.ts';
import { knowledgeCategories } from '../../objects/knowledgeCategories.ts';
import { knowledgeArticles } from '../../objects/knowledgeArticles.ts';
import { knowledgeArticleVersions } from '../../objects/knowledgeArticleVersions.ts';
import { articleHooks, revisionHooks } from './article-revisions.ts';
import { knowledgeRoutes } from './routes.ts';

export const knowledgeModule = defineModule({
  name: 'knowledge',
  // Categories before articles, articles before their revisions: tables refer to those before them.
  objects: [knowledgeCategories, knowledgeArticles, knowledgeArticleVersions],
  hooks: { knowledgeArticles: articleHooks, knowledgeArticleVersions: revisionHooks },
  routes: knowledgeRoutes,
});
