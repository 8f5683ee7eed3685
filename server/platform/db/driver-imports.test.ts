// A server on PostgreSQL must not load PGlite: its module alone costs tens of MB of resident memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

const probe = `
import { registerHooks } from 'node:module';
const loaded = [];
registerHooks({ resolve(specifier, context, next) { const result = next(specifier, context); loaded.push(result.url); return result; } });
await import('./server/app.ts');
await import('./server/boot.ts');
const { openDatabase, migrateDatabase } = await import('./server/platform/db/index.ts');
void openDatabase; void migrateDatabase;
console.log(JSON.stringify(loaded.filter((url) => url.includes('@electric-sql/pglite'))));
`;

test('the app, boot and database modules load no PGlite driver until the embedded database is opened', () => {
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: new URL('../../../', import.meta.url), encoding: 'utf8' });
  assert.deepEqual(JSON.parse(output.trim().split('\n').at(-1)!), []);
});
