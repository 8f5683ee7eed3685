// Importing a customer file whose columns have no field yet (a sample of a telco churn export): the
// administrator creates the fields from the mapping screen — a pick-list, a number and a yes/no — and
// the file's values land in them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';

let j: Journey;

before(async () => {
  j = await startJourney({ jobs: { isWorking: true, pollingIntervalSeconds: 0.5 } });
});
after(() => j.close());

const csv = [
  'customerID,gender,Partner,tenure,Contract,MonthlyCharges,Churn',
  '7590-VHVEG,Female,Yes,1,Month-to-month,29.85,No',
  '5575-GNVDE,Male,No,34,One year,56.95,No',
  '3668-QPYBK,Male,No,2,Month-to-month,53.85,Yes',
  '7795-CFOCW,Male,No,45,One year,42.30,No',
].join('\n');

test('columns without a field get one from the mapping screen, and the import fills them', async () => {
  const admin = await createPerson(j, '数据管理员');
  const page = await signIn(j, admin.email);
  await page.goto(`${j.baseUrl}/accounts`);
  await page.getByRole('link', { name: '导入', exact: true }).click();
  await page.locator('input[type="file"]').setInputFiles({ name: 'telco-churn.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: '上传并映射' }).click();
  await page.getByRole('heading', { name: '列与字段' }).waitFor();

  const fieldFor = (column: string) => page.getByLabel(`列${column}对应的字段`, { exact: true }).first();
  await fieldFor('customerID').click();
  await page.getByRole('option', { name: '名称 *', exact: true }).click();

  // Contract: a pick-list with the file's words as its options.
  await page.getByRole('button', { name: '为“Contract”列新建字段' }).click();
  const dialog = page.getByRole('dialog');
  assert.equal(await dialog.getByRole('textbox', { name: '英文标签' }).inputValue(), 'Contract');
  await dialog.getByRole('textbox', { name: '中文标签' }).fill('合同类型');
  assert.equal(await dialog.getByRole('textbox', { name: '选项 2 英文' }).inputValue(), 'One year');
  await shoot(page, 'imports-new-field-zh');
  await dialog.getByRole('button', { name: '添加字段' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.waitForFunction(() => (document.querySelector('input[aria-label="列Contract对应的字段"]') as HTMLInputElement | null)?.value === '合同类型');

  // MonthlyCharges: a number; Partner: yes or no.
  for (const [column, zh] of [['MonthlyCharges', '月费'], ['Partner', '有伴侣']]) {
    await page.getByRole('button', { name: `为“${column}”列新建字段` }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: '中文标签' }).fill(zh!);
    await page.getByRole('dialog').getByRole('button', { name: '添加字段' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.waitForFunction(([c, label]) => (document.querySelector(`input[aria-label="列${c}对应的字段"]`) as HTMLInputElement | null)?.value === label, [column, zh]);
  }

  await page.getByRole('button', { name: '执行导入' }).click();
  await page.getByRole('status').filter({ hasText: '已完成' }).waitFor({ timeout: 60_000 });
  const fields = (await j.t.api('GET', '/api/v1/metadata/objects/accounts')).body.fields as Array<{ name: string; label: { 'zh-CN': string } }>;
  const nameOf = (zh: string) => fields.find((f) => f.label['zh-CN'] === zh)!.name;
  const [first] = (await j.t.api('GET', `/api/v1/accounts?filter=${encodeURIComponent("name eq '7590-VHVEG'")}`)).body.data;
  assert.equal(first[nameOf('合同类型')], 'month_to_month');
  assert.equal(first[nameOf('月费')], 29.85);
  assert.equal(first[nameOf('有伴侣')], true);
  await page.context().close();
});
