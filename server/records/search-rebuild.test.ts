// Search tokens rebuilt from the fields as defined now: the job a deleted searchable field queues, and
// `guanxi rebuild-search`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../testing.ts';
import { waitFor } from '../platform/jobs/test-support.ts';
import { rebuildSearchIndexes, rebuildSearchTokens } from './search-rebuild.ts';

let t: TestContext;

before(async () => {
  t = await startTestApp({ jobs: { isWorking: true, pollingIntervalSeconds: 0.5 } });
});
after(() => t.close());

const label = (en: string) => ({ en, 'zh-CN': en });

async function tokensOf(table: string, id: string): Promise<{ tokens: string[]; version: number }> {
  const [row] = await t.db.rows<{ search_tokens: string[]; version: number }>(
    sql`select search_tokens, version from ${sql.identifier(table)} where id = ${id}::uuid`,
  );
  return { tokens: row!.search_tokens, version: Number(row!.version) };
}

test('deleting a searchable field takes its words out of the index in the background; nothing else changes', async () => {
  const added = await t.api('POST', '/api/v1/metadata/objects/accounts/fields', { name: 'legacyCode', type: 'text', label: label('Legacy code'), isSearchable: true });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  const kept = await t.create('accounts', { name: 'Rebuilt 重建公司', legacyCode: 'quokkaword' });
  const binned = await t.create('accounts', { name: 'Binned 回收站', legacyCode: 'quokkaword' });
  assert.equal((await t.api('DELETE', `/api/v1/accounts/${binned.id}`)).status, 204);
  assert.ok((await tokensOf('accounts', kept.id)).tokens.includes('quokkaword'));

  assert.equal((await t.api('DELETE', '/api/v1/metadata/objects/accounts/fields/legacyCode')).status, 204);
  await waitFor(async () => !(await tokensOf('accounts', kept.id)).tokens.includes('quokkaword'), 30_000, 'the rebuild job to run');
  assert.ok(!(await tokensOf('accounts', binned.id)).tokens.includes('quokkaword'), 'records in the recycle bin too');

  const rebuilt = await tokensOf('accounts', kept.id);
  assert.ok(rebuilt.tokens.includes('rebuilt') && rebuilt.tokens.includes('重建'), 'the remaining fields keep their words');
  assert.equal(rebuilt.version, kept.version, 'a rebuild is not an edit');
  const found = await t.api('GET', `/api/v1/search?q=${encodeURIComponent('重建')}`);
  assert.ok(found.body.data.some((hit: { id: string }) => hit.id === kept.id));
});

test('a rebuild goes through a table in batches and writes only rows whose tokens differ', async () => {
  const records = [];
  for (const name of ['Batch 批次 1', 'Batch 批次 2', 'Batch 批次 3']) records.push(await t.create('competitors', { name }));
  await t.db.exec(`update competitors set search_tokens = '{stale}' where name like 'Batch 批次%'`);
  assert.equal(await rebuildSearchTokens(t.db, t.registry, 'competitors', 1), 3);
  for (const record of records) {
    const { tokens } = await tokensOf('competitors', record.id);
    assert.ok(!tokens.includes('stale') && tokens.includes('批次') && tokens.includes('batch'), tokens.join(' '));
  }
  assert.equal(await rebuildSearchTokens(t.db, t.registry, 'competitors', 2), 0, 'a second run has nothing to do');
  assert.equal(await rebuildSearchTokens(t.db, t.registry, 'noSuchObject'), 0, 'an object deleted since is skipped');
});

test('`guanxi rebuild-search` rebuilds the named objects, or all, and refuses an unknown name', async () => {
  const lines: string[] = [];
  await rebuildSearchIndexes(t.db, t.registry, ['competitors', 'accounts'], (line) => lines.push(line));
  assert.deepEqual(lines, ['competitors: 0 records changed', 'accounts: 0 records changed']);
  await assert.rejects(rebuildSearchIndexes(t.db, t.registry, ['accounts', 'nosuch'], () => {}), /No such object: nosuch\./);
  const all: string[] = [];
  await rebuildSearchIndexes(t.db, t.registry, [], (line) => all.push(line));
  assert.equal(all.length, t.registry.all().length, 'every object, users included');
  assert.ok(all.every((line) => line.endsWith(' 0 records changed')), `tokens written by every write path agree with a rebuild:\n${all.join('\n')}`);
});
