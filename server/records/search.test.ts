// Global search over HTTP: mixed Chinese and English, prefixes, ranking, and an index that follows
// every update, delete and restore.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../testing.ts';
import { SEARCH_PENDING_LIST_KB, SEARCH_TOKEN_STATISTICS } from './search-statistics.ts';

let t: TestContext;
const q = encodeURIComponent;

before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const create = (object: string, body: Record<string, unknown>) => t.create(object, body);

type Hit = { object: string; id: string; title: string; score: number };

async function search(query: string, extra = ''): Promise<Hit[]> {
  const r = await t.api('GET', `/api/v1/search?q=${q(query)}${extra}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  for (const hit of r.body.data) assert.deepEqual(Object.keys(hit).toSorted(), ['id', 'object', 'score', 'title']);
  return r.body.data;
}

const ids = (hits: Hit[]) => hits.map((h) => h.id);

test('星空 finds 北京星空在线文化传播有限公司, and so do other runs of its characters', async () => {
  const company = await create('accounts', { name: '北京星空在线文化传播有限公司' });
  for (const query of ['星空', '北京星空', '文化传播', '有限公司', '北京星空在线文化传播有限公司', ' 星空 ']) {
    const hits = await search(query);
    const hit = hits.find((h) => h.id === company.id);
    assert.ok(hit, query);
    assert.deepEqual(hit, { object: 'accounts', id: company.id, title: '北京星空在线文化传播有限公司', score: hit.score });
  }
  for (const query of ['星在', '空星', '上海星空']) assert.ok(!ids(await search(query)).includes(company.id), query);
});

test('zhang finds Zhang Wei, 张伟 finds 张伟, a Latin prefix and a single CJK character work too', async () => {
  const latin = await create('contacts', { name: 'Zhang Wei', title: 'Purchasing Manager' });
  const chinese = await create('contacts', { name: '张伟', title: '采购经理' });
  assert.ok(ids(await search('zhang')).includes(latin.id));
  assert.ok(ids(await search('ZHANG')).includes(latin.id));
  assert.ok(ids(await search('zha')).includes(latin.id));
  assert.ok(ids(await search('zhang wei')).includes(latin.id));
  assert.ok(ids(await search('wei zhang')).includes(latin.id)); // every word, in any order
  assert.ok(ids(await search('purchasing')).includes(latin.id)); // any searchable field
  assert.ok(!ids(await search('zhangs')).includes(latin.id));
  assert.ok(!ids(await search('hang')).includes(latin.id)); // prefixes, not infixes
  assert.ok(ids(await search('张伟')).includes(chinese.id));
  assert.ok(ids(await search('伟')).includes(chinese.id));
  assert.ok(ids(await search('张')).includes(chinese.id));
  assert.ok(ids(await search('采购')).includes(chinese.id));
  assert.ok(!ids(await search('张伟')).includes(latin.id));
  assert.deepEqual(await search('z'), []); // one letter matches nearly everything: ignored
});

test('e-mail, phone (both forms), WeChat id and city are searchable too', async () => {
  const contact = await create('contacts', { name: '钱进', email: 'Qian.Jin@Example.org', mobile: '139 1234 5678', wechat: 'qianjin_88' });
  const account = await create('accounts', { name: 'Harbour Trading', city: '宁波' });
  // A phone number is found whole (international, as typed, national) or by its last four digits.
  for (const query of ['qian.jin@example.org', 'qian', '8613912345678', '13912345678', '5678', 'qianjin_88']) {
    assert.ok(ids(await search(query)).includes(contact.id), query);
  }
  assert.ok(ids(await search('宁波')).includes(account.id));
});

test('ranking: an exact title first, then titles starting with the query, then containing it; shorter first', async () => {
  const names = ['Qiaotou Electronics Group', 'Qiaotou', 'Dongguan Qiaotou', 'Qiaotou Electronics'];
  const made = Object.fromEntries(await Promise.all(names.map(async (name) => [name, (await create('accounts', { name })).id] as const)));
  const lead = await create('leads', { name: 'Qiaotou Lead', company: 'x' });
  const hits = await search('qiaotou');
  assert.deepEqual(hits.map((h) => h.title), ['Qiaotou', 'Qiaotou Lead', 'Qiaotou Electronics', 'Qiaotou Electronics Group', 'Dongguan Qiaotou']);
  assert.deepEqual(hits.map((h) => h.score), [3, 2, 2, 2, 1]);
  assert.equal(hits[0]!.id, made.Qiaotou);
  assert.equal(hits[1]!.object, 'leads');
  assert.equal(hits[1]!.id, lead.id);

  assert.deepEqual((await search('qiaotou', '&objects=leads')).map((h) => h.id), [lead.id]);
  assert.deepEqual((await search('qiaotou', '&objects=accounts,leads&limit=2')).map((h) => h.title), ['Qiaotou', 'Qiaotou Lead']);
  assert.deepEqual((await search('qiaotou electronics group')).map((h) => h.title), ['Qiaotou Electronics Group']);
});

test('the index follows updates: the old name is no longer found, the new one is', async () => {
  const account = await create('accounts', { name: '上海明珠贸易' });
  assert.ok(ids(await search('明珠')).includes(account.id));
  const renamed = await t.api('PATCH', `/api/v1/accounts/${account.id}`, { name: '深圳海岸科技', city: 'Shenzhen' });
  assert.equal(renamed.status, 200);
  assert.ok(!ids(await search('明珠')).includes(account.id));
  assert.ok(ids(await search('海岸')).includes(account.id));
  assert.ok(ids(await search('shenzhen')).includes(account.id)); // a field added by the update
  assert.equal((await search('海岸')).find((h) => h.id === account.id)!.title, '深圳海岸科技');
  // A field left out of the update keeps its tokens.
  await t.api('PATCH', `/api/v1/accounts/${account.id}`, { employees: 3 });
  assert.ok(ids(await search('海岸 shenzhen')).includes(account.id));
  await t.api('PATCH', `/api/v1/accounts/${account.id}`, { city: null });
  assert.ok(!ids(await search('shenzhen')).includes(account.id));
});

test('deleted records are not found; restored ones are again; bulk writes are indexed too', async () => {
  const account = await create('accounts', { name: 'Vanishing Ventures 消失' });
  assert.ok(ids(await search('vanishing')).includes(account.id));
  assert.equal((await t.api('DELETE', `/api/v1/accounts/${account.id}`)).status, 204);
  assert.ok(!ids(await search('vanishing')).includes(account.id));
  assert.ok(!ids(await search('消失')).includes(account.id));
  assert.equal((await t.api('POST', `/api/v1/accounts/${account.id}/restore`)).status, 200);
  assert.ok(ids(await search('vanishing')).includes(account.id));

  const bulk = await t.api('POST', '/api/v1/accounts/bulk', { action: 'create', records: [{ name: 'Bulkington 批量' }, { name: 'Bulkhead' }] });
  assert.equal(bulk.status, 200);
  assert.deepEqual((await search('bulk')).map((h) => h.title).toSorted(), ['Bulkhead', 'Bulkington 批量']);
  await t.api('POST', '/api/v1/accounts/bulk', { action: 'update', filter: "name eq 'Bulkhead'", values: { name: 'Bowsprit' } });
  await t.api('POST', '/api/v1/accounts/bulk', { action: 'delete', filter: "name eq 'Bulkington 批量'" });
  assert.deepEqual(await search('bulk'), []);
  assert.deepEqual((await search('bowsprit')).map((h) => h.title), ['Bowsprit']);
});

test('queries with nothing searchable find nothing; SQL in a query is just text', async () => {
  await create('accounts', { name: "O'Reilly & Sons" });
  assert.deepEqual(await search('!!!'), []);
  assert.deepEqual(await search('%'), []);
  assert.deepEqual(await search("zz' or 1=1 --"), []); // every word must match: zz and or
  assert.deepEqual((await search("o'reilly")).map((h) => h.title), ["O'Reilly & Sons"]);
  assert.deepEqual((await search('reilly sons')).map((h) => h.title), ["O'Reilly & Sons"]);
});

test('an exact title is found however many records share the word, then titles starting with it', async () => {
  // More matches than any candidate bound on either side of the exact title, so neither the order on
  // disk nor newest-first reaches it within the bound.
  const partners = async (from: number) => {
    const records = Array.from({ length: 120 }, (_, i) => ({ name: `Partner ${from + i} Zorblax` }));
    assert.equal((await t.api('POST', '/api/v1/accounts/bulk', { action: 'create', records })).status, 200);
  };
  await partners(0);
  const longer = await create('accounts', { name: 'Zorblax Holdings' });
  const exact = await create('accounts', { name: 'Zorblax' });
  await partners(120);
  const hits = await search('zorblax');
  assert.deepEqual(hits.slice(0, 2).map((h) => [h.id, h.score]), [[exact.id, 3], [longer.id, 2]]);
  assert.equal(hits.length, 20);
  assert.ok(hits.slice(2).every((h) => h.score === 1 && h.title.endsWith(' Zorblax')));
  // Past the title prefix, every word must still match.
  assert.deepEqual(ids(await search('zorblax holdings')), [longer.id]);
  assert.deepEqual(await search('zorblax nothing'), []);
});

test('titles are walked in byte order through their own index, whatever the collation', async () => {
  const rows = await t.db.rows<{ definition: string }>(
    sql`select indexdef as definition from pg_indexes where indexname = 'accounts_title_prefix_idx'`,
  );
  assert.equal(rows.length, 1);
  assert.match(rows[0]!.definition, /lower\(name\).*COLLATE "C".*INCLUDE \(name, id\) WHERE \(deleted_at IS NULL\)/);
  // Characters LIKE would treat as wildcards are plain text in a prefix: "AxB" does not start with "a_b".
  const underscore = await create('accounts', { name: 'A_B Quillfeather' });
  const other = await create('accounts', { name: 'AxB Quillfeather Ltd' });
  assert.deepEqual((await search('a_b quillfeather')).map((h) => [h.id, h.score]), [[underscore.id, 3], [other.id, 0]]);
});

test('search tokens keep statistics of 10,000 tokens, so the planner knows a rare word is rare', async () => {
  const target = async () =>
    (await t.db.rows<{ target: number | null }>(sql`select a.attstattarget as target from pg_attribute a
      where a.attrelid = 'accounts'::regclass and a.attname = 'search_tokens'`))[0]!.target;
  assert.equal(Number(await target()), SEARCH_TOKEN_STATISTICS);
  // An installation from before: the next start sets the target and analyzes the tokens.
  await t.db.exec('ALTER TABLE accounts ALTER COLUMN search_tokens SET STATISTICS 100');
  await t.registry.syncTables(t.db);
  assert.equal(Number(await target()), SEARCH_TOKEN_STATISTICS);
});

test('search indexes merge new entries after 256 kB, so a search never reads a long unsorted list', async () => {
  const limit = async () =>
    (await t.db.rows<{ options: string[] | null }>(sql`select reloptions as options from pg_class where relname = 'contacts_search_idx'`))[0]!.options;
  assert.deepEqual(await limit(), [`gin_pending_list_limit=${SEARCH_PENDING_LIST_KB}`]);
  // An installation from before: the next start sets the limit.
  await t.db.exec('ALTER INDEX contacts_search_idx RESET (gin_pending_list_limit)');
  assert.equal(await limit(), null);
  await t.registry.syncTables(t.db);
  assert.deepEqual(await limit(), [`gin_pending_list_limit=${SEARCH_PENDING_LIST_KB}`]);
});

test('global search leaves settings objects out; naming them in objects= finds them', async () => {
  const pipeline = await create('pipelines', { name: 'Gravelmoor Pipeline' });
  const account = await create('accounts', { name: 'Gravelmoor Trading' });
  assert.deepEqual(ids(await search('gravelmoor')), [account.id]);
  assert.deepEqual(ids(await search('gravelmoor', '&objects=pipelines')), [pipeline.id]);
});
