// The filter builder as a user works it, in Chromium: choosing fields (a linked record's too),
// comparisons and values, relative dates, removing a condition, and the filter text it produces.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../../harness/harness.ts';

let harness: Harness;
before(async () => {
  harness = await startHarness();
}, { timeout: 120_000 });
after(() => harness.close(), { timeout: 30_000 });

test('conditions built with the mouse and keyboard become the filter language, and can be removed', { timeout: 120_000 }, async () => {
  const page = await harness.open('FilterBar', { object: 'contacts', lang: 'zh-CN' });
  const output = page.getByTestId('filter');
  const choose = async (label: string, option: string) => {
    await page.locator(`input[aria-label="${label}"]`).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };
  // The title field and "contains" are preselected: type and press Enter.
  await page.getByRole('textbox', { name: '值', exact: true }).fill("O'Brien");
  await page.keyboard.press('Enter');
  await page.getByText("姓名 包含 O'Brien").waitFor();
  assert.equal(await output.textContent(), "name contains 'O''Brien'");

  // A field of the linked account.
  await choose('字段', '客户 › 城市');
  await choose('条件', '等于');
  await page.getByRole('textbox', { name: '值', exact: true }).fill('上海');
  await page.getByRole('button', { name: '添加筛选' }).click();
  assert.equal(await output.textContent(), "name contains 'O''Brien' and accountId.city eq '上海'");

  // A number of the linked account is not quoted.
  await choose('字段', '客户 › 员工人数');
  await choose('条件', '大于');
  await page.getByRole('textbox', { name: '值', exact: true }).fill('50');
  await page.getByRole('button', { name: '添加筛选' }).click();
  assert.match((await output.textContent()) ?? '', / and accountId\.employees gt 50$/);

  // The last N days on a date field.
  await choose('字段', '生日');
  await choose('条件', '在');
  await choose('值', '最近……天');
  await page.getByLabel('天数').fill('10');
  await page.getByRole('button', { name: '添加筛选' }).click();
  await page.getByText('生日 在 最近 10 天').waitFor();
  assert.match((await output.textContent()) ?? '', / and birthday gte '\d{4}-\d{2}-\d{2}' and birthday lt '\d{4}-\d{2}-\d{2}'$/);

  // Removing the first condition keeps the others; clearing removes all.
  // By keyboard: the remove button is in the Tab order and Enter removes the condition.
  assert.equal(await page.locator('[aria-label="移除筛选"]').first().getAttribute('tabindex'), '0');
  await page.locator('[aria-label="移除筛选"]').first().focus();
  await page.keyboard.press('Enter');
  assert.match((await output.textContent()) ?? '', /^accountId\.city eq '上海' and /);
  await page.getByRole('button', { name: '清除筛选' }).click();
  assert.equal(await output.textContent(), '');
  await page.close();
});
