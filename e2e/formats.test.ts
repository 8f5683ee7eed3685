// Formats people already have, in a real browser: a vCard file from a phone is uploaded through the
// import wizard, mapped by the vCard preset, dry-run and imported; a Google Contacts CSV arrives mapped
// by its preset, in English at a phone's width.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';

let j: Journey;

before(async () => {
  j = await startJourney({ jobs: { isWorking: true, pollingIntervalSeconds: 0.5 } });
});
after(() => j.close());

const vcf = [
  'BEGIN:VCARD', 'VERSION:3.0', 'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=90=8D=E7=89=87;=E7=94=B2;;;', 'TEL;TYPE=CELL:138 0013 8101', 'EMAIL:mingpian.jia@example.com', 'END:VCARD',
  'BEGIN:VCARD', 'VERSION:4.0', 'FN:名片乙', 'EMAIL:mingpian.yi@example.com', 'TITLE:采购经理', 'END:VCARD',
].join('\r\n');

test('a vCard file is imported through the wizard; a Google Contacts file arrives mapped', async () => {
  const admin = await createPerson(j, '名片管理员');
  const page = await signIn(j, admin.email);
  await page.goto(`${j.baseUrl}/contacts`);
  await page.getByRole('link', { name: '导入', exact: true }).click();
  await page.getByRole('heading', { name: '导入数据' }).waitFor();
  await page.locator('input[type="file"]').setInputFiles({ name: '通讯录.vcf', mimeType: 'text/vcard', buffer: Buffer.from(vcf) });
  await page.getByRole('button', { name: '上传并映射' }).click();

  await page.getByRole('heading', { name: '列与字段' }).waitFor();
  const fieldFor = (column: string) => page.getByLabel(`列${column}对应的字段`, { exact: true }).first();
  assert.equal(await fieldFor('Full name').inputValue(), '姓名 *');
  assert.equal(await fieldFor('Mobile').inputValue(), '手机');
  await page.getByLabel('预设映射', { exact: true }).first().waitFor();
  await shoot(page, 'formats-vcard-mapping-zh');

  await page.getByRole('button', { name: '试运行' }).click();
  const report = page.getByRole('region', { name: '试运行结果' });
  await report.getByText('未写入任何数据', { exact: false }).waitFor();
  await page.getByRole('button', { name: '执行导入' }).click();
  await page.getByRole('status').filter({ hasText: '已完成' }).waitFor({ timeout: 60_000 });
  await page.getByText('已处理2行，共2行').waitFor();
  const imported = (await j.t.api('GET', `/api/v1/contacts?filter=${encodeURIComponent("name startsWith '名片'")}&sort=name`)).body.data;
  assert.deepEqual(imported.map((c: { name: string }) => c.name), ['名片乙', '名片甲']);
  assert.equal(imported[1].mobile.e164, '+8613800138101');
  await page.context().close();

  const reader = await createPerson(j, 'Format reader', { locale: 'en' });
  const phone = await signIn(j, reader.email, 390, 'en');
  await phone.goto(`${j.baseUrl}/data/import?object=contacts`);
  await phone.getByRole('heading', { name: 'Import data' }).waitFor();
  const google = 'Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Value\r\nAda Lovelace,Ada,Lovelace,* Work,ada.e2e@example.com,021 6888 0001\r\n';
  await phone.locator('input[type="file"]').setInputFiles({ name: 'google.csv', mimeType: 'text/csv', buffer: Buffer.from(google) });
  await phone.getByRole('button', { name: 'Upload and map' }).click();
  await phone.getByRole('heading', { name: 'Columns and fields' }).waitFor();
  const englishField = (column: string) => phone.getByLabel(`Field for column ${column}`, { exact: true }).first();
  assert.equal(await englishField('Given Name').inputValue(), 'Name *');
  assert.equal(await englishField('Family Name').inputValue(), 'Name *');
  assert.equal(await englishField('E-mail 1 - Value').inputValue(), 'E-mail');
  await shoot(phone, 'formats-google-mapping-en-phone');
  await phone.context().close();
});
