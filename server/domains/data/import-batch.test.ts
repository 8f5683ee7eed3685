// A create-only import writes its batches with multi-row statements, and linked records are looked up
// for a whole column at once; the outcome of every row stays what one-by-one writing gave: a key
// broken by one row fails that row only, and a lookup finds, misses or is ambiguous per cell.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../../testing.ts';
import { CREATE_BATCH_SIZE, executeImport } from './import-runner.ts';

let t: TestContext;
const tag = `batch-${process.pid}-${Date.now().toString(36)}`;

before(async () => {
  t = await startTestApp();
});
after(() => t.close());

async function importCsv(object: string, csv: string, columns: Record<string, string>) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/${object}/imports?filename=batch.csv`,
    headers: { authorization: `Bearer ${t.token}`, 'content-type': 'text/csv' },
    payload: Buffer.from(csv),
  });
  assert.equal(response.statusCode, 201, response.body);
  const id = JSON.parse(response.body).id as string;
  const mapped = await t.api('PATCH', `/api/v1/imports/${id}`, { settings: { columns, matchMode: 'create' } });
  assert.equal(mapped.status, 200, JSON.stringify(mapped.body));
  assert.equal((await t.api('POST', `/api/v1/imports/${id}/run`)).status, 202);
  await executeImport({ db: t.db, registry: t.registry }, id);
  const rows = await t.db.rows<{ row_number: number; outcome: string; record_id: string | null; reason: Array<{ field: string; code: string }> | null }>(
    sql`select row_number, outcome, record_id, reason from import_rows where run_id = ${id}::uuid order by row_number`,
  );
  return { id, run: (await t.api('GET', `/api/v1/imports/${id}`)).body, rows };
}

test('a unique key broken inside a batch fails that row only; the others are created with their history', async () => {
  await t.create('accounts', { name: `Existing ${tag}`, externalId: `E0-${tag}` });
  const csv = ['Name,Ref', `One ${tag},E1-${tag}`, `Two ${tag},E2-${tag}`, `Three ${tag},E0-${tag}`, `Four ${tag},E2-${tag}`, `Five ${tag},E5-${tag}`].join('\r\n');
  const { run, rows } = await importCsv('accounts', csv, { Name: 'name', Ref: 'externalId' });
  assert.deepEqual(run.counts, { created: 3, updated: 0, unchanged: 0, skipped: 0, failed: 2 });
  assert.deepEqual(rows.map((r) => r.outcome), ['created', 'created', 'failed', 'failed', 'created']);
  assert.equal(rows[2]!.reason![0]!.field, 'externalId', 'the failure names the key field');
  for (const row of rows.filter((r) => r.outcome === 'created')) {
    const history = await t.api('GET', `/api/v1/accounts/${row.record_id}/history`);
    assert.deepEqual(history.body.data.map((h: { action: string }) => h.action), ['create']);
  }
  const found = await t.api('GET', `/api/v1/search?q=${encodeURIComponent(`Five ${tag}`)}`);
  assert.ok(found.body.data.some((hit: { id: string }) => hit.id === rows[4]!.record_id), 'imported records are searchable');
});

test('a lookup column is resolved for the whole file: by external id, by name, ambiguous, missing', async () => {
  const byRef = await t.create('accounts', { name: `华信 ${tag}`, externalId: `ACC-${tag}` });
  const byName = await t.create('accounts', { name: `星空 ${tag}` });
  await t.create('accounts', { name: `同名 ${tag}` });
  await t.create('accounts', { name: `同名 ${tag}` });
  const csv = [
    '姓名,客户',
    `甲 ${tag},ACC-${tag}`,
    `乙 ${tag},星空 ${tag}`,
    `丙 ${tag},同名 ${tag}`,
    `丁 ${tag},没有 ${tag}`,
    `戊 ${tag},  ACC-${tag}  `,
    `己 ${tag},`,
  ].join('\r\n');
  const { run, rows } = await importCsv('contacts', csv, { 姓名: 'name', 客户: 'accountId' });
  assert.deepEqual(run.counts, { created: 4, updated: 0, unchanged: 0, skipped: 0, failed: 2 });
  assert.deepEqual(rows.map((r) => [r.outcome, r.reason?.[0]?.code ?? null]), [
    ['created', null],
    ['created', null],
    ['failed', 'import_ambiguous'],
    ['failed', 'import_notFound'],
    ['created', null],
    ['created', null],
  ]);
  const account = async (recordId: string | null) => (await t.api('GET', `/api/v1/contacts/${recordId}`)).body.accountId;
  assert.equal(await account(rows[0]!.record_id), byRef.id);
  assert.equal(await account(rows[1]!.record_id), byName.id);
  assert.equal(await account(rows[4]!.record_id), byRef.id, 'spaces around the value are trimmed');
  assert.equal(await account(rows[5]!.record_id), null);
});

test('a lookup text that is one record’s external id and another’s name finds the external id', async () => {
  const byRef = await t.create('accounts', { name: `Keyed ${tag}`, externalId: `BOTH-${tag}` });
  await t.create('accounts', { name: `BOTH-${tag}` });
  const { rows } = await importCsv('contacts', `姓名,客户\r\n庚 ${tag},BOTH-${tag}`, { 姓名: 'name', 客户: 'accountId' });
  assert.equal(rows[0]!.outcome, 'created');
  assert.equal((await t.api('GET', `/api/v1/contacts/${rows[0]!.record_id}`)).body.accountId, byRef.id);
});

test('a create-only run stopped after a batch resumes from its checkpoint: every row once', async () => {
  const total = CREATE_BATCH_SIZE + 30;
  const csv = ['Name,E-mail', ...Array.from({ length: total }, (_, i) => `Resume ${i} ${tag},r${i}.${tag}@example.com`)].join('\n');
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/contacts/imports?filename=resume.csv',
    headers: { authorization: `Bearer ${t.token}`, 'content-type': 'text/csv' },
    payload: Buffer.from(csv),
  });
  const id = JSON.parse(response.body).id as string;
  assert.equal((await t.api('POST', `/api/v1/imports/${id}/run`)).status, 202);
  const crash = new Error('the process died');
  await assert.rejects(executeImport({ db: t.db, registry: t.registry, afterBatch: () => { throw crash; } }, id), crash);
  assert.equal((await t.api('GET', `/api/v1/imports/${id}`)).body.processedRows, CREATE_BATCH_SIZE);
  await executeImport({ db: t.db, registry: t.registry }, id);
  const done = (await t.api('GET', `/api/v1/imports/${id}`)).body;
  assert.deepEqual([done.status, done.processedRows, done.counts.created], ['completed', total, total]);
  const [row] = await t.db.rows<{ n: number | string; distinct_n: number | string }>(
    sql`select count(*) as n, count(distinct email) as distinct_n from contacts where name like ${`Resume % ${tag}`}`,
  );
  assert.deepEqual([Number(row!.n), Number(row!.distinct_n)], [total, total]);
  const outcomes = await t.db.rows<{ n: number | string }>(sql`select count(*) as n from import_rows where run_id = ${id}::uuid and outcome = 'created' and record_id is not null`);
  assert.equal(Number(outcomes[0]!.n), total, 'each row recorded for undo');
});

test('a run stopped while its next batch was being prepared resumes from its checkpoint: every row once', async () => {
  const total = 180;
  const csv = ['Name,E-mail', ...Array.from({ length: total }, (_, i) => `Piped ${i} ${tag},p${i}.${tag}@example.com`)].join('\n');
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/contacts/imports?filename=piped.csv',
    headers: { authorization: `Bearer ${t.token}`, 'content-type': 'text/csv' },
    payload: Buffer.from(csv),
  });
  const id = JSON.parse(response.body).id as string;
  assert.equal((await t.api('POST', `/api/v1/imports/${id}/run`)).status, 202);
  const crash = new Error('the process died');
  // Two batches of 50 committed; the third was read and prepared meanwhile, never written.
  const dying = { db: t.db, registry: t.registry, batchSize: 50, afterBatch: (done: number) => { if (done === 100) throw crash; } };
  await assert.rejects(executeImport(dying, id), crash);
  const stopped = (await t.api('GET', `/api/v1/imports/${id}`)).body;
  assert.deepEqual([stopped.status, stopped.processedRows, stopped.counts.created], ['running', 100, 100]);
  const [written] = await t.db.rows<{ n: number | string }>(sql`select count(*) as n from contacts where name like ${`Piped % ${tag}`}`);
  assert.equal(Number(written!.n), 100);
  await executeImport({ db: t.db, registry: t.registry, batchSize: 50 }, id);
  const done = (await t.api('GET', `/api/v1/imports/${id}`)).body;
  assert.deepEqual([done.status, done.processedRows, done.counts.created], ['completed', total, total]);
  const [row] = await t.db.rows<{ n: number | string; distinct_n: number | string }>(
    sql`select count(*) as n, count(distinct email) as distinct_n from contacts where name like ${`Piped % ${tag}`}`,
  );
  assert.deepEqual([Number(row!.n), Number(row!.distinct_n)], [total, total]);
  const rows = await t.db.rows<{ row_number: number }>(sql`select row_number from import_rows where run_id = ${id}::uuid and outcome = 'created' order by row_number`);
  assert.deepEqual(rows.map((r) => r.row_number), Array.from({ length: total }, (_, i) => i + 1), 'each row recorded once, in order');
});

test('a resumed upsert still skips a row repeating a key first seen before the checkpoint', async () => {
  const lines = Array.from({ length: 60 }, (_, i) => `Keyed ${i} ${tag},k${i}.${tag}@example.com`);
  lines.push(`Keyed again ${tag},k5.${tag}@example.com`);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/contacts/imports?filename=keyed.csv',
    headers: { authorization: `Bearer ${t.token}`, 'content-type': 'text/csv' },
    payload: Buffer.from(['Name,E-mail', ...lines].join('\n')),
  });
  const id = JSON.parse(response.body).id as string;
  const settings = { columns: { Name: 'name', 'E-mail': 'email' }, matchMode: 'upsert', matchBy: ['email'] };
  assert.equal((await t.api('PATCH', `/api/v1/imports/${id}`, { settings })).status, 200);
  assert.equal((await t.api('POST', `/api/v1/imports/${id}/run`)).status, 202);
  const crash = new Error('the process died');
  await assert.rejects(executeImport({ db: t.db, registry: t.registry, batchSize: 20, afterBatch: () => { throw crash; } }, id), crash);
  await executeImport({ db: t.db, registry: t.registry, batchSize: 20 }, id);
  const done = (await t.api('GET', `/api/v1/imports/${id}`)).body;
  assert.deepEqual([done.status, done.counts.created, done.counts.skipped], ['completed', 60, 1]);
  const [last] = await t.db.rows<{ outcome: string; reason: Array<{ code: string; params: { firstRow: number } }> }>(sql`select outcome, reason from import_rows where run_id = ${id}::uuid and row_number = 61`);
  assert.deepEqual([last!.outcome, last!.reason[0]!.code, last!.reason[0]!.params.firstRow], ['skipped', 'import_duplicateKey', 6]);
});

test('an upsert finds the records of a whole batch at once: updated, ambiguous, created', async () => {
  const existing = await t.create('contacts', { name: `Known ${tag}`, email: `known.${tag}@example.com`, city: '北京' });
  await t.create('contacts', { name: `Twin A ${tag}`, email: `twin.${tag}@example.com` });
  await t.create('contacts', { name: `Twin B ${tag}`, email: `twin.${tag}@example.com` });
  const csv = ['Name,E-mail,City', `Known ${tag},KNOWN.${tag}@example.com,上海`, `Twin ${tag},twin.${tag}@example.com,杭州`, `New ${tag},new.${tag}@example.com,成都`].join('\r\n');
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/contacts/imports?filename=upsert.csv',
    headers: { authorization: `Bearer ${t.token}`, 'content-type': 'text/csv' },
    payload: Buffer.from(csv),
  });
  const id = JSON.parse(response.body).id as string;
  const mapped = await t.api('PATCH', `/api/v1/imports/${id}`, { settings: { columns: { Name: 'name', 'E-mail': 'email', City: 'city' }, matchMode: 'upsert', matchBy: ['email'] } });
  assert.equal(mapped.status, 200, JSON.stringify(mapped.body));
  assert.equal((await t.api('POST', `/api/v1/imports/${id}/run`)).status, 202);
  await executeImport({ db: t.db, registry: t.registry }, id);
  const rows = await t.db.rows<{ outcome: string; record_id: string | null; reason: Array<{ code: string }> | null }>(sql`select outcome, record_id, reason from import_rows where run_id = ${id}::uuid order by row_number`);
  assert.deepEqual(rows.map((r) => [r.outcome, r.reason?.[0]?.code ?? null]), [['updated', null], ['failed', 'import_ambiguousMatch'], ['created', null]]);
  assert.equal(rows[0]!.record_id, existing.id);
  assert.equal((await t.api('GET', `/api/v1/contacts/${existing.id}`)).body.city, '上海');
});
