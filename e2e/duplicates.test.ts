// Duplicates and merge in a real browser: creating an account warns of one that exists (the same
// company written with its city in brackets), the duplicate report finds the pair, the merge screen
// (or a list's bulk toolbar) takes a field from the other record, and undo puts everything back — in
// 简体中文 and in English.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';

let j: Journey;

before(async () => {
  j = await startJourney();
}, { timeout: 120_000 });
after(() => j.close(), { timeout: 60_000 });

test('a new account warns of a duplicate; the report finds it; merging two accounts choosing fields, then undo (简体中文)', async () => {
  const admin = await createPerson(j, '赵敏');
  const existing = await j.t.create('accounts', { name: '北京星空在线文化传播有限公司', city: '北京', phone: '+86 10 6000 0001' });
  const page = await signIn(j, admin.email);
  await page.getByRole('link', { name: '客户' }).first().click();
  await page.getByRole('button', { name: '新建客户' }).click();
  const form = page.getByRole('dialog', { name: '新建客户' });
  await form.getByRole('textbox', { name: /^名称/ }).fill('星空在线文化传播(北京)有限公司');
  await form.getByRole('textbox', { name: /^城市/ }).fill('北京市');
  const warning = form.getByRole('status').filter({ hasText: '已有相似的记录' });
  await warning.getByRole('link', { name: '北京星空在线文化传播有限公司' }).waitFor();
  await warning.getByText('很可能重复').waitFor();
  await warning.scrollIntoViewIfNeeded();
  await shoot(page, 'duplicate-warning-zh');
  await form.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '星空在线文化传播(北京)有限公司' }).waitFor();
  const created = (await j.t.api('GET', `/api/v1/accounts?filter=${encodeURIComponent("name eq '星空在线文化传播(北京)有限公司'")}`)).body.data[0];

  await page.goto(`${j.baseUrl}/data/duplicates?object=accounts`);
  await page.getByRole('heading', { name: '重复记录', level: 1 }).waitFor();
  await page.getByRole('button', { name: '立即查重' }).click();
  await page.getByRole('link', { name: '星空在线文化传播(北京)有限公司' }).waitFor();
  await shoot(page, 'duplicates-report-zh');
  await page.getByRole('button', { name: '合并', exact: true }).first().click();

  await page.getByRole('heading', { name: '合并客户' }).waitFor();
  await page.getByRole('radio', { name: '城市: 星空在线文化传播(北京)有限公司' }).check();
  await shoot(page, 'merge-zh');
  await page.getByRole('button', { name: '合并2条记录' }).click();
  await page.getByText('已合并。').waitFor();
  const merged = (await j.t.api('GET', `/api/v1/accounts/${existing.id}`)).body;
  assert.equal(merged.city, '北京市');
  assert.equal((await j.t.api('GET', `/api/v1/accounts/${created.id}`)).status, 404);
  await shoot(page, 'merge-done-zh');

  await page.getByRole('button', { name: '撤销合并' }).click();
  await page.getByText('已撤销合并：所有记录均已恢复原状。').waitFor();
  assert.equal((await j.t.api('GET', `/api/v1/accounts/${existing.id}`)).body.city, '北京');
  assert.equal((await j.t.api('GET', `/api/v1/accounts/${created.id}`)).status, 200);
  await page.context().close();
});

test('the same in English, merging from the list, the merge screen on a phone', async () => {
  const admin = await createPerson(j, 'Grace Lee', { locale: 'en' });
  const first = await j.t.create('accounts', { name: 'Acme Trading Co., Ltd.', email: 'sales@acme.example' });
  const second = await j.t.create('accounts', { name: 'ACME Trading Ltd', city: 'Shanghai' });
  const page = await signIn(j, admin.email, 1280, 'en');
  await page.goto(`${j.baseUrl}/accounts`);
  await page.getByRole('button', { name: 'New Account' }).click();
  const form = page.getByRole('dialog', { name: 'New Account' });
  await form.getByRole('textbox', { name: /^Name/ }).fill('Acme Trading');
  const warning = form.getByRole('status').filter({ hasText: 'records like this one exist' });
  await warning.getByRole('link', { name: 'ACME Trading Ltd' }).waitFor();
  await warning.scrollIntoViewIfNeeded();
  await shoot(page, 'duplicate-warning-en');
  await form.getByRole('button', { name: 'Cancel' }).click();

  // Two rows chosen in the list open the merge screen from the bulk toolbar.
  await page.getByRole('checkbox', { name: 'Select Acme Trading Co., Ltd.' }).check();
  await page.getByRole('checkbox', { name: 'Select ACME Trading Ltd' }).check();
  await page.getByRole('toolbar').getByRole('button', { name: 'Merge' }).click();
  await page.getByRole('heading', { name: 'Merge Accounts' }).waitFor();
  // The merge screen on a phone: the records scroll side by side.
  await page.setViewportSize({ width: 390, height: 860 });
  await page.getByRole('radio', { name: 'Keep Acme Trading Co., Ltd.' }).check();
  await page.getByRole('radio', { name: 'City: ACME Trading Ltd' }).waitFor();
  await page.getByRole('radio', { name: 'Name: ACME Trading Ltd' }).check();
  await shoot(page, 'merge-en');
  await page.getByRole('button', { name: 'Merge 2 records' }).click();
  await page.getByText('Merged.').waitFor();
  const merged = (await j.t.api('GET', `/api/v1/accounts/${first.id}`)).body;
  assert.deepEqual([merged.name, merged.email, merged.city], ['ACME Trading Ltd', 'sales@acme.example', 'Shanghai']);
  await shoot(page, 'merge-done-en');
  await page.getByRole('button', { name: 'Undo the merge' }).click();
  await page.getByText('The merge was undone: every record is back as it was.').waitFor();
  const back = (await j.t.api('GET', `/api/v1/accounts/${first.id}`)).body;
  assert.deepEqual([back.name, back.city], ['Acme Trading Co., Ltd.', null]);
  assert.equal((await j.t.api('GET', `/api/v1/accounts/${second.id}`)).status, 200);
  await page.context().close();
});
