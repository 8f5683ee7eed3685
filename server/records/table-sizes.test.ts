// Which tables global search treats as small: from the database's own row estimates, read again a
// minute later, with unknown tables counted as large (the plan that is always safe).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openScratchDatabase } from '../testing.ts';
import type { Database } from '../platform/db/index.ts';
import { SMALL_TABLE_ROWS, smallTables } from './table-sizes.ts';

let db: Database;
let drop: () => Promise<void>;

before(async () => {
  ({ db, drop } = await openScratchDatabase(process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded'));
  await db.exec(`CREATE TABLE few_rows (id int);
    CREATE TABLE many_rows (id int);
    INSERT INTO few_rows SELECT generate_series(1, 50);
    INSERT INTO many_rows SELECT generate_series(1, ${SMALL_TABLE_ROWS + 2000});
    ANALYZE few_rows;
    ANALYZE many_rows`);
});
after(() => drop());

test('a table under the limit is small; a larger one, or one that does not exist, is not', async () => {
  const small = await smallTables(db, ['few_rows', 'many_rows', 'no_such_table'], 0);
  assert.deepEqual([...small], ['few_rows']);
});

test('estimates are read again after a minute, not before: a table that grew becomes large', async () => {
  const start = 1_000_000;
  await db.exec('CREATE TABLE growing (id int);\n ANALYZE growing');
  assert.deepEqual([...(await smallTables(db, ['growing'], start))], ['growing']);
  await db.exec(`INSERT INTO growing SELECT generate_series(1, ${SMALL_TABLE_ROWS + 2000});\n ANALYZE growing`);
  assert.deepEqual([...(await smallTables(db, ['growing'], start + 30_000))], ['growing'], 'still the first reading');
  // The reading after a minute runs in the background; the call after it sees its result.
  assert.deepEqual([...(await smallTables(db, ['growing'], start + 61_000))], ['growing'], 'answered before the new reading');
  let small = ['growing'];
  for (let waited = 0; small.length && waited < 5000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    small = [...(await smallTables(db, ['growing'], start + 62_000))];
  }
  assert.deepEqual(small, []);
});

test('a call for other tables while a reading runs reads its own instead of counting them large', async () => {
  await db.exec('CREATE TABLE first_asked (id int);\n CREATE TABLE asked_meanwhile (id int);\n ANALYZE first_asked;\n ANALYZE asked_meanwhile');
  const first = smallTables(db, ['first_asked'], 5_000_000);
  const meanwhile = await smallTables(db, ['asked_meanwhile'], 5_000_000);
  assert.deepEqual([...meanwhile], ['asked_meanwhile']);
  assert.deepEqual([...(await first)], ['first_asked']);
});
