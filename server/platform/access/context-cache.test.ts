// Cached request contexts: reused between requests, forgotten the moment access changes — whether
// the change came through this process's API, another process, or plain SQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp } from '../../testing.ts';
import { buildApp } from '../../app.ts';
import { createApiKey } from '../auth/api-keys.ts';
import { createUser } from '../auth/test-support.ts';
import { roleIdByKey } from './roles.ts';
import { ContextCache } from './context-cache.ts';

async function eventually(check: () => Promise<boolean>, what: string) {
  // NOTIFY arrives asynchronously: poll a bounded number of times instead of sleeping blindly.
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  assert.fail(`never saw: ${what}`);
}

test('a context is loaded once, then reused until access changes; a load overtaken by a change is not kept', async () => {
  const t = await startTestApp();
  const cache = new ContextCache<{ n: number }>();
  await cache.start(t.db);
  try {
    let loads = 0;
    const load = async () => ({ n: ++loads });
    assert.deepEqual(await cache.get('a', load), { n: 1 });
    assert.deepEqual(await cache.get('a', load), { n: 1 });
    assert.equal(loads, 1);

    // A statement on a table contexts are built from empties the cache once it commits.
    await t.db.rows(sql`update roles set updated_at = now() where key = 'read_only'`);
    await eventually(async () => cache.size === 0, 'the trigger emptying the cache');
    assert.deepEqual(await cache.get('a', load), { n: 2 });

    // Bookkeeping writes (a key's last use, a sign-in) do not.
    await t.db.rows(sql`update api_keys set last_used_at = now()`);
    await t.db.rows(sql`update users set mfa_last_used_step = null`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(cache.size, 1);

    // A context read before a change but answered after it would be stale: it is returned, not kept.
    const overtaken = await cache.get('b', async () => {
      cache.clear();
      return { n: 99 };
    });
    assert.deepEqual(overtaken, { n: 99 });
    assert.equal(cache.size, 0);
  } finally {
    await cache.stop();
    await t.close();
  }
});

test('an API key sees a role change at once through the API, and from another process or plain SQL soon after', async () => {
  const t = await startTestApp();
  const other = await buildApp({ db: t.db, registry: t.registry }); // a second API process on the same database
  try {
    const rep = await createUser(t, { roleKey: 'sales_rep' });
    const { token } = await createApiKey(t.db, rep.id, 'cached');
    const create = async (app: typeof other, name: string) =>
      (await app.inject({ method: 'POST', url: '/api/v1/accounts', headers: { authorization: `Bearer ${token}` }, payload: { name } })).statusCode;

    assert.equal(await create(t.app, '缓存客户 1'), 201);
    assert.equal(await create(other, '缓存客户 2'), 201); // both processes now hold the rep's context

    // Through this process's admin API: the very next request already runs with the new role.
    const readOnly = await roleIdByKey(t.db, 'read_only');
    assert.equal((await t.api('PATCH', `/api/v1/admin/users/${rep.id}`, { roleId: readOnly })).status, 200);
    assert.equal(await create(t.app, '缓存客户 3'), 403);
    await eventually(async () => (await create(other, '缓存客户 4')) === 403, 'the other process refusing the read-only key');

    // Plain SQL (a CLI, a restore, a script): both processes hear it from the database.
    await t.db.rows(sql`update users set role_id = ${await roleIdByKey(t.db, 'sales_rep')}::uuid where id = ${rep.id}::uuid`);
    await eventually(async () => (await create(t.app, '缓存客户 5')) === 201, 'this process allowing the rep again');
    await eventually(async () => (await create(other, '缓存客户 6')) === 201, 'the other process allowing the rep again');

    await t.db.rows(sql`update api_keys set revoked_at = now() where user_id = ${rep.id}::uuid`);
    await eventually(async () => (await create(other, '缓存客户 7')) === 401, 'the revoked key refused');
  } finally {
    await other.close();
    await t.close();
  }
});
