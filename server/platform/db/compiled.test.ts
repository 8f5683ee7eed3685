// A statement compiled once and run with new values gives what the same Drizzle query gives, on the
// driver (outside transactions) and recomposed inside one; dates stay PostgreSQL text either way.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { openScratchDatabase } from '../../testing.ts';
import type { Database } from './index.ts';

let db: Database;
let drop: () => Promise<void>;

before(async () => {
  ({ db, drop } = await openScratchDatabase(process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded'));
});
after(() => drop());

const query = (words: unknown, day: unknown) =>
  sql`select ${words}::text[] as words, cardinality(${words}::text[]) as n, ${day}::date as day, timestamptz '2026-01-02 03:04:05+00' as at`;

test('a compiled statement runs with replaced parameters, on the driver and inside a transaction', async () => {
  const compiled = db.compile(query(sql.param(['星空', 'a"b']), '2026-12-06'));
  assert.equal(compiled.params.length, 3);
  const expected = await db.rows(query(sql.param(['北京', 'x']), '2026-12-07'));
  const params = [['北京', 'x'], ['北京', 'x'], '2026-12-07'];
  assert.deepEqual(await db.rowsOfCompiled({ text: compiled.text, params }), expected);
  assert.deepEqual(await db.transaction((tx) => tx.rowsOfCompiled({ text: compiled.text, params })), expected);
  assert.deepEqual(expected, [{ words: ['北京', 'x'], n: 2, day: '2026-12-07', at: expected[0]!.at }]);
  assert.equal(typeof expected[0]!.at, 'string');
});
