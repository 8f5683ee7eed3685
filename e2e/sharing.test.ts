// Record-level privacy in the browser: an owner shares a private account with a colleague and with a
// team, the colleague can open it from then on, and the account is handed to a new owner.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';

let j: Journey;

before(async () => {
  j = await startJourney();
}, { timeout: 120_000 });
after(() => j.close(), { timeout: 60_000 });

test('share a private account with a person and a team, then hand it to a new owner', async () => {
  const owner = await createPerson(j, '李娜');
  const rep = await createPerson(j, '赵敏', { roleKey: 'sales_rep' });
  await j.t.api('POST', '/api/v1/admin/teams', { name: '华南区' });
  const account = await j.t.create('accounts', { name: '深圳共享科技有限公司', ownerId: owner.id });

  // Before sharing, the rep is told the record does not exist.
  const repPage = await signIn(j, rep.email);
  await repPage.goto(`${j.baseUrl}/accounts/${account.id}`);
  await repPage.getByText('记录不存在，或您无权查看。').waitFor();

  const page = await signIn(j, owner.email);
  await page.goto(`${j.baseUrl}/accounts/${account.id}`);
  await page.getByText('负责人：李娜').waitFor();
  await page.getByRole('button', { name: '共享', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '共享此记录' });
  await dialog.getByText('尚未手动共享给任何人。').waitFor();
  await dialog.getByLabel('共享给', { exact: true }).fill('赵敏');
  await page.getByRole('option', { name: '赵敏' }).click();
  await dialog.getByLabel('权限', { exact: true }).click();
  await page.getByRole('option', { name: '可编辑' }).click();
  await dialog.getByRole('button', { name: '共享', exact: true }).click();
  await dialog.getByRole('row', { name: /赵敏.*个人.*可编辑/ }).waitFor();

  await dialog.getByText('团队', { exact: true }).click();
  await dialog.getByLabel('共享给', { exact: true }).click();
  await page.getByRole('option', { name: '华南区' }).click();
  await dialog.getByRole('button', { name: '共享', exact: true }).click();
  await dialog.getByRole('row', { name: /华南区.*团队.*可查看/ }).waitFor();
  await shoot(page, 'share-zh');

  // The rep can open it now (a fresh load: the share applies from the next request).
  await repPage.reload();
  await repPage.getByRole('heading', { name: '深圳共享科技有限公司' }).waitFor();

  await dialog.getByRole('button', { name: '取消与华南区的共享' }).click();
  await dialog.getByRole('row', { name: /华南区/ }).waitFor({ state: 'detached' });
  await dialog.getByRole('button', { name: '关闭' }).click();

  await page.getByRole('button', { name: '更换负责人' }).click();
  const ownerDialog = page.getByRole('dialog', { name: '更换负责人' });
  await ownerDialog.getByLabel('新负责人', { exact: true }).fill('赵敏');
  await page.getByRole('option', { name: '赵敏' }).click();
  await ownerDialog.getByRole('button', { name: '保存' }).click();
  await page.getByText('负责人：赵敏').waitFor();
  await shoot(page, 'owner-zh');
  assert.equal((await j.t.api('GET', `/api/v1/accounts/${account.id}`)).body.ownerId, rep.id);
  await page.context().close();
  await repPage.context().close();
});

test('a record shared read-only shows in the list, and its cells say why they cannot be changed', async () => {
  const owner = await createPerson(j, '周婷');
  const rep = await createPerson(j, '吴磊', { roleKey: 'sales_rep' });
  const account = await j.t.create('accounts', { name: '只读共享贸易有限公司', ownerId: owner.id, email: 'readonly@example.com' });
  const shared = await j.t.api('POST', `/api/v1/accounts/${account.id}/shares`, { principalType: 'user', principalId: rep.id, access: 'read' });
  assert.equal(shared.status, 201, JSON.stringify(shared.body));

  const page = await signIn(j, rep.email);
  await page.goto(`${j.baseUrl}/accounts`);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: '只读共享贸易有限公司', exact: true }) });
  const cell = row.getByRole('gridcell').filter({ hasText: 'readonly@example.com' });
  await cell.dblclick();
  await cell.getByRole('alert').filter({ hasText: '您可以查看此记录，但无权修改。' }).waitFor();
  assert.equal(await cell.getByRole('textbox').count(), 0);
  await shoot(page, 'lists-read-only-cell-zh');
  await page.keyboard.press('Escape');
  await cell.getByRole('alert').waitFor({ state: 'detached' });
  assert.equal((await j.t.api('GET', `/api/v1/accounts/${account.id}`)).body.email, 'readonly@example.com');
});
