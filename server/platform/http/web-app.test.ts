import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { after, test } from 'node:test';
import Fastify from 'fastify';
import { installWebApp } from './web-app.ts';

const dist = mkdtempSync(join(tmpdir(), 'guanxi-web-'));
after(() => rmSync(dist, { recursive: true, force: true }));
const script = `console.log(${JSON.stringify('关系'.repeat(2000))});`;
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
writeFileSync(join(dist, 'assets/app-1a2b.js'), script);
writeFileSync(join(dist, 'assets/app-1a2b.js.br'), brotliCompressSync(script));
writeFileSync(join(dist, 'assets/app-1a2b.js.gz'), gzipSync(script));

async function startApp() {
  const app = Fastify();
  assert.equal(await installWebApp(app, dist), true);
  return app;
}

test('assets go out compressed as the browser accepts, cached for good; pages get the app, not cached', async () => {
  const app = await startApp();
  const brotli = await app.inject({ url: '/assets/app-1a2b.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
  assert.equal(brotli.statusCode, 200);
  assert.equal(brotli.headers['content-encoding'], 'br');
  assert.match(String(brotli.headers['cache-control']), /immutable/);
  assert.ok(brotli.rawPayload.length < script.length / 5);
  const gzip = await app.inject({ url: '/assets/app-1a2b.js', headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gzip.headers['content-encoding'], 'gzip');
  const plain = await app.inject({ url: '/assets/app-1a2b.js' });
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.body, script);
  const page = await app.inject({ url: '/accounts/123' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /id="root"/);
  assert.equal(page.headers['cache-control'], 'no-cache');
  await app.close();
});

test('an unknown API path is never answered with the app', async () => {
  const app = await startApp();
  const reply = await app.inject({ url: '/api/v1/nothing-here' });
  assert.equal(reply.statusCode, 404);
  assert.doesNotMatch(reply.body, /id="root"/);
  await app.close();
});
