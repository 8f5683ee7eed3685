// Backup and restore of a whole installation, across database kinds: PGlite → PGlite always, and
// PGlite ⇄ PostgreSQL when TEST_DATABASE_URL is set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, openScratchDatabase, type TestContext } from './testing.ts';
import { sql } from 'drizzle-orm';
import { hasColumn, junctionTable } from './records/index.ts';
import { backupAll, derivedTables, restoreAll, systemTables, transientTables } from './backup.ts';
import { prepareDatabase } from './boot.ts';
import { buildApp } from './app.ts';

async function fillWithData(t: TestContext) {
  await t.api('POST', '/api/v1/metadata/objects', {
    name: 'projects',
    label: { en: 'Project', 'zh-CN': '项目' },
    labelPlural: { en: 'Projects', 'zh-CN': '项目' },
    fields: [{ name: 'budget', type: 'currency', label: { en: 'Budget', 'zh-CN': '预算' } }],
  });
  await t.api('POST', '/api/v1/metadata/objects/accounts/fields', { name: 'vipLevel', type: 'number', label: { en: 'VIP level', 'zh-CN': 'VIP 等级' } });
  // The child is created first and pointed at its parent later, so rows reference a later row.
  const child = (await t.api('POST', '/api/v1/accounts', { name: '上海分公司', city: '上海', vipLevel: 2 })).body.id;
  const parent = (await t.api('POST', '/api/v1/accounts', { name: '北京星空在线文化传播有限公司', annualRevenue: '1200000.50', phone: '010 6552 1234' })).body.id;
  await t.api('PATCH', `/api/v1/accounts/${child}`, { parentAccountId: parent });
  const contact = (await t.api('POST', '/api/v1/contacts', { name: '张伟', accountId: parent, accountIds: [child] })).body.id;
  await t.api('POST', '/api/v1/activities', { type: 'visit', subject: '拜访 Zhang Wei', contactId: contact, accountId: parent });
  await t.api('POST', '/api/v1/projects', { name: 'CRM 上线', budget: '50000' });
  const gone = (await t.api('POST', '/api/v1/leads', { name: 'Deleted lead' })).body.id;
  await t.api('DELETE', `/api/v1/leads/${gone}`);
  return { parent, child, contact, gone };
}

async function snapshot(api: TestContext['api'], ids: Awaited<ReturnType<typeof fillWithData>>) {
  return {
    parent: (await api('GET', `/api/v1/accounts/${ids.parent}`)).body,
    child: (await api('GET', `/api/v1/accounts/${ids.child}`)).body,
    contact: (await api('GET', `/api/v1/contacts/${ids.contact}`)).body,
    projects: (await api('GET', '/api/v1/projects')).body.data,
    history: (await api('GET', `/api/v1/accounts/${ids.child}/history`)).body.data,
    timeline: (await api('GET', `/api/v1/contacts/${ids.contact}/timeline`)).body.data,
    trash: (await api('GET', '/api/v1/leads?deleted=true')).body.data,
    search: (await api('GET', `/api/v1/search?q=${encodeURIComponent('星空')}`)).body.data,
  };
}

const targets: Array<'embedded' | 'postgres'> = process.env.TEST_DATABASE_URL ? ['embedded', 'postgres'] : ['embedded'];

for (const target of targets) {
  test(`a backup restores into ${target === 'embedded' ? 'PGlite' : 'PostgreSQL'} with every record, link, history entry and key intact`, async () => {
    const source = await startTestApp();
    const dir = mkdtempSync(join(tmpdir(), 'guanxi-backup-'));
    const scratch = await openScratchDatabase(target);
    try {
      const ids = await fillWithData(source);
      const before = await snapshot(source.api, ids);
      const file = join(dir, 'backup.sql.gz');
      const rows = await backupAll(source.db, source.registry, file);
      assert.ok(rows > 20);

      const registry = await prepareDatabase(scratch.db);
      assert.equal(await restoreAll(scratch.db, registry, file), rows);
      const app = await buildApp({ db: scratch.db, registry });
      try {
        const api: TestContext['api'] = async (method, url, body) => {
          const r = await app.inject({ method, url, headers: { authorization: `Bearer ${source.token}` }, ...(body ? { payload: body as object } : {}) });
          return { status: r.statusCode, headers: r.headers, body: JSON.parse(r.body) };
        };
        assert.deepEqual(await snapshot(api, ids), before);
        assert.equal(before.search.length, 1);
        assert.equal((await api('POST', `/api/v1/leads/${ids.gone}/restore`)).status, 200, 'the recycle bin survives');
        await assert.rejects(restoreAll(scratch.db, registry, file), /not empty/);
      } finally {
        await app.close();
      }
    } finally {
      await scratch.drop();
      await source.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('every system table is either backed up or declared transient', async () => {
  const t = await startTestApp();
  try {
    const records = new Set(t.registry.all().flatMap((d) => [d.table, ...d.fields.filter((f) => !hasColumn(f)).map((f) => junctionTable(d, f))]));
    const rows = await t.db.rows<{ name: string }>(sql`select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'`);
    const system = rows.map((r) => r.name).filter((name) => !records.has(name));
    const classified = new Set([...systemTables, ...transientTables, ...derivedTables]);
    assert.deepEqual(system.filter((name) => !classified.has(name)), [], 'add new tables to systemTables, transientTables or derivedTables in backup.ts');
  } finally {
    await t.close();
  }
});
