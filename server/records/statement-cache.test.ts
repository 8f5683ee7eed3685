// Compiled statements are kept per caller and shape, and by the definitions they were built from: a
// request that read the definitions before a metadata change must not leave its statement (without the
// new field, or with the old access rule) to the requests after it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp } from '../testing.ts';
import { systemCaller } from './caller.ts';
import { findRow, listRecords } from './read.ts';

test('a statement built from definitions read before a change is not used with the new ones', async () => {
  const t = await startTestApp();
  try {
    const c = systemCaller({ db: t.db, registry: t.registry }, t.adminId);
    const account = await t.create('accounts', { name: '老定义客户' });
    const stale = t.registry.get('accounts');
    const added = await t.api('POST', '/api/v1/metadata/objects/accounts/fields', { name: 'loyalty', type: 'text', label: { en: 'Loyalty', 'zh-CN': '忠诚度' } });
    assert.equal(added.status, 201);

    // A request that read the definitions before the change builds from those after it …
    assert.ok(!('loyalty' in (await findRow(c, stale, account.id))!));
    // … and one holding the new definitions gets a statement of its own.
    assert.ok('loyalty' in (await findRow(c, t.registry.get('accounts'), account.id))!);
    const page = await listRecords(c, 'accounts', { filter: `id eq '${account.id}'`, limit: 1 });
    assert.ok('loyalty' in page.data[0]!);
  } finally {
    await t.close();
  }
});
