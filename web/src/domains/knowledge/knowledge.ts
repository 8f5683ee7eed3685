// What the knowledge screens read: categories, articles (by category and status, or found by words
// of their text through the global search) and an article's kept revisions.
import { useQuery } from '@tanstack/react-query';
import { get, query } from '../../app/api.ts';
import type { RecordOf } from '../../../../server/records/record-type.ts';
import type { knowledgeCategories } from '../../../../server/objects/knowledgeCategories.ts';
import type { knowledgeArticles } from '../../../../server/objects/knowledgeArticles.ts';
import type { knowledgeArticleVersions } from '../../../../server/objects/knowledgeArticleVersions.ts';

/** A category, typed by its object definition. */
export type Category = RecordOf<typeof knowledgeCategories>;

/** An article, typed by its object definition. */
export type Article = RecordOf<typeof knowledgeArticles>;

/** A kept revision of an article, typed by its object definition. */
export type Revision = RecordOf<typeof knowledgeArticleVersions>;

const quoted = (value: string) => `'${value.replaceAll("'", "''")}'`;
const LIST_FIELDS = 'title,summary,categoryId,status,visibility,revision,updatedAt,ownerId';

/** Every category, in their order. */
export function useCategories() {
  return useQuery({
    queryKey: ['list', 'knowledgeCategories', 'all'],
    queryFn: () => get<{ data: Category[] }>(`/api/v1/knowledgeCategories?${query({ sort: 'order,name', limit: 200 })}`),
  });
}

/** Articles of a category (all when null) in a status, latest first; or the ones whose words match `words`. */
export function useArticles(categoryId: string | null, status: string, words: string) {
  const text = words.trim();
  return useQuery({
    queryKey: ['list', 'knowledgeArticles', categoryId, status, text],
    queryFn: async () => {
      if (text) {
        const hits = await get<{ data: Array<{ id: string }> }>(`/api/v1/search?${query({ q: text, objects: 'knowledgeArticles', limit: 50 })}`);
        if (!hits.data.length) return [];
        const ids = hits.data.map((hit) => quoted(hit.id)).join(', ');
        const found = await get<{ data: Article[] }>(`/api/v1/knowledgeArticles?${query({ filter: `id in (${ids})`, fields: LIST_FIELDS, limit: 50 })}`);
        const rank = new Map(hits.data.map((hit, i) => [hit.id, i]));
        return found.data.toSorted((a, b) => rank.get(a.id)! - rank.get(b.id)!);
      }
      const conditions = [`status eq ${quoted(status)}`, ...(categoryId ? [`categoryId eq ${quoted(categoryId)}`] : [])];
      return (await get<{ data: Article[] }>(`/api/v1/knowledgeArticles?${query({ filter: conditions.join(' and '), sort: '-updatedAt', fields: LIST_FIELDS, limit: 100 })}`)).data;
    },
  });
}

/** One article, whole. */
export function useArticle(id: string | null) {
  return useQuery({ queryKey: ['record', 'knowledgeArticles', id], enabled: !!id, queryFn: () => get<Article>(`/api/v1/knowledgeArticles/${id}`) });
}

/** An article's kept revisions, newest first. */
export function useRevisions(articleId: string, isEnabled: boolean) {
  return useQuery({
    queryKey: ['list', 'knowledgeArticleVersions', articleId],
    enabled: isEnabled,
    queryFn: () => get<{ data: Revision[] }>(`/api/v1/knowledgeArticleVersions?${query({ filter: `articleId eq ${quoted(articleId)}`, sort: '-revision', limit: 200 })}`),
  });
}
