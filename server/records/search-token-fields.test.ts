// Which searchable fields each object's tokens may hold: recorded before any record is written with a
// new field, kept when a field is deleted (then search re-checks that object's hits), unknown for rows
// from before it was kept, and the same in another process.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../testing.ts';
import { forgetSearchTokenPast, Registry } from './index.ts';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const recorded = async (objectName: string) =>
  (await t.db.rows<{ field_names: string[] }>(sql`select field_names from search_token_fields where object_name = ${objectName}`))[0]?.field_names;

/** A registry as another process would load it now. */
async function otherProcess(): Promise<Registry> {
  const registry = new Registry(t.registry.modules);
  await registry.load(t.db);
  return registry;
}

test('a new database records each object\'s searchable fields, so its tokens hold nothing else', async () => {
  const searchable = t.registry.get('accounts').fields.filter((f) => f.isSearchable).map((f) => f.name);
  assert.deepEqual(new Set(await recorded('accounts')), new Set(searchable));
  assert.equal(t.registry.mayHoldStaleSearchTokens('accounts'), false);
  assert.equal((await otherProcess()).mayHoldStaleSearchTokens('accounts'), false);
});

test('a searchable field is recorded when added; once deleted, the object\'s tokens may hold it, here and elsewhere', async () => {
  const added = await t.api('POST', '/api/v1/metadata/objects/products/fields', { name: 'makerName', type: 'text', label: { en: 'Maker', 'zh-CN': '厂商' }, isSearchable: true });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  assert.ok((await recorded('products'))!.includes('makerName'));
  assert.equal(t.registry.mayHoldStaleSearchTokens('products'), false);

  assert.equal((await t.api('DELETE', '/api/v1/metadata/objects/products/fields/makerName')).status, 204);
  assert.ok((await recorded('products'))!.includes('makerName'), 'a deleted field stays recorded');
  assert.equal(t.registry.mayHoldStaleSearchTokens('products'), true);
  assert.equal((await otherProcess()).mayHoldStaleSearchTokens('products'), true);
});

test('a custom object starts with its own fields recorded; a field that is not searchable changes nothing', async () => {
  const created = await t.api('POST', '/api/v1/metadata/objects', { name: 'venues', label: { en: 'Venue', 'zh-CN': '场地' }, labelPlural: { en: 'Venues', 'zh-CN': '场地' } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.deepEqual(await recorded('venues'), ['name']);
  assert.equal((await t.api('POST', '/api/v1/metadata/objects/venues/fields', { name: 'capacity', type: 'number', label: { en: 'Capacity', 'zh-CN': '容量' } })).status, 201);
  assert.deepEqual(await recorded('venues'), ['name']);
  assert.equal(t.registry.mayHoldStaleSearchTokens('venues'), false);
});

test('rows from before the record was kept give an unknown past: that object\'s hits are always re-checked', async () => {
  await t.create('contacts', { name: '旧行 Old' });
  await t.db.rows(sql`delete from search_token_fields where object_name = 'contacts'`);
  const registry = await otherProcess();
  assert.equal(registry.mayHoldStaleSearchTokens('contacts'), true, 'no record at all');
  await registry.syncTables(t.db);
  assert.ok((await recorded('contacts'))!.includes('*'));
  assert.equal(registry.mayHoldStaleSearchTokens('contacts'), true);
  assert.equal(registry.mayHoldStaleSearchTokens('accounts'), false);
});

test('a restore of a backup that did not record its tokens\' fields forgets every object\'s past', async () => {
  await forgetSearchTokenPast(t.db);
  const registry = await otherProcess();
  assert.equal(registry.mayHoldStaleSearchTokens('accounts'), true);
  assert.ok((await recorded('accounts'))!.includes('*'));
});
