// The knowledge base over HTTP: revisions kept on every change of the text, restoring one, the
// publication time, search in Chinese and English through the text, and who may change what.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../../testing.ts';
import { createApiKey } from '../../platform/auth/api-keys.ts';
import { createUser } from '../../platform/auth/test-support.ts';

let t: TestContext;

before(async () => {
  t = await startTestApp();
});
after(() => t.close());

/** A user of the role, and requests sent with their own API key. */
async function asUser(roleKey: string) {
  const user = await createUser(t, { roleKey });
  const { token } = await createApiKey(t.db, user.id, roleKey);
  return (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => t.api(method, url, body, { authorization: `Bearer ${token}` });
}

const revisionsOf = async (articleId: string) =>
  (await t.api('GET', `/api/v1/knowledgeArticleVersions?filter=${encodeURIComponent(`articleId eq '${articleId}'`)}&sort=revision`)).body.data as Array<Record<string, any>>;

test('each change of the title or text is a revision kept with its text; other changes are not', async () => {
  const category = await t.create('knowledgeCategories', { name: '产品手册' });
  const article = await t.create('knowledgeArticles', { title: '如何开具发票', body: '<p>第一步：登录<strong>财务系统</strong>。</p>', categoryId: category.id });
  assert.equal(article.revision, 1);
  assert.equal(article.status, 'draft');
  assert.equal(article.publishedAt, null);

  const edited = await t.api('PATCH', `/api/v1/knowledgeArticles/${article.id}`, { body: '<p>第一步：登录财务系统。第二步：选择客户。</p>' });
  assert.equal(edited.status, 200);
  assert.equal(edited.body.revision, 2);
  const tagged = await t.api('PATCH', `/api/v1/knowledgeArticles/${article.id}`, { tags: ['财务'], status: 'published' });
  assert.equal(tagged.body.revision, 2, 'tags and status are not a new revision');
  assert.ok(tagged.body.publishedAt, 'publishing stamps the time');

  const revisions = await revisionsOf(article.id);
  assert.deepEqual(revisions.map((r) => [r.revision, r.title]), [[1, '如何开具发票'], [2, '如何开具发票']]);
  assert.match(revisions[0]!.body, /财务系统/);
  assert.equal(revisions[0]!.savedById, t.adminId);

  const typed = await t.api('PATCH', `/api/v1/knowledgeArticles/${article.id}`, { revision: 9 });
  assert.equal(typed.status, 400, 'the revision number is not typed');
  assert.equal(typed.body.errors[0].code, 'read_only');
});

test('an earlier revision comes back as a new one; nothing is lost', async () => {
  const article = await t.create('knowledgeArticles', { title: 'Return policy', body: '<p>30 days</p>' });
  await t.api('PATCH', `/api/v1/knowledgeArticles/${article.id}`, { title: 'Return policy (new)', body: '<p>14 days</p>' });
  const restored = await t.api('POST', `/api/v1/knowledgeArticles/${article.id}/revisions/1/restore`);
  assert.equal(restored.status, 200);
  assert.equal(restored.body.title, 'Return policy');
  assert.equal(restored.body.body, '<p>30 days</p>');
  assert.equal(restored.body.revision, 3);
  assert.deepEqual((await revisionsOf(article.id)).map((r) => r.body), ['<p>30 days</p>', '<p>14 days</p>', '<p>30 days</p>']);

  assert.equal((await t.api('POST', `/api/v1/knowledgeArticles/${article.id}/revisions/7/restore`)).status, 404);
  assert.equal((await t.api('POST', `/api/v1/knowledgeArticles/${article.id}/revisions/0/restore`)).status, 400);
  const stale = await t.api('POST', `/api/v1/knowledgeArticles/${article.id}/revisions/2/restore`, undefined, { 'if-match': '"1"' });
  assert.equal(stale.status, 412);
});

test('the global search finds an article by words of its text in Chinese and English, not by tag names', async () => {
  const article = await t.create('knowledgeArticles', {
    title: '退货流程',
    body: '<h2>适用范围</h2><p>All <em>refurbished</em> devices &amp; 配件 may be returned within thirty days.</p>',
    status: 'published',
  });
  const find = async (q: string) => ((await t.api('GET', `/api/v1/search?q=${encodeURIComponent(q)}`)).body.data as Array<{ id: string }>).some((hit) => hit.id === article.id);
  assert.ok(await find('适用范围'), 'a Chinese heading of the text');
  assert.ok(await find('refurb'), 'an English word of the text, by its start');
  assert.ok(await find('配件'));
  assert.ok(!(await find('strong')) && !(await find('amp')), 'neither tag names nor entities are words');
});

test('everyone reads the knowledge base; only the author (or an administrator) changes an article, and revisions are never written by hand', async () => {
  const author = await asUser('sales_rep');
  const colleague = await asUser('service_agent');
  const created = await author('POST', '/api/v1/knowledgeArticles', { title: 'Demo checklist', body: '<p>Bring the adapter.</p>' });
  assert.equal(created.status, 201);
  const id = created.body.id as string;
  assert.equal((await colleague('GET', `/api/v1/knowledgeArticles/${id}`)).status, 200);
  assert.equal((await colleague('PATCH', `/api/v1/knowledgeArticles/${id}`, { title: 'Mine now' })).status, 403, 'readable, not editable');
  assert.equal((await colleague('POST', `/api/v1/knowledgeArticles/${id}/revisions/1/restore`)).status, 403);
  assert.equal((await colleague('GET', `/api/v1/knowledgeArticleVersions?filter=${encodeURIComponent(`articleId eq '${id}'`)}`)).body.data.length, 1, 'revisions are read with the article');

  const forged = await author('POST', '/api/v1/knowledgeArticleVersions', { articleId: id, revision: 5, title: 'x', savedAt: new Date().toISOString() });
  assert.equal(forged.status, 400);
  assert.equal(forged.body.errors[0].code, 'read_only');
  const [revision] = await revisionsOf(id);
  assert.equal((await t.api('DELETE', `/api/v1/knowledgeArticleVersions/${revision!.id}`)).status, 400);
});
