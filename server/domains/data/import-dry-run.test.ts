// The dry run of a large file runs as a job the screen follows; a small file's is answered at once.
// Either way nothing is written, and changing the mapping discards (and stops) the last dry run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../../testing.ts';
import { DRY_RUN_SYNC_ROWS, executeDryRun, type DryRunState } from './import-dry-run.ts';

let t: TestContext;
const tag = `dry-${process.pid}-${Date.now().toString(36)}`;

before(async () => {
  t = await startTestApp();
});
after(() => t.close());

async function upload(csv: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/contacts/imports?filename=people.csv`,
    headers: { authorization: `Bearer ${t.token}`, 'content-type': 'text/csv' },
    payload: Buffer.from(csv),
  });
  assert.equal(response.statusCode, 201, response.body);
  return JSON.parse(response.body) as { id: string; settings: { columns: Record<string, string> } };
}

/** A CSV of `n` people, every tenth with a birthday that is no date. */
const people = (n: number) => ['Name,E-mail,Birthday', ...Array.from({ length: n }, (_, i) => `Person ${i} ${tag},p${i}.${tag}@example.com,${i % 10 === 9 ? '2024-02-30' : '1990-01-02'}`)].join('\n');

async function contactsTagged(): Promise<number> {
  const [row] = await t.db.rows<{ n: number | string }>(sql`select count(*) as n from contacts where name like ${`%${tag}`}`);
  return Number(row!.n);
}

async function storedState(id: string): Promise<DryRunState | null> {
  const [row] = await t.db.rows<{ dry_run: DryRunState | null }>(sql`select dry_run from import_runs where id = ${id}::uuid`);
  return row!.dry_run;
}

test('a small file is checked within the request, and the result can be read again', async () => {
  const uploaded = await upload(people(20));
  const dry = await t.api('POST', `/api/v1/imports/${uploaded.id}/dry-run?locale=en`);
  assert.equal(dry.status, 200, JSON.stringify(dry.body));
  assert.equal(dry.body.status, 'done');
  assert.deepEqual([dry.body.checkedRows, dry.body.totalRows], [20, 20]);
  assert.deepEqual(dry.body.counts, { created: 18, updated: 0, unchanged: 0, skipped: 0, failed: 2 });
  const again = await t.api('GET', `/api/v1/imports/${uploaded.id}/dry-run?locale=zh-CN`);
  assert.equal(again.status, 200);
  assert.deepEqual(again.body.problems.map((p: { rowNumber: number }) => p.rowNumber), [10, 20]);
  assert.match(again.body.problems[0].message, /^生日/, 'worded in the reader’s language when read');
  assert.equal(await contactsTagged(), 0);
});

test('a large file is checked by a job: running at first, then the counts, with nothing written', async () => {
  const rows = DRY_RUN_SYNC_ROWS + 50;
  const uploaded = await upload(people(rows));
  const queued = await t.api('POST', `/api/v1/imports/${uploaded.id}/dry-run?locale=en`);
  assert.equal(queued.status, 202, JSON.stringify(queued.body));
  assert.deepEqual([queued.body.status, queued.body.checkedRows, queued.body.totalRows], ['running', 0, rows]);
  const [job] = await t.db.rows<{ data: { importId: string; token: string } }>(sql`select data from pgboss.job where name = 'data.dry-run-import' and data->>'importId' = ${uploaded.id}`);
  assert.ok(job, 'the dry-run job is queued');
  const polled = await t.api('GET', `/api/v1/imports/${uploaded.id}/dry-run`);
  assert.equal(polled.body.status, 'running');

  // The job reports its progress after each batch: seen here through the stored state.
  const progress: number[] = [];
  const original = t.db.rows.bind(t.db);
  const watched = { ...t.db, rows: async <T,>(query: Parameters<typeof t.db.rows>[0], preparedAs?: string | true) => {
    const result = await original<T>(query, preparedAs);
    const state = await storedState(uploaded.id);
    if (state?.status === 'running' && progress.at(-1) !== state.checkedRows) progress.push(state.checkedRows);
    return result;
  } };
  await executeDryRun({ db: watched, registry: t.registry }, job!.data);
  assert.ok(progress.some((n) => n > 0 && n < rows), `progress between batches: ${progress.join(',')}`);

  const done = await t.api('GET', `/api/v1/imports/${uploaded.id}/dry-run?locale=en`);
  assert.equal(done.status, 200);
  assert.equal(done.body.status, 'done');
  assert.equal(done.body.checkedRows, rows);
  assert.equal(done.body.counts.created + done.body.counts.failed, rows);
  assert.equal(done.body.counts.failed, Math.floor(rows / 10));
  assert.match(done.body.problems[0].message, /Birthday/);
  assert.equal(await contactsTagged(), 0, 'a dry run writes nothing');
  assert.equal((await t.api('GET', `/api/v1/imports/${uploaded.id}`)).body.status, 'uploaded');
});

test('changing the mapping discards the last dry run, and a job still running for it stops', async () => {
  const uploaded = await upload(people(DRY_RUN_SYNC_ROWS + 10));
  assert.equal((await t.api('POST', `/api/v1/imports/${uploaded.id}/dry-run`)).status, 202);
  const [job] = await t.db.rows<{ data: { importId: string; token: string } }>(sql`select data from pgboss.job where name = 'data.dry-run-import' and data->>'importId' = ${uploaded.id}`);
  const changed = await t.api('PATCH', `/api/v1/imports/${uploaded.id}`, { settings: { columns: { Name: 'name' }, matchMode: 'create' } });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.equal((await t.api('GET', `/api/v1/imports/${uploaded.id}/dry-run`)).status, 404);
  await executeDryRun({ db: t.db, registry: t.registry }, job!.data);
  assert.equal(await storedState(uploaded.id), null, 'the superseded job wrote nothing');
  // The dry run of a finished import is refused as before.
  assert.equal((await t.api('GET', '/api/v1/imports/01a24800-0000-7000-8000-000000000000/dry-run')).status, 404);
});
