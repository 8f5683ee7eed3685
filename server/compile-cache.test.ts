// bin/guanxi starts Node with its compile cache, so a started server does not load the TypeScript
// stripper again (its WebAssembly and buffers would stay resident, ~20 MB), with --expose-gc, and with
// glibc malloc settings that return memory after load (one arena, a fixed mmap threshold) unless the
// operator chose otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

// Printed by every process at exit: where its compile cache is and whether it loaded the stripper.
const report = `import { getCompileCacheDir } from 'node:module';
process.on('exit', () => console.log(JSON.stringify({ cacheDir: getCompileCacheDir() ?? null, hasStripper: process.moduleLoadList.some((m) => m.includes('amaro')), hasGc: typeof globalThis.gc === 'function', arenaMax: process.env.MALLOC_ARENA_MAX ?? null, mmapThreshold: process.env.MALLOC_MMAP_THRESHOLD_ ?? null })));`;

function runHelp(extraEnv: NodeJS.ProcessEnv = {}): { cacheDir: string | null; hasStripper: boolean; hasGc: boolean; arenaMax: string | null; mmapThreshold: string | null } {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(report)}`, ...extraEnv };
  delete env.NODE_COMPILE_CACHE;
  for (const name of ['MALLOC_ARENA_MAX', 'MALLOC_MMAP_THRESHOLD_']) if (!(name in extraEnv)) delete env[name];
  const output = execFileSync(new URL('../bin/guanxi', import.meta.url).pathname, ['--help'], { encoding: 'utf8', env });
  return JSON.parse(output.trim().split('\n').at(-1)!);
}

test('bin/guanxi keeps a compile cache in the project, and a second start strips no TypeScript', () => {
  runHelp(); // fills the cache if sources changed since the last start
  const second = runHelp();
  assert.equal(second.cacheDir?.startsWith(new URL('../.cache/node-compile/', import.meta.url).pathname), true, `cache: ${second.cacheDir}`);
  assert.equal(second.hasStripper, false);
  assert.equal(second.hasGc, true, 'the idle collection (platform/http/idle-memory.ts) needs --expose-gc');
});

test('bin/guanxi runs Node with one malloc arena and a fixed mmap threshold, unless the operator set them', () => {
  const defaults = runHelp();
  assert.deepEqual([defaults.arenaMax, defaults.mmapThreshold], ['1', '131072']);
  const chosen = runHelp({ MALLOC_ARENA_MAX: '4', MALLOC_MMAP_THRESHOLD_: '65536' });
  assert.deepEqual([chosen.arenaMax, chosen.mmapThreshold], ['4', '65536']);
});
