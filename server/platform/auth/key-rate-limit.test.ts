// Per-key request limits: headers on every keyed answer, a 429 once spent, and one budget shared by
// every API process on the database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp } from '../../testing.ts';
import { buildApp } from '../../app.ts';
import { createApiKey } from './api-keys.ts';
import { createUser, fakeClock } from './test-support.ts';
import { ApiKeyLimiter } from './key-rate-limit.ts';
import type { Database } from '../db/index.ts';

test('every keyed answer carries RateLimit headers; the refusal says when to retry', async () => {
  const clock = fakeClock('2031-01-01T10:00:15Z');
  const t = await startTestApp({ now: clock.now, settings: { auth: { apiKeyRateLimit: 4 } } });
  try {
    const user = await createUser(t);
    const { token } = await createApiKey(t.db, user.id, 'headers');
    const get = () => t.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: { authorization: `Bearer ${token}` } });
    const remaining: string[] = [];
    for (let i = 0; i < 4; i++) {
      const reply = await get();
      assert.equal(reply.statusCode, 200);
      assert.equal(reply.headers['ratelimit-limit'], '4');
      assert.equal(reply.headers['ratelimit-reset'], '45');
      remaining.push(String(reply.headers['ratelimit-remaining']));
    }
    assert.deepEqual(remaining, ['3', '2', '1', '0']);
    const refused = await get();
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(refused.headers['retry-after'], '45');
    assert.equal(refused.headers['ratelimit-remaining'], '0');
    clock.advance(45_000); // the next window
    assert.equal((await get()).statusCode, 200);
  } finally {
    await t.close();
  }
});

test('two API processes on one database share one budget per key', async () => {
  const clock = fakeClock('2031-01-01T10:00:00Z');
  const t = await startTestApp({ now: clock.now, settings: { auth: { apiKeyRateLimit: 10 } } });
  const other = await buildApp({ db: t.db, registry: t.registry, now: clock.now, settings: { auth: { apiKeyRateLimit: 10 } } });
  try {
    const user = await createUser(t);
    const { token } = await createApiKey(t.db, user.id, 'shared');
    const get = async (app: typeof other) =>
      (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode;
    for (let i = 0; i < 6; i++) assert.equal(await get(t.app), 200);
    // All six reach the database, also those counted while an earlier sync was under way.
    const deadline = Date.now() + 5_000;
    while ((await syncedCount(t.db, 'shared')) < 6 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(await syncedCount(t.db, 'shared'), 6);
    const answers: number[] = [];
    for (let i = 0; i < 8; i++) {
      answers.push(await get(other));
      await new Promise((resolve) => setTimeout(resolve, 50)); // each sync lands before the next request
    }
    const allowed = answers.filter((s) => s === 200).length;
    assert.ok(allowed <= 5, `the other process allowed ${allowed} more after 6 of 10 were spent`);
    assert.equal(answers.at(-1), 429);
  } finally {
    await other.close();
    await t.close();
  }
});

/** The count all processes have added to the database for the key with this name. */
async function syncedCount(db: Database, keyName: string): Promise<number> {
  const [row] = await db.rows<{ count: number }>(
    sql`select r.count from rate_limits r join api_keys k on r.key = 'api-key:' || k.id where k.name = ${keyName}`,
  );
  return Number(row?.count ?? 0);
}

test('a failed sync loses no count: it is added with the next one', async () => {
  const t = await startTestApp();
  try {
    let isBroken = true;
    const db: Database = { ...t.db, rows: <T,>(...args: Parameters<Database['rows']>) => (isBroken ? Promise.reject(new Error('down')) : t.db.rows<T>(...args)) };
    const errors: unknown[] = [];
    const limiter = new ApiKeyLimiter(db, 3, () => new Date('2031-01-01T10:00:00Z'), (e) => errors.push(e));
    assert.equal(limiter.take('k').isAllowed, true);
    await limiter.flush();
    assert.equal(errors.length, 1);
    isBroken = false;
    assert.equal(limiter.take('k').remaining, 1);
    await limiter.flush();
    const [row] = await t.db.rows<{ count: number }>(sql`select count from rate_limits where key = 'api-key:k'`);
    assert.equal(Number(row?.count), 2);
  } finally {
    await t.close();
  }
});
