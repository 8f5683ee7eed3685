// The dry run of a large file in a real browser: the check runs as a background job, the screen shows
// its progress, then the report of the rows that would fail. In English at 1280 px, and in Chinese on a
// phone. No worker runs here: the journey works the queued job itself, so the waiting screen is seen.
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';
import { executeDryRun, type DryRunJobPayload } from '../server/domains/data/import-dry-run.ts';

let j: Journey;

before(async () => {
  j = await startJourney();
});
after(() => j.close());

/** More rows than a dry run checks within the request; every 500th has a birthday that is no date. */
const csv = ['Name,E-mail,Birthday', ...Array.from({ length: 2100 }, (_, i) => `Check ${i},check${i}@example.com,${i % 500 === 499 ? '1990-02-30' : '1990-01-02'}`)].join('\r\n');

/** Works the queued dry-run jobs, as a worker would. */
async function workDryRuns(): Promise<void> {
  const jobs = await j.t.db.rows<{ id: string; data: DryRunJobPayload }>(sql`select id, data from pgboss.job where name = 'data.dry-run-import' and state = 'created'`);
  for (const job of jobs) {
    await executeDryRun({ db: j.t.db, registry: j.t.registry }, job.data);
    await j.t.db.rows(sql`update pgboss.job set state = 'completed' where id = ${job.id}::uuid`);
  }
}

async function uploadLargeFile(page: Awaited<ReturnType<typeof signIn>>, upload: string) {
  await page.goto(`${j.baseUrl}/data/import?object=contacts`);
  await page.locator('input[type="file"]').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: upload }).click();
}

test('a large file is dry-run by a job whose progress the screen follows', async () => {
  const admin = await createPerson(j, 'Import checker 检查员', { locale: 'en' });
  const page = await signIn(j, admin.email, 1280, 'en');
  await uploadLargeFile(page, 'Upload and map');
  await page.getByRole('button', { name: 'Dry run', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Checking every row in the background: 0 of 2100' }).waitFor();
  await page.getByRole('progressbar', { name: 'Dry run progress' }).waitFor({ state: 'attached' });
  await shoot(page, 'imports-dry-run-progress-en');
  await workDryRuns();
  const report = page.getByRole('region', { name: 'Dry run result' });
  await report.waitFor({ timeout: 90_000 });
  await report.locator('tbody tr').nth(3).waitFor();
  await report.getByText('500', { exact: true }).waitFor();
  await shoot(page, 'imports-dry-run-large-en');
  await page.context().close();

  const phone = await signIn(j, admin.email, 390, 'zh-CN');
  await uploadLargeFile(phone, '上传并映射');
  await phone.getByRole('button', { name: '试运行', exact: true }).click();
  const checking = phone.getByRole('status').filter({ hasText: '正在后台检查每一行' });
  await checking.waitFor();
  await checking.scrollIntoViewIfNeeded();
  await shoot(phone, 'imports-dry-run-progress-zh-phone');
  await workDryRuns();
  await phone.getByRole('region', { name: '试运行结果' }).waitFor({ timeout: 90_000 });
  await phone.context().close();
});
