// An administrator shapes the data model and access in Settings, in a real browser: a custom pick-list
// field on accounts (with a field error first), filled in on an account and shown on its page and as a
// list column; a custom object that joins the menu; an org-wide default found again in the audit log; a
// sharing rule; the menu reordered. Every screen is shot (and checked by axe-core) in both languages.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';

let j: Journey;
let admin: { id: string; email: string };

// Mantine's pick-lists are comboboxes; its text inputs with suggestions may be either.
const input = (scope: Page | ReturnType<Page['getByRole']>, name: string) => scope.getByRole('combobox', { name }).or(scope.getByRole('textbox', { name })).first();
// The menu's object entries (the domain screens placed between them are left out).
const menuLinks = (page: Page) => page.locator('nav[aria-label="主菜单"] a:not([data-screen-entry])').allInnerTexts();

before(async () => {
  j = await startJourney();
  admin = await createPerson(j, '王芳');
}, { timeout: 120_000 });
after(() => j.close(), { timeout: 60_000 });

test('add a pick-list field to accounts in Settings, fill it on an account, see it on the page and in the list', async () => {
  const account = await j.t.create('accounts', { name: '深圳蓝海科技', city: '深圳' });
  const page = await signIn(j, admin.email);
  await page.goto(`${j.baseUrl}/settings/objects?object=accounts`);
  await page.getByRole('table', { name: '客户的字段' }).waitFor();
  await shoot(page, 'settings-objects-zh');

  await page.getByRole('button', { name: '为客户添加字段' }).click();
  const dialog = page.getByRole('dialog', { name: '为客户添加字段' });
  await dialog.getByRole('textbox', { name: '英文标签' }).fill('Customer tier');
  await dialog.getByRole('textbox', { name: '中文标签' }).fill('客户层级');
  // The API name follows the English label until typed by hand.
  assert.equal(await dialog.getByRole('textbox', { name: '接口名称' }).inputValue(), 'customerTier');
  await dialog.getByRole('combobox', { name: '类型' }).click();
  await page.getByRole('option', { name: '单选列表', exact: true }).click();
  await dialog.getByRole('textbox', { name: '选项 1 英文' }).fill('Key account');
  await dialog.getByRole('textbox', { name: '选项 1 中文' }).fill('重点客户');
  await dialog.getByRole('textbox', { name: '选项 2 英文' }).fill('Standard');
  await dialog.getByRole('textbox', { name: '选项 2 中文' }).fill('普通客户');
  assert.equal(await dialog.getByRole('textbox', { name: '选项 1 存储值' }).inputValue(), 'key_account');

  // A name the API refuses: its error shows on the name field, and nothing is created.
  await dialog.getByRole('textbox', { name: '接口名称' }).fill('Customer tier');
  await dialog.getByRole('button', { name: '添加字段' }).click();
  const name = dialog.getByRole('textbox', { name: '接口名称' });
  await page.waitForFunction(() => document.querySelector('[role="dialog"] input[aria-invalid="true"]') !== null);
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  await shoot(page, 'settings-field-error-zh');
  await name.fill('customerTier');
  await shoot(page, 'settings-field-dialog-zh');
  await dialog.getByRole('button', { name: '添加字段' }).click();
  await dialog.waitFor({ state: 'detached' });
  const row = page.getByRole('table', { name: '客户的字段' }).getByRole('row', { name: /客户层级/ });
  await row.waitFor();
  assert.match(await row.innerText(), /customerTier[\s\S]*单选列表[\s\S]*自定义/);
  const stored = (await j.t.api('GET', '/api/v1/metadata/objects/accounts')).body.fields.find((f: { name: string }) => f.name === 'customerTier');
  assert.deepEqual(stored.options, [
    { value: 'key_account', label: { en: 'Key account', 'zh-CN': '重点客户' } },
    { value: 'standard', label: { en: 'Standard', 'zh-CN': '普通客户' } },
  ]);

  // Without reloading: the record's form offers the new field at once.
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '客户', exact: true }).click();
  await page.getByRole('link', { name: '深圳蓝海科技' }).click();
  await page.getByRole('heading', { name: '深圳蓝海科技' }).waitFor();
  await page.getByRole('button', { name: '编辑' }).click();
  const form = page.getByRole('dialog', { name: '编辑客户' });
  await form.getByRole('combobox', { name: '客户层级' }).click();
  await page.getByRole('option', { name: '重点客户' }).click();
  await form.getByRole('button', { name: '保存' }).click();
  await form.waitFor({ state: 'detached' });
  await page.locator('main').getByText('重点客户', { exact: true }).waitFor();
  assert.equal((await j.t.api('GET', `/api/v1/accounts/${account.id}`)).body.customerTier, 'key_account');

  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '客户', exact: true }).click();
  await page.getByRole('link', { name: '深圳蓝海科技' }).waitFor();
  await input(page, '显示的列').click({ force: true }); // the pills wrapper takes the click and opens the list
  await page.getByRole('option', { name: '客户层级' }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('columnheader', { name: /客户层级/ }).waitFor();
  await page.getByRole('grid').getByText('重点客户', { exact: true }).waitFor();
  await shoot(page, 'settings-field-in-list-zh');
  await page.context().close();
});

test('a custom object created in Settings joins the menu and has its list', async () => {
  const page = await signIn(j, admin.email);
  await page.goto(`${j.baseUrl}/settings/objects`);
  await page.getByRole('button', { name: '新建自定义对象' }).click();
  const dialog = page.getByRole('dialog', { name: '新建自定义对象' });
  await dialog.getByRole('textbox', { name: '单条记录的英文名称' }).fill('Project');
  await dialog.getByRole('textbox', { name: '单条记录的中文名称' }).fill('项目');
  await dialog.getByRole('textbox', { name: '多条记录的英文名称' }).fill('Projects');
  await dialog.getByRole('textbox', { name: '多条记录的中文名称' }).fill('项目');
  assert.equal(await dialog.getByRole('textbox', { name: '接口名称' }).inputValue(), 'projects');
  await shoot(page, 'settings-object-dialog-zh');
  await dialog.getByRole('button', { name: '创建对象' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('table', { name: '项目的字段' }).waitFor();
  const link = page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '项目' });
  await link.click();
  await page.getByRole('button', { name: '新建项目' }).click();
  await page.getByRole('dialog', { name: '新建项目' }).getByRole('textbox', { name: /^名称/ }).fill('华南仓库改造');
  await page.getByRole('dialog', { name: '新建项目' }).getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '华南仓库改造' }).waitFor();
  await page.context().close();
});

test('an org-wide default set in Settings shows in the audit log; a sharing rule is added and removed', async () => {
  const team = (await j.t.api('POST', '/api/v1/admin/teams', { name: '华南销售部' })).body.id as string;
  const page = await signIn(j, admin.email);
  await page.goto(`${j.baseUrl}/settings/sharing`);
  await page.getByRole('combobox', { name: '客户的默认权限' }).click();
  await page.getByRole('option', { name: '所有人可查看', exact: true }).click();
  await page.getByRole('status').getByText('已保存：客户现在为“所有人可查看”。').waitFor();
  assert.equal((await j.t.api('GET', '/api/v1/metadata/objects/accounts')).body.access.default, 'publicRead');
  await shoot(page, 'settings-sharing-zh');

  await page.getByRole('button', { name: '新建共享规则' }).click();
  const dialog = page.getByRole('dialog', { name: '新建共享规则' });
  await dialog.getByRole('textbox', { name: '规则名称' }).fill('深圳客户给华南团队');
  await dialog.getByRole('textbox', { name: '值' }).fill('深圳');
  await dialog.getByRole('button', { name: '添加筛选' }).click();
  await dialog.getByText("name contains '深圳'").waitFor();
  await dialog.getByRole('combobox', { name: '共享给' }).click();
  await page.getByRole('option', { name: '华南销售部' }).click();
  await shoot(page, 'settings-rule-dialog-zh');
  await dialog.getByRole('button', { name: '创建规则' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('table', { name: '共享规则' }).getByRole('row', { name: /深圳客户给华南团队/ }).waitFor();
  const rules = (await j.t.api('GET', '/api/v1/admin/sharing-rules')).body.data;
  assert.deepEqual(
    rules.map((r: Record<string, string>) => [r.objectName, r.filter, r.principalType, r.principalId, r.access]),
    [['accounts', "name contains '深圳'", 'team', team, 'read']],
  );
  await page.getByRole('button', { name: '删除规则“深圳客户给华南团队”' }).click();
  await page.getByRole('dialog', { name: '删除规则“深圳客户给华南团队”' }).getByRole('button', { name: '删除规则' }).click();
  await page.getByText('还没有共享规则。').waitFor();

  await page.goto(`${j.baseUrl}/settings/audit`);
  await page.getByRole('table', { name: '审计日志' }).waitFor();
  await input(page, '操作').fill('object.access_default');
  await page.keyboard.press('Escape');
  const event = page.getByRole('row', { name: /object\.access_default/ });
  await page.waitForFunction(() => document.querySelectorAll('table[aria-label="审计日志"] tbody tr').length === 1);
  await event.getByText('王芳').waitFor(); // the actor's name arrives after the row
  assert.match(await event.innerText(), /王芳[\s\S]*accounts/);
  await event.getByRole('button').click();
  await page.getByText('"to": "publicRead"').waitFor();
  await shoot(page, 'settings-audit-zh');
  await page.context().close();
});

test('the audit log pages with "load more", narrows by a group of actions and by dates', async () => {
  for (let i = 0; i < 55; i++) await j.t.api('POST', '/api/v1/admin/teams', { name: `审计分页团队 ${i}` });
  const page = await signIn(j, admin.email);
  await page.goto(`${j.baseUrl}/settings/audit`);
  await input(page, '操作').fill('team.*');
  await page.keyboard.press('Escape');
  const rows = page.locator('table[aria-label="审计日志"] tbody tr');
  await page.waitForFunction(() => {
    const actions = [...document.querySelectorAll('table[aria-label="审计日志"] tbody tr code')];
    return actions.length > 0 && actions.every((c) => c.textContent === 'team.create');
  });
  assert.equal(await rows.count(), 50);
  await page.getByRole('button', { name: '加载更多' }).click();
  await page.getByText('已全部显示。').waitFor();
  const total = await rows.count();
  assert.ok(total >= 55 && total < 60, `${total} team events`);
  // The newest first, and no event twice across the pages.
  const targets = await page.locator('table[aria-label="审计日志"] tbody tr td:last-child').allInnerTexts();
  assert.equal(new Set(targets).size, targets.length);

  const tomorrow = new Date(Date.now() + 86_400_000);
  const day = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
  await page.getByLabel('开始日期').fill(day);
  await page.getByText('没有符合条件的事件。').waitFor();
  await page.context().close();
});

test('a custom field is deleted after a confirmation', async () => {
  const added = await j.t.api('POST', '/api/v1/metadata/objects/contacts/fields', { name: 'wechatId', type: 'text', label: { en: 'WeChat ID', 'zh-CN': '微信号' } });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  const page = await signIn(j, admin.email);
  await page.goto(`${j.baseUrl}/settings/objects?object=contacts`);
  const table = page.getByRole('table', { name: '联系人的字段' });
  await table.getByRole('row', { name: /微信号/ }).waitFor();
  // Standard fields have no delete button.
  assert.equal(await table.getByRole('button', { name: /删除字段/ }).count(), 1);
  await table.getByRole('button', { name: '删除字段“微信号”' }).click();
  const dialog = page.getByRole('dialog', { name: '删除字段“微信号”' });
  await shoot(page, 'settings-field-delete-zh');
  await dialog.getByRole('button', { name: '删除字段' }).click();
  await dialog.waitFor({ state: 'detached' });
  await table.getByRole('row', { name: /微信号/ }).waitFor({ state: 'detached' });
  const fields = (await j.t.api('GET', '/api/v1/metadata/objects/contacts')).body.fields as Array<{ name: string }>;
  assert.ok(!fields.some((f) => f.name === 'wechatId'));
  await page.context().close();
});

test('the menu follows the order and visibility arranged in Settings', async () => {
  const page = await signIn(j, admin.email);
  await page.goto(`${j.baseUrl}/settings/navigation`);
  await page.getByRole('list', { name: '菜单顺序' }).waitFor();
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '商机' }).waitFor();
  const menuBefore = await menuLinks(page);
  assert.deepEqual(menuBefore.slice(0, 3), ['首页', '客户', '联系人']);
  // By keyboard: focus stays on the moved item, so Enter moves it again.
  await page.getByRole('button', { name: '上移商机' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.getByRole('status').getByText(/商机已移到第 \d 位/).waitFor();
  await page.getByRole('checkbox', { name: '产品', exact: true }).uncheck();
  await shoot(page, 'settings-navigation-zh');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('status').getByText('菜单已保存。').waitFor();
  const opportunitiesAt = menuBefore.indexOf('商机');
  await page.waitForFunction(() => [...document.querySelectorAll('nav[aria-label="主菜单"] a')].every((a) => a.textContent !== '产品'));
  const menuAfter = await menuLinks(page);
  assert.equal(menuAfter.indexOf('商机'), opportunitiesAt - 2);
  assert.ok(!menuAfter.includes('产品'));
  await page.context().close();
});

test('every Settings screen of this part in English', async () => {
  const page = await signIn(j, admin.email, 1280, 'en');
  for (const [path, check] of [
    ['objects?object=accounts', 'Fields of Accounts'],
    ['sharing', 'Org-wide defaults'],
    ['navigation', 'Menu order'],
    ['audit', 'Audit log'],
  ] as const) {
    await page.goto(`${j.baseUrl}/settings/${path}`);
    await page.getByRole(path === 'navigation' ? 'list' : 'table', { name: check }).waitFor();
    await page.getByRole('progressbar').or(page.locator('[aria-busy="true"]')).first().waitFor({ state: 'detached' }).catch(() => {});
    await shoot(page, `settings-${path.split('?')[0]}-en`);
  }
  await page.context().close();
});
