// RecordOf<typeof definition> is what the web app types records with: its keys must be the keys the API
// answers, and its value kinds the JSON the API sends. Type-level checks fail `npm run check`; the
// runtime ones fail here.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../testing.ts';
import { systemFields } from './types.ts';
import type { RecordOf, SystemValues } from './record-type.ts';
import { knowledgeArticles } from '../objects/knowledgeArticles.ts';
import { announcements } from '../domains/bulletin/objects.ts';

type Article = RecordOf<typeof knowledgeArticles>;
type Announcement = RecordOf<typeof announcements>;
type IsExactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const isTrue = <T extends true>(value?: T) => value;

// A required select is its options' values; an optional field may be null; a JSON list of ids is ids.
isTrue<IsExactly<Article['status'], 'draft' | 'published' | 'archived'>>();
isTrue<IsExactly<Article['summary'], string | null>>();
isTrue<IsExactly<Article['tags'], string[] | null>>();
isTrue<IsExactly<Article['revision'], number | null>>();
isTrue<IsExactly<Announcement['audienceTeamIds'], string[] | null>>();
isTrue<IsExactly<Announcement['isPinned'], boolean | null>>();
isTrue<IsExactly<keyof SystemValues, (typeof systemFields)[number]>>();

let t: TestContext;

before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const keysOf = (def: { fields: Array<{ name: string }> }) => [...systemFields, ...def.fields.map((f) => f.name)].toSorted();

/** The JSON kind of a value: what `typeof` says, with arrays and null told apart. */
const kindOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

test('a record as the API answers it has exactly the keys RecordOf gives it, with values of the promised kinds', async () => {
  const category = await t.create('knowledgeCategories', { name: '常见问题' });
  const article: Article = (await t.create('knowledgeArticles', { title: '退货流程', summary: '七天无理由', body: '<p>说明</p>', categoryId: category.id, tags: ['售后'] })) as Article;
  assert.deepEqual(Object.keys(article).toSorted(), keysOf(knowledgeArticles));
  const kinds: Partial<Record<keyof Article, string>> = {
    id: 'string', version: 'number', ownerId: 'string', createdAt: 'string', title: 'string', summary: 'string', body: 'string',
    categoryId: 'string', status: 'string', visibility: 'string', tags: 'array', revision: 'number', publishedAt: 'null', deletedAt: 'null',
  };
  for (const [key, kind] of Object.entries(kinds)) assert.equal(kindOf(article[key as keyof Article]), kind, key);

  const team = await t.api('POST', '/api/v1/admin/teams', { name: '华东区' });
  const announcement = (await t.create('announcements', { title: '年会通知', audience: 'teams', audienceTeamIds: [team.body.id], isPinned: true })) as Announcement;
  assert.deepEqual(Object.keys(announcement).toSorted(), keysOf(announcements));
  assert.equal(kindOf(announcement.audienceTeamIds), 'array');
  assert.equal(kindOf(announcement.isPinned), 'boolean');
});
