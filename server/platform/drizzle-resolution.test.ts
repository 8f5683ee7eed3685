// drizzle-orm's own files must load through the short cut (else an idle server keeps ~40 MB more),
// and load correctly: the same modules, as ES modules, with their exports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

const probe = `
import { registerHooks } from 'node:module';
// Registered first, this hook runs after the short cut: it sees what is left to Node's own lookup.
const leftToNode = [];
registerHooks({
  resolve(specifier, context, next) {
    const result = next(specifier, context);
    if (specifier.startsWith('.') && result.url.includes('/node_modules/drizzle-orm/')) leftToNode.push(specifier);
    return result;
  },
});
const { installDrizzleResolution } = await import('./server/platform/drizzle-resolution.ts');
installDrizzleResolution();
const { sql, eq } = await import('drizzle-orm');
const { pgTable, text } = await import('drizzle-orm/pg-core');
const { PgDialect } = await import('drizzle-orm/pg-core');
const table = pgTable('t', { name: text('name') });
const query = new PgDialect().sqlToQuery(sql\`select 1 from \${table} where \${eq(table.name, 'x')}\`);
console.log(JSON.stringify({ leftToNode, query }));
`;

test('drizzle-orm resolves its own files without Node package lookup, and works', () => {
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: new URL('../../', import.meta.url), encoding: 'utf8' });
  const { leftToNode, query } = JSON.parse(output.trim().split('\n').at(-1)!);
  assert.deepEqual(leftToNode, []);
  assert.deepEqual(query, { sql: 'select 1 from "t" where "t"."name" = $1', params: ['x'], typings: ['none'] });
});
