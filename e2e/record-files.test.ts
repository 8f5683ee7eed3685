// Files on a record page: the owner attaches files (by the button and by dropping them), sees them
// listed, downloads one with its Chinese name, is told in Chinese why a web page may not be attached,
// and removes a file after confirming. A colleague with a read-only share, on a phone, sees and
// downloads the files but is offered no upload, no removal and no Edit, Delete or owner change.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';

let j: Journey;

before(async () => {
  j = await startJourney();
}, { timeout: 120_000 });
after(() => j.close(), { timeout: 60_000 });

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

test('attach, list, download and remove files on an account; a read-only colleague only reads them', async () => {
  const owner = await createPerson(j, '李娜');
  const rep = await createPerson(j, 'Zhao Min', { roleKey: 'sales_rep', locale: 'en' });
  const account = await j.t.create('accounts', { name: '杭州附件科技有限公司', ownerId: owner.id });
  const url = `/api/v1/accounts/${account.id}`;
  assert.equal((await j.t.api('POST', `${url}/shares`, { principalType: 'user', principalId: rep.id, access: 'read' })).status, 201);

  const page = await signIn(j, owner.email);
  await page.goto(`${j.baseUrl}/accounts/${account.id}`);
  await page.getByRole('button', { name: '编辑', exact: true }).waitFor();
  await page.getByRole('tab', { name: '附件' }).click();
  const files = page.getByTestId('record-files');
  await files.getByText('暂无附件。').waitFor();

  await files.locator('input[type="file"]').setInputFiles({ name: '报价单.pdf', mimeType: 'application/pdf', buffer: pdf });
  const link = files.getByRole('link', { name: '下载 报价单.pdf' });
  await link.waitFor();
  await files.getByText(/PDF · 李娜/).waitFor();

  // Dropping a file onto the list attaches it as well.
  const dropped = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['会议纪要\n'], '纪要.txt', { type: 'text/plain' }));
    return transfer;
  });
  await files.dispatchEvent('drop', { dataTransfer: dropped });
  await files.getByRole('link', { name: '下载 纪要.txt' }).waitFor();

  // The server judges the bytes; its refusal is told in the reader's language, and does not keep
  // the other files chosen with it out.
  await files.locator('input[type="file"]').setInputFiles([
    { name: 'page.html', mimeType: 'text/html', buffer: Buffer.from('<html><script>alert(1)</script></html>') },
    { name: '备注.txt', mimeType: 'text/plain', buffer: Buffer.from('跟进\n') },
  ]);
  await files.getByRole('alert').getByText('不能添加 page.html 这类文件', { exact: false }).waitFor();
  await files.getByRole('link', { name: '下载 备注.txt' }).waitFor();
  await shoot(page, 'record-files-zh');

  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(download.suggestedFilename(), '报价单.pdf');
  assert.deepEqual(await readFile((await download.path())!), pdf);

  page.once('dialog', (dialog) => void dialog.accept());
  await files.getByRole('button', { name: '删除 报价单.pdf' }).click();
  await link.waitFor({ state: 'detached' });
  const left = (await j.t.api('GET', `${url}/attachments`)).body.data;
  assert.deepEqual(
    left.map((f: { fileName: string }) => f.fileName).toSorted(),
    ['备注.txt', '纪要.txt'].toSorted(),
  );
  await page.context().close();

  // The read-only colleague, in English on a phone: the files, and nothing to change.
  const repPage = await signIn(j, rep.email, 390, 'en');
  const rights = repPage.waitForResponse((r) => r.url().endsWith(`/accounts/${account.id}/lock`));
  await repPage.goto(`${j.baseUrl}/accounts/${account.id}`);
  await repPage.getByRole('heading', { name: '杭州附件科技有限公司' }).waitFor();
  assert.equal((await (await rights).json()).canEdit, false);
  await repPage.getByRole('tab', { name: 'Files' }).click();
  const repFiles = repPage.getByTestId('record-files');
  await repFiles.getByRole('link', { name: 'Download 纪要.txt' }).waitFor();
  for (const name of ['Edit', 'Delete', 'Change owner', 'Share', 'Add files', 'Remove 纪要.txt']) {
    assert.equal(await repPage.getByRole('button', { name, exact: true }).count(), 0, `no ${name} for a read-only share`);
  }
  assert.equal(await repFiles.locator('input[type="file"]').count(), 0);
  await shoot(repPage, 'record-files-read-only-en-phone');
  await repPage.context().close();
});
