// Several API processes on one database: a definition changed through one is live in the others.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp } from '../testing.ts';
import { buildApp } from '../app.ts';
import { Registry } from './registry.ts';

async function eventually(check: () => Promise<boolean>) {
  // Notifications arrive asynchronously; poll a bounded number of times instead of sleeping blindly.
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail('the other process never saw the change');
}

test('a custom field and an org-wide default changed in one process reach another', { skip: !process.env.TEST_DATABASE_URL && 'needs PostgreSQL (one embedded database serves one process)' }, async () => {
  const t = await startTestApp();
  const otherRegistry = new Registry(t.registry.modules);
  await otherRegistry.load(t.db);
  const other = await buildApp({ db: t.db, registry: otherRegistry });
  const viaOther = async (url: string) =>
    JSON.parse((await other.inject({ method: 'GET', url, headers: { authorization: `Bearer ${t.token}` } })).body);
  try {
    await t.api('POST', '/api/v1/metadata/objects/accounts/fields', { name: 'tier', type: 'text', label: { en: 'Tier', 'zh-CN': '级别' } });
    await t.api('POST', '/api/v1/accounts', { name: 'Tiered 分级客户', tier: 'gold' });
    await eventually(async () => (await viaOther('/api/v1/accounts?fields=tier')).data?.[0]?.tier === 'gold');
    await t.api('DELETE', '/api/v1/metadata/objects/accounts/fields/tier');
    await eventually(async () => (await viaOther('/api/v1/accounts')).data?.[0] && !('tier' in (await viaOther('/api/v1/accounts')).data[0]));
    await t.api('PUT', '/api/v1/admin/objects/accounts/access', { default: 'publicRead' });
    await eventually(async () => otherRegistry.get('accounts').access.default === 'publicRead');
  } finally {
    await other.close();
    await t.close();
  }
});

test('a reload asked for during a definition change waits for it, so it cannot put the old definitions back', async () => {
  const t = await startTestApp();
  let releaseChange!: () => void;
  const isReleased = new Promise<void>((resolve) => (releaseChange = resolve));
  try {
    const events: string[] = [];
    const change = t.registry.change(t.db, async (tx) => {
      await tx.exec(`INSERT INTO custom_fields (object_name, name, definition)
        VALUES ('accounts', 'loyaltyTier', '{"name":"loyaltyTier","type":"text","label":{"en":"Loyalty tier","zh-CN":"会员等级"},"isCustom":true}')`);
      await isReleased;
      events.push('change');
    });
    // What a NOTIFY from an earlier change does: reload from the database, outside the transaction.
    const reload = t.registry.load(t.db).then(() => events.push('reload'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(events, [], 'the reload ran while the change was open');
    releaseChange();
    await Promise.all([change, reload]);
    assert.deepEqual(events, ['change', 'reload']);
    assert.ok(t.registry.get('accounts').fields.some((f) => f.name === 'loyaltyTier'));
  } finally {
    releaseChange(); // a failed assertion must not leave the transaction open
    await t.close();
  }
});

test('a failed change does not block the loads after it', async () => {
  const t = await startTestApp();
  try {
    await assert.rejects(t.registry.change(t.db, async () => { throw new Error('refused'); }), /refused/);
    await t.registry.load(t.db);
    assert.ok(t.registry.has('accounts'));
  } finally {
    await t.close();
  }
});
