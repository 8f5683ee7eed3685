// Importing contacts in a real browser: from the list's Import button, upload a CSV with Chinese
// column titles, find the suggested mapping, see the dry run's row errors, run the import in the
// background with its progress, find the records in the list, then undo it. In both languages and
// at a phone's width.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';

let j: Journey;

before(async () => {
  j = await startJourney({ jobs: { isWorking: true, pollingIntervalSeconds: 0.5 } });
  await j.t.create('accounts', { name: '华为技术', city: '深圳' });
});
after(() => j.close());

const csv = [
  '姓名,邮箱,手机,城市,生日,主要客户,备注',
  '导入甲,jia@example.com,138 0013 8001,上海,2024年3月5日,华为技术,第一位',
  '导入乙,yi@example.com,138 0013 8002,北京,1990/7/1,,',
  '导入丙,bing@example.com,138 0013 8003,广州,1990-02-30,,生日不对',
  '导入丁,ding@example.com,138 0013 8004,深圳,,不存在的公司,',
].join('\r\n');

test('a CSV with Chinese headers is mapped, dry-run, imported with progress and undone', async () => {
  const admin = await createPerson(j, '导入管理员');
  const page = await signIn(j, admin.email);
  await page.goto(`${j.baseUrl}/contacts`);
  await page.getByRole('link', { name: '导入', exact: true }).click();
  await page.getByRole('heading', { name: '导入数据' }).waitFor();
  await page.locator('input[type="file"]').setInputFiles({ name: '联系人.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: '上传并映射' }).click();

  // The mapping the server suggests from the Chinese titles, and the detected encoding.
  await page.getByRole('heading', { name: '列与字段' }).waitFor();
  const fieldFor = (column: string) => page.getByLabel(`列${column}对应的字段`, { exact: true }).first();
  assert.equal(await fieldFor('姓名').inputValue(), '姓名 *');
  assert.equal(await fieldFor('邮箱').inputValue(), '邮箱');
  assert.equal(await fieldFor('手机').inputValue(), '手机');
  assert.equal(await fieldFor('主要客户').inputValue(), '主要客户');
  assert.equal(await page.getByLabel('编码', { exact: true }).first().inputValue(), '统一码（无签名）');
  await shoot(page, 'imports-mapping-zh');

  // The dry run: two rows would be created, two fail with their reasons, nothing is written.
  await page.getByRole('button', { name: '试运行' }).click();
  const report = page.getByRole('region', { name: '试运行结果' });
  await report.waitFor();
  await report.getByText('未写入任何数据', { exact: false }).waitFor();
  const rows = report.getByRole('row');
  await rows.nth(2).waitFor();
  const table = await report.locator('tbody').innerText();
  assert.match(table, /3\s+失败\s+生日：“1990-02-30”不是日期/);
  assert.match(table, /4\s+失败\s+主要客户：找不到记录“不存在的公司”/);
  assert.equal((await j.t.api('GET', `/api/v1/contacts?filter=${encodeURIComponent("name startsWith '导入'")}`)).body.data.length, 0);
  await report.scrollIntoViewIfNeeded();
  await shoot(page, 'imports-dry-run-zh');

  // The run: a job in the background, its progress shown until it is done.
  await page.getByRole('button', { name: '执行导入' }).click();
  await page.getByRole('progressbar', { name: '导入进度' }).waitFor();
  await page.getByRole('status').filter({ hasText: '已完成' }).waitFor({ timeout: 60_000 });
  await page.getByText('已处理4行，共4行').waitFor();
  await shoot(page, 'imports-done-zh');
  const importUrl = page.url();

  // The records are in the list, the primary account resolved by its name.
  await page.getByRole('link', { name: '打开联系人' }).click();
  await page.getByRole('link', { name: '导入甲' }).waitFor();
  await page.getByRole('link', { name: '导入乙' }).waitFor();
  const imported = (await j.t.api('GET', `/api/v1/contacts?filter=${encodeURIComponent("name eq '导入甲'")}`)).body.data[0];
  assert.equal(imported.birthday, '2024-03-05');
  assert.equal(imported.mobile.e164, '+8613800138001');
  assert.ok(imported.accountId);

  // The same import in English at a phone's width.
  const reader = await createPerson(j, 'Import reader', { locale: 'en' });
  const phone = await signIn(j, reader.email, 390, 'en');
  await phone.goto(`${j.baseUrl}/data/import`);
  await phone.getByRole('heading', { name: 'Import data' }).waitFor();
  await shoot(phone, 'imports-start-en-phone');
  // An administrator may open anyone's import: its results, at a phone's width.
  await phone.goto(importUrl);
  await phone.getByRole('status').filter({ hasText: 'Done' }).waitFor();
  await phone.getByText('4 of 4 rows').waitFor();
  await shoot(phone, 'imports-done-en-phone');
  await phone.context().close();

  // Undo: the created records go, the import says so.
  await page.goto(importUrl);
  await page.getByRole('button', { name: '撤销导入' }).click();
  await page.getByRole('button', { name: '确定撤销导入' }).click();
  await page.getByText('导入已撤销。').waitFor();
  await shoot(page, 'imports-undone-zh');
  assert.equal((await j.t.api('GET', `/api/v1/contacts?filter=${encodeURIComponent("name startsWith '导入'")}`)).body.data.length, 0);
  await page.context().close();
});
