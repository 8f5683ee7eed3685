// How global search's statements are planned (docs/performance.md, "Fifth round"): the title-prefix
// statement can keep one plan per connection, and the token match gives the same hits whether it is
// prepared (small tables) or planned for each search (large ones).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../testing.ts';
import type { CompiledQuery } from '../platform/db/index.ts';
import { setSmallTableRows } from './table-sizes.ts';

let t: TestContext;
const statements: Array<CompiledQuery & { isPrepared: boolean }> = [];

before(async () => {
  t = await startTestApp();
  const rowsOfCompiled = t.db.rowsOfCompiled.bind(t.db);
  t.db.rowsOfCompiled = ((query: CompiledQuery, isPrepared = false) => {
    statements.push({ ...query, isPrepared });
    return rowsOfCompiled(query, isPrepared);
  }) as typeof t.db.rowsOfCompiled;
});
after(async () => {
  setSmallTableRows();
  await t.close();
});

type Hit = { object: string; id: string; title: string; score: number };

async function search(query: string): Promise<Hit[]> {
  const r = await t.api('GET', `/api/v1/search?q=${encodeURIComponent(query)}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.data;
}

const tokenStatements = () => statements.filter((s) => s.text.includes('search_tokens @>'));

test('token matches give the same hits prepared for small tables as planned for each search', async () => {
  await t.create('accounts', { name: '北京银河在线有限公司' });
  await t.create('accounts', { name: 'Galaxy Trading 银河贸易' });
  await t.create('contacts', { name: '李银河' });
  await t.create('opportunities', { name: '续约 银河项目', stage: 'interest', amount: '1000' });
  const queries = ['银河', 'galaxy 银河', '在线', '贸易'];

  statements.length = 0;
  const prepared = await Promise.all(queries.map(search));
  assert.ok(tokenStatements().length > 0 && tokenStatements().every((s) => s.isPrepared), 'every table of a test database is small');

  setSmallTableRows(0);
  try {
    statements.length = 0;
    const planned = await Promise.all(queries.map(search));
    assert.ok(tokenStatements().length > 0 && tokenStatements().every((s) => !s.isPrepared), 'every table counts as large');
    assert.deepEqual(planned, prepared);
  } finally {
    setSmallTableRows();
  }
  assert.equal(prepared[0]!.length, 4, '银河 is in four records of three objects');
  assert.deepEqual(new Set(prepared[0]!.map((h) => h.object)), new Set(['accounts', 'contacts', 'opportunities']));
  assert.deepEqual(
    prepared[3]!.map((h) => h.title),
    ['Galaxy Trading 银河贸易'],
  );
});

test('the title-prefix statement holds its row limits in its text, so PostgreSQL keeps one plan for it', async () => {
  statements.length = 0;
  for (const query of ['北京', 'galaxy', '李', '续约', '无此公司', 'zz']) await search(query);
  const prefix = statements.filter((s) => s.text.includes('collate "C"'));
  assert.equal(prefix.length, 6);
  assert.ok(
    prefix.every((s) => s.isPrepared && s.text === prefix[0]!.text),
    'one prepared statement for every search',
  );
  assert.doesNotMatch(prefix[0]!.text, /limit \$/i);
  if (t.db.kind !== 'postgres') return; // PGlite keeps no statement between calls
  // Run as the pool runs it (a named statement), on a connection of its own, and ask PostgreSQL.
  const [{ name }] = await t.db.rows<{ name: string }>(sql`select current_database() as name`);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    for (const { text, params } of [...prefix, ...prefix]) await client.query({ name: 'search_prefix', text, values: params });
    const [plans] = (await client.query(`select generic_plans, custom_plans from pg_prepared_statements where name = 'search_prefix'`))
      .rows;
    assert.ok(Number(plans.generic_plans) >= 1, `generic plans: ${JSON.stringify(plans)}`);
  } finally {
    await client.end();
  }
});
