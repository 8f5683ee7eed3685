// The idle collection runs at start and once a server has grown and gone quiet, never while requests keep coming.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import { releaseMemoryWhenIdle } from './idle-memory.ts';

test('memory is collected at start, after a quiet spell following growth, and not again without growth', async () => {
  const app = Fastify();
  let rss = 100;
  let collections = 0;
  const collect = () => {
    collections++;
    rss = 90;
  };
  assert.equal(releaseMemoryWhenIdle(app, { collect, idleMs: 200, readRss: () => rss }), true);
  app.get('/', async () => ({ ok: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    assert.equal(collections, 1, 'once when listening: start-up garbage');
    rss = 150; // grown under load
    for (let i = 0; i < 12; i++) {
      assert.equal((await app.inject('/')).statusCode, 200);
      await sleep(50);
    }
    assert.equal(collections, 1, 'never while requests keep coming');
    await sleep(450);
    assert.equal(collections, 2, 'once quiet');
    await sleep(450);
    assert.equal(collections, 2, 'not again without growth');
  } finally {
    await app.close();
  }
});

test('without an exposed gc (no --expose-gc) nothing is installed', async () => {
  const app = Fastify();
  assert.equal(releaseMemoryWhenIdle(app), typeof (globalThis as { gc?: unknown }).gc === 'function');
  await app.close();
});
