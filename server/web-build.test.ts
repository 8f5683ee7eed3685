// The web build at start: made when missing or stale, in a child process (Vite never loads into the
// server, where it stayed resident), skipped when current, and a failed build stops the start.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWebIfStale, isWebBuildStale } from './web-build.ts';

let webDir: string;
const loaded: string[] = [];

before(() => {
  webDir = mkdtempSync(join(tmpdir(), 'guanxi-web-'));
  mkdirSync(join(webDir, 'src'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><div id="app"></div><script type="module" src="/src/main.ts"></script>\n');
  writeFileSync(join(webDir, 'src/main.ts'), "document.querySelector('#app')!.textContent = '关系';\n");
  writeFileSync(join(webDir, 'vite.config.ts'), 'export default {};\n');
  registerHooks({
    load(url, context, nextLoad) {
      loaded.push(url);
      return nextLoad(url, context);
    },
  });
});
after(() => rmSync(webDir, { recursive: true, force: true }));

test('a missing build is made in a child process; a current one is left alone', async () => {
  assert.equal(isWebBuildStale(webDir), true);
  const messages: string[] = [];
  await buildWebIfStale((message) => messages.push(message), webDir);
  assert.deepEqual(messages, ['Building the web app (once, after changes to web/)…']);
  assert.equal(isWebBuildStale(webDir), false);
  assert.ok(!loaded.some((url) => /node_modules\/(vite|rolldown)\//.test(url)), 'Vite stays out of this process');

  await buildWebIfStale((message) => messages.push(message), webDir);
  assert.equal(messages.length, 1, 'nothing to do when the build is newer than the sources');
});

test('a source changed after the build makes it stale; a build that fails stops the start with a clear error', async () => {
  writeFileSync(join(webDir, 'src/main.ts'), 'export const broken = ;\n');
  const later = new Date(Date.now() + 5000);
  utimesSync(join(webDir, 'src/main.ts'), later, later);
  assert.equal(isWebBuildStale(webDir), true);
  await assert.rejects(buildWebIfStale(() => {}, webDir), /The web app could not be built \(vite exited with code 1\)/);
});
