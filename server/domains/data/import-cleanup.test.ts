// The daily clean-up of uploads: an upload never run goes after a week, the file of a finished import
// after 30 days (its undo still works, its error file is gone), and a running import is left alone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../../testing.ts';
import { executeImport } from './import-runner.ts';
import { executeUndo } from './import-undo.ts';
import { ABANDONED_DAYS, FINISHED_DAYS, removeOldUploads } from './import-cleanup.ts';

let t: TestContext;
const tag = `clean-${process.pid}-${Date.now().toString(36)}`;
// A fixed "now", far from the test's own clock: the stored times are set relative to it.
const now = new Date('2031-06-15T12:00:00Z');
const daysBefore = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

before(async () => {
  t = await startTestApp();
});
after(() => t.close());

async function upload(csv: string): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/contacts/imports?filename=people.csv',
    headers: { authorization: `Bearer ${t.token}`, 'content-type': 'text/csv' },
    payload: Buffer.from(csv),
  });
  assert.equal(response.statusCode, 201, response.body);
  return JSON.parse(response.body).id;
}

async function setTimes(id: string, values: { status?: string; updatedAt?: string; finishedAt?: string }): Promise<void> {
  await t.db.rows(sql`update import_runs set status = coalesce(${values.status ?? null}, status),
    updated_at = coalesce(${values.updatedAt ?? null}::timestamptz, updated_at), finished_at = coalesce(${values.finishedAt ?? null}::timestamptz, finished_at)
    where id = ${id}::uuid`);
}

async function stored(id: string): Promise<{ size: number; removedAt: unknown } | undefined> {
  const [row] = await t.db.rows<{ size: number | string; removed_at: unknown }>(sql`select octet_length(content) as size, content_removed_at as removed_at from import_runs where id = ${id}::uuid`);
  return row ? { size: Number(row.size), removedAt: row.removed_at } : undefined;
}

test('old uploads go, recent ones and running imports stay; a finished import can still be undone', async () => {
  const abandoned = await upload(`Name\r\nA ${tag}\r\n`);
  await setTimes(abandoned, { updatedAt: daysBefore(ABANDONED_DAYS + 1) });
  const fresh = await upload(`Name\r\nB ${tag}\r\n`);
  await setTimes(fresh, { updatedAt: daysBefore(ABANDONED_DAYS - 1) });
  const running = await upload(`Name\r\nC ${tag}\r\n`);
  await setTimes(running, { status: 'running', updatedAt: daysBefore(FINISHED_DAYS + 10) });

  // A finished import that updated a record: past retention its file goes, its undo stays.
  const person = await t.create('contacts', { name: `D ${tag}`, email: `d.${tag}@example.com`, city: '北京' });
  const finished = await upload(`E-mail,City,Birthday\r\nd.${tag}@example.com,上海,\r\ne.${tag}@example.com,杭州,2024-02-30\r\n`);
  const mapped = await t.api('PATCH', `/api/v1/imports/${finished}`, { settings: { columns: { 'E-mail': 'email', City: 'city', Birthday: 'birthday' }, matchMode: 'update', matchBy: ['email'] } });
  assert.equal(mapped.status, 200, JSON.stringify(mapped.body));
  assert.equal((await t.api('POST', `/api/v1/imports/${finished}/run`)).status, 202);
  await executeImport({ db: t.db, registry: t.registry }, finished);
  assert.equal((await t.api('GET', `/api/v1/contacts/${person.id}`)).body.city, '上海');
  await setTimes(finished, { finishedAt: daysBefore(FINISHED_DAYS + 1) });
  const recent = await upload(`Name\r\nF ${tag}\r\n`);
  assert.equal((await t.api('POST', `/api/v1/imports/${recent}/run`)).status, 202);
  await executeImport({ db: t.db, registry: t.registry }, recent);
  await setTimes(recent, { finishedAt: daysBefore(FINISHED_DAYS - 1) });

  const removed = await removeOldUploads(t.db, now);
  assert.ok(removed.abandoned >= 1 && removed.files >= 1, JSON.stringify(removed));
  assert.equal(await stored(abandoned), undefined, 'the abandoned upload is gone');
  assert.ok((await stored(fresh))!.size > 0);
  assert.ok((await stored(running))!.size > 0, 'a running import keeps its file');
  assert.ok((await stored(recent))!.size > 0, 'a recent import keeps its file');
  const old = (await stored(finished))!;
  assert.equal(old.size, 0);
  assert.ok(old.removedAt);

  const view = await t.api('GET', `/api/v1/imports/${finished}`);
  assert.ok(view.body.contentRemovedAt, 'the import says its file was removed');
  const errors = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${finished}/errors?locale=en`, headers: { authorization: `Bearer ${t.token}` } });
  assert.equal(errors.statusCode, 410);
  assert.match(JSON.parse(errors.body).detail, /removed after 30 days/);

  assert.equal((await t.api('POST', `/api/v1/imports/${finished}/undo`)).status, 202);
  await executeUndo({ db: t.db, registry: t.registry }, finished, t.adminId);
  assert.equal((await t.api('GET', `/api/v1/imports/${finished}`)).body.status, 'undone');
  assert.equal((await t.api('GET', `/api/v1/contacts/${person.id}`)).body.city, '北京', 'undo works without the file');

  // A second pass removes nothing more.
  assert.deepEqual(await removeOldUploads(t.db, now), { abandoned: 0, files: 0 });
});

test('the clean-up is a daily scheduled job that runs at the injected time', async () => {
  // Registered by the data module, so the job system schedules it.
  const job = t.registry.modules.jobsFor({ db: t.db, registry: t.registry, now: () => now }).find((j) => j.name === 'data.remove-old-uploads');
  assert.ok(job, 'the data module registers the clean-up');
  assert.match(job!.schedule!, /^\d+ \d+ \* \* \*$/);
  assert.ok(job!.isSingleton);
  const abandoned = await upload(`Name\r\nG ${tag}\r\n`);
  await setTimes(abandoned, { updatedAt: daysBefore(ABANDONED_DAYS + 2) });
  const logged: unknown[] = [];
  await job!.handler({}, { jobId: 'test', attempt: 0, log: { info: (details: unknown) => logged.push(details), warn() {}, error() {} } } as never);
  assert.equal(await stored(abandoned), undefined);
  assert.equal(logged.length, 1);
});
