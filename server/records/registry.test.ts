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
