// The form generator in Chromium: an input per editable field of the definition (none for read-only
// ones), required fields checked before anything is sent, the server's field errors on their fields,
// and only the filled-in values sent.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../../harness/harness.ts';

let harness: Harness;
before(async () => {
  harness = await startHarness();
}, { timeout: 120_000 });
after(() => harness.close(), { timeout: 30_000 });

test('the form has one input per editable field, checks required ones, shows server errors on fields and sends what was filled in', { timeout: 120_000 }, async () => {
  const page = await harness.open('RecordForm', { object: 'accounts', lang: 'zh-CN' });
  const bodies: unknown[] = [];
  let answer: { status: number; body: unknown } = { status: 400, body: {} };
  await page.route('**/api/v1/accounts', async (route) => {
    bodies.push(route.request().postDataJSON());
    await route.fulfill({ status: answer.status, contentType: 'application/problem+json', body: JSON.stringify(answer.body) });
  });
  const dialog = page.getByRole('dialog', { name: '新建客户' });
  await dialog.waitFor();
  for (const name of ['名称', '城市', '评级', '员工人数']) assert.equal(await dialog.getByLabel(name, { exact: false }).first().count(), 1, name);
  assert.equal(await dialog.getByText('重点客户').count(), 1);
  assert.equal(await dialog.getByLabel('编号').count(), 0, 'read-only fields get no input');

  // Required and empty: said on the field, and nothing is sent.
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.getByText('请填写此项。').waitFor();
  assert.equal(bodies.length, 0);

  // The server's field error appears on its field, in its words.
  answer = {
    status: 400,
    body: { status: 400, code: 'validation_failed', detail: '请求无效。', errors: [{ field: 'city', code: 'too_long', message: '城市最多 100 个字符。' }] },
  };
  await dialog.getByRole('textbox', { name: /^名称/ }).fill('深圳测试科技');
  await dialog.getByRole('textbox', { name: /^城市/ }).fill('深圳');
  await dialog.getByRole('textbox', { name: /^员工人数/ }).fill('120');
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.getByText('城市最多 100 个字符。').waitFor();
  assert.deepEqual(bodies[0], { name: '深圳测试科技', city: '深圳', employees: 120 });

  // Accepted: the dialog closes.
  answer = { status: 201, body: { id: '018f0000-0000-7000-8000-000000000001', version: 1, name: '深圳测试科技', city: '深圳', employees: 120 } };
  await dialog.getByRole('button', { name: '保存' }).click();
  await page.getByTestId('closed').waitFor();
  assert.equal(bodies.length, 2);
  await page.close();
});
