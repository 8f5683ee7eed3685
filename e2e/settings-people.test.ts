// An administrator sets people up in Settings, in 简体中文: a team under another team, a role that may
// only read one field, a user in that team with that role (who then finds the field read-only), and
// the user disabled (who then cannot sign in). Then every screen in English, Chinese and at phone width.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { setPassword } from '../server/platform/auth/passwords.ts';
import { PASSWORD, createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';

let j: Journey;
let admin: { id: string; email: string };

before(async () => {
  j = await startJourney();
  admin = await createPerson(j, '王芳');
}, { timeout: 120_000 });
after(() => j.close(), { timeout: 60_000 });

/** Picks an option of a Mantine select or multi-select by its label. */
async function choose(page: Page, scope: ReturnType<Page['getByRole']>, label: string, option: string) {
  // Mantine gives a single select the combobox role and a multi-select's search box the textbox role.
  await scope.getByRole('combobox', { name: label, exact: true }).or(scope.getByRole('textbox', { name: label, exact: true })).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const teamByName = async (name: string) => ((await j.t.api('GET', '/api/v1/admin/teams?limit=500')).body.data as Array<{ id: string; name: string; parentId: string | null }>).find((t) => t.name === name);

test('an administrator in 简体中文 builds a team, a role with a read-only field and a user, then disables the user', async () => {
  const page = await signIn(j, admin.email);
  await page.goto(`${j.baseUrl}/settings/teams`);

  // A team, and a team under it.
  await page.getByRole('button', { name: '新建团队' }).click();
  let dialog = page.getByRole('dialog', { name: '新建团队' });
  await dialog.getByRole('textbox', { name: '团队', exact: true }).fill('华东大区');
  await dialog.getByRole('button', { name: '创建团队' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: '添加下级团队：华东大区' }).click();
  dialog = page.getByRole('dialog', { name: '新建团队' });
  await dialog.getByRole('textbox', { name: '团队', exact: true }).fill('上海销售组');
  await dialog.getByRole('button', { name: '创建团队' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('rowheader', { name: '上海销售组' }).waitFor();
  const region = await teamByName('华东大区');
  const shanghai = await teamByName('上海销售组');
  assert.equal(shanghai?.parentId, region?.id, 'the new team sits under the other one');
  await shoot(page, 'settings-teams-zh');

  // A role that may read, create and edit accounts, but only read their city.
  await page.goto(`${j.baseUrl}/settings/roles`);
  await page.getByRole('button', { name: '新建角色' }).click();
  dialog = page.getByRole('dialog', { name: '新建角色' });
  await dialog.getByRole('textbox', { name: '标识' }).fill('Bad key');
  await dialog.getByRole('button', { name: '创建角色' }).click();
  // The server's field errors show on their fields, in Chinese.
  await dialog.getByText('格式不正确。').waitFor();
  assert.equal(await dialog.getByRole('textbox', { name: '标识' }).getAttribute('aria-invalid'), 'true');
  await dialog.getByRole('textbox', { name: '标识' }).fill('east_sales');
  await dialog.getByRole('textbox', { name: '中文名称' }).fill('华东销售');
  await dialog.getByRole('textbox', { name: '英文名称' }).fill('East China sales');
  await dialog.getByRole('button', { name: '创建角色' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('heading', { name: '角色：华东销售' }).waitFor();
  for (const action of ['查看', '新建', '编辑']) await page.getByRole('checkbox', { name: `客户：${action}`, exact: true }).check();
  await shoot(page, 'settings-roles-zh');
  await page.getByRole('tab', { name: '字段安全' }).click();
  await page.getByRole('combobox', { name: '对象' }).selectOption({ label: '客户' });
  await page.getByRole('combobox', { name: '城市的权限' }).selectOption('readOnly');
  await shoot(page, 'settings-field-security-zh');
  await page.getByRole('button', { name: '保存角色' }).click();
  await page.getByText('角色已保存').waitFor();
  const role = ((await j.t.api('GET', '/api/v1/admin/roles?limit=500')).body.data as Array<Record<string, any>>).find((r) => r.key === 'east_sales')!;
  assert.deepEqual(role.permissions.objects.accounts, ['read', 'create', 'edit']);
  assert.deepEqual(role.permissions.fields, { accounts: { city: 'readOnly' } });

  // A user in the new team with the new role; a bad e-mail first, shown on its field.
  await page.goto(`${j.baseUrl}/settings/users`);
  await page.getByRole('button', { name: '新建用户' }).click();
  dialog = page.getByRole('dialog', { name: '新建用户' });
  await dialog.getByRole('textbox', { name: '邮箱' }).fill('zhao.min');
  await dialog.getByRole('textbox', { name: '姓名' }).fill('赵敏');
  await choose(page, dialog, '角色', '华东销售');
  await choose(page, dialog, '团队', '华东大区 › 上海销售组');
  await dialog.getByRole('button', { name: '创建用户' }).click();
  await dialog.getByText('请输入邮箱地址，例如 name@example.com。').waitFor();
  assert.equal(await dialog.getByRole('textbox', { name: '邮箱' }).getAttribute('aria-invalid'), 'true');
  await shoot(page, 'settings-user-new-zh');
  await dialog.getByRole('textbox', { name: '邮箱' }).fill('zhao.min@e2e.example.com');
  await dialog.getByRole('button', { name: '创建用户' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('rowheader', { name: '赵敏' }).waitFor();
  await shoot(page, 'settings-users-zh');
  const [user] = (await j.t.api('GET', '/api/v1/admin/users?q=zhao.min')).body.data;
  assert.equal(user.roleId, role.id);
  assert.deepEqual(user.teamIds, [shanghai!.id]);
  assert.equal(user.primaryTeamId, shanghai!.id);

  // As that user, the city of an account is read-only: the API says so and the form leaves it out.
  await setPassword(j.t.db, user.id, PASSWORD);
  const asUser = await signIn(j, user.email);
  const city = await asUser.evaluate(async () => {
    const { data } = await (await fetch('/api/v1/metadata/objects')).json();
    return data.find((o: { name: string }) => o.name === 'accounts').fields.find((f: { name: string }) => f.name === 'city');
  });
  assert.equal(city.isReadOnly, true);
  await asUser.goto(`${j.baseUrl}/accounts`);
  await asUser.getByRole('button', { name: '新建客户' }).click();
  const form = asUser.getByRole('dialog', { name: '新建客户' });
  await form.getByRole('textbox', { name: /^名称/ }).waitFor();
  assert.equal(await form.getByRole('textbox', { name: /^城市/ }).count(), 0);
  await asUser.context().close();

  // Disabled, after a confirmation: the user can no longer sign in.
  await page.getByRole('button', { name: '停用赵敏' }).click();
  dialog = page.getByRole('dialog', { name: '停用赵敏？' });
  await shoot(page, 'settings-user-disable-zh');
  await dialog.getByRole('button', { name: '停用' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('row', { name: /赵敏/ }).getByText('已停用').waitFor();
  assert.equal((await j.t.api('GET', `/api/v1/admin/users/${user.id}`)).body.isActive, false);
  const context = await j.browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
  const again = await context.newPage();
  await again.goto(j.baseUrl);
  await again.getByLabel('邮箱').fill(user.email);
  await again.locator('input[type="password"]').fill(PASSWORD);
  await again.getByRole('button', { name: '登录' }).click();
  await again.getByRole('alert').getByText('邮箱或密码不正确。').waitFor();
  await context.close();
  await page.context().close();
});

test('each screen in English and at phone width; the API refusals are shown in its words', async () => {
  const en = await signIn(j, admin.email, 1280, 'en');
  await en.goto(`${j.baseUrl}/settings/users`);
  await en.getByRole('rowheader', { name: '王芳' }).waitFor();
  await shoot(en, 'settings-users-en');
  await en.getByRole('button', { name: 'Edit 王芳' }).click();
  await en.getByRole('dialog', { name: 'Edit 王芳' }).waitFor();
  await shoot(en, 'settings-user-edit-en');
  // A sign-in link for someone who cannot set a password themselves, shown to pass on.
  await en.getByRole('dialog').getByRole('button', { name: 'Make a sign-in link' }).click();
  const link = await en.getByRole('dialog').getByRole('status').locator('pre, code').first().textContent();
  assert.match(link ?? '', /\/invite#token=/);
  await shoot(en, 'settings-user-invite-en');
  await en.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  // The last administrator cannot be disabled (nor disable themselves): the server's words show.
  await en.getByRole('button', { name: 'Disable 王芳' }).click();
  const refuse = en.getByRole('dialog', { name: 'Disable 王芳?' });
  await refuse.getByRole('button', { name: 'Disable' }).click();
  await refuse.getByRole('alert').waitFor();
  await refuse.getByRole('button', { name: 'Cancel' }).click();

  await en.goto(`${j.baseUrl}/settings/teams`);
  await en.getByRole('rowheader', { name: '上海销售组' }).waitFor();
  await shoot(en, 'settings-teams-en');
  await en.getByRole('button', { name: 'Delete 华东大区' }).click();
  const remove = en.getByRole('dialog', { name: 'Delete 华东大区?' });
  await remove.getByRole('button', { name: 'Delete' }).click();
  await remove.getByRole('alert').getByText('Move or delete the sub-teams first.').waitFor();
  await shoot(en, 'settings-team-delete-en');
  await remove.getByRole('button', { name: 'Cancel' }).click();
  // Moved to the top level, then deletable.
  await en.getByRole('button', { name: 'Rename or move 上海销售组' }).click();
  const move = en.getByRole('dialog', { name: 'Rename or move 上海销售组' });
  await move.getByRole('textbox', { name: 'Team', exact: true }).fill('上海一组');
  await shoot(en, 'settings-team-edit-en');
  await move.getByRole('button', { name: 'Save' }).click();
  await move.waitFor({ state: 'detached' });
  assert.equal((await teamByName('上海一组'))?.parentId, (await teamByName('华东大区'))?.id, 'renamed, same parent');

  await en.goto(`${j.baseUrl}/settings/roles`);
  await en.getByRole('button', { name: 'Edit Administrator' }).click();
  await en.getByText('The administrator role always has every permission').waitFor();
  assert.equal(await en.getByRole('checkbox', { name: 'Accounts: Delete', exact: true }).isDisabled(), true);
  await shoot(en, 'settings-roles-admin-en');
  await en.getByRole('button', { name: 'Edit East China sales' }).click();
  await en.getByRole('heading', { name: 'Role: East China sales' }).waitFor();
  await shoot(en, 'settings-roles-en');
  await en.getByRole('tab', { name: 'Field security' }).click();
  await shoot(en, 'settings-field-security-en');
  // A role someone holds cannot be deleted: the server says why.
  await en.getByRole('button', { name: 'Delete role' }).click();
  const removeRole = en.getByRole('dialog', { name: 'Delete East China sales?' });
  await removeRole.getByRole('button', { name: 'Delete' }).click();
  await removeRole.getByRole('alert').getByText(/still have this role/).waitFor();
  await en.context().close();

  const phone = await signIn(j, admin.email, 375);
  for (const section of ['users', 'teams', 'roles']) {
    await phone.goto(`${j.baseUrl}/settings/${section}`);
    await phone.getByRole('table').first().waitFor();
    await shoot(phone, `settings-${section}-phone-zh`);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${section}: the page itself does not scroll sideways (${overflow}px)`);
  }
  // On a phone the sections are one choice above the screen, not a long menu.
  await phone.getByRole('combobox', { name: '设置项' }).selectOption({ label: '团队' });
  await phone.waitForURL(/\/settings\/teams$/);
  await phone.getByRole('table').first().waitFor();
  await phone.context().close();
});
