// Exporting a list in a real browser: filter the accounts, open the Export menu (by mouse and by
// keyboard), download the CSV and the Excel workbook, and find exactly the filtered Chinese rows in
// them. A sales rep, who may not export, is not offered the menu.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';
import { readSheet } from '../server/domains/data/test-xlsx.ts';

let j: Journey;

before(async () => {
  j = await startJourney();
  for (const [name, city] of [['星辰导出甲公司', '上海'], ['星辰导出乙公司', '杭州'], ['Other Export Co', '北京'], ['别的公司', '广州']]) {
    await j.t.create('accounts', { name, city });
  }
});
after(() => j.close());

test('the Export menu downloads the current filter as CSV and Excel, only the filtered rows', async () => {
  const admin = await createPerson(j, '王芳');
  const page = await signIn(j, admin.email);
  await page.goto(`${j.baseUrl}/accounts`);
  await page.getByRole('link', { name: '别的公司' }).waitFor();
  await page.getByRole('textbox', { name: '值' }).fill('星辰');
  await page.getByRole('button', { name: '添加筛选' }).click();
  await page.waitForFunction(() => document.querySelectorAll('[role="grid"] [role="row"] a').length === 2);

  await page.getByRole('button', { name: '导出', exact: true }).click();
  const csvItem = page.getByRole('menuitem', { name: '逗号分隔文件' });
  await csvItem.waitFor();
  await shoot(page, 'export-menu-zh');
  const [csv] = await Promise.all([page.waitForEvent('download'), csvItem.click()]);
  assert.match(csv.suggestedFilename(), /^客户-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync((await csv.path())!);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte order mark');
  const text = bytes.subarray(3).toString('utf8');
  const lines = text.trimEnd().split('\r\n');
  assert.equal(lines.length, 3, text);
  assert.match(lines[0]!, /^名称,/, 'the columns shown, titled in Chinese');
  assert.ok(text.includes('星辰导出甲公司') && text.includes('星辰导出乙公司'));
  assert.ok(!text.includes('Other Export Co') && !text.includes('别的公司'), 'nothing outside the filter');

  // The keyboard alone: focus the button, open the menu, move to Excel, take it.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '导出', exact: true }).focus();
  await page.keyboard.press('Enter');
  const excelItem = page.getByRole('menuitem', { name: '电子表格文件' });
  await excelItem.waitFor();
  for (let step = 0; step < 3 && !(await excelItem.evaluate((item) => item === document.activeElement)); step++) await page.keyboard.press('ArrowDown');
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.match(xlsx.suggestedFilename(), /^客户-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const { rows } = readSheet(readFileSync((await xlsx.path())!));
  const names = rows.slice(1).map((row) => row[0]!.value).sort();
  assert.deepEqual(names, ['星辰导出乙公司', '星辰导出甲公司']);
  await page.context().close();
});

test('a sales rep, who may not export accounts, has no Export menu', async () => {
  const rep = await createPerson(j, '李销售', { roleKey: 'sales_rep' });
  await j.t.create('accounts', { name: '代表的客户', ownerId: rep.id });
  const page = await signIn(j, rep.email);
  await page.goto(`${j.baseUrl}/accounts`);
  await page.getByRole('link', { name: '代表的客户' }).waitFor();
  assert.equal(await page.getByRole('button', { name: '导出', exact: true }).count(), 0);
  await page.context().close();
});
