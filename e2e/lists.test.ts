// The list and record screens a demanding user expects, in a real browser: columns moved, resized and
// sorted by two keys, saved as a view for the team and opened by a teammate in English; cells edited
// in place (field errors, Esc, a conflict); bulk edit and delete; the field history tab.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createApiKey } from '../server/platform/auth/api-keys.ts';
import { setPassword } from '../server/platform/auth/passwords.ts';
import { PASSWORD, createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';

let j: Journey;
let admin: { id: string; email: string };
let team: string;

/** A user of a role in a team, who signs in with the journey password. */
async function teamMember(name: string, handle: string, roleKey: string) {
  const roles = (await j.t.api('GET', '/api/v1/admin/roles')).body.data as Array<{ id: string; key: string }>;
  const email = `${handle}@lists.example.com`;
  const user = await j.t.api('POST', '/api/v1/admin/users', { email, name, roleId: roles.find((r) => r.key === roleKey)!.id, teamIds: [team] });
  assert.equal(user.status, 201, JSON.stringify(user.body));
  await setPassword(j.t.db, user.body.id, PASSWORD);
  return { id: user.body.id as string, email };
}

// Header texts without their sort marks (↑, ↓2).
const headers = async (page: Page) => (await page.getByRole('columnheader').allInnerTexts()).map((text) => text.replace(/\s*[↑↓]\d*$/, '').trim());
const titles = (page: Page) => page.getByRole('grid').getByRole('row').locator('a').allInnerTexts();

before(async () => {
  j = await startJourney();
  admin = await createPerson(j, '李娜');
  team = (await j.t.api('POST', '/api/v1/admin/teams', { name: '华东销售部' })).body.id;
});
after(() => j.close());

test('move, resize and sort columns by two keys, save the layout as a team view, a teammate opens it in English', async () => {
  const zhou = await teamMember('周杰', 'zhou', 'sales_director');
  const anna = await teamMember('Anna Wu', 'anna', 'sales_director');
  for (const [name, rating] of [['乙方科技', 'A'], ['甲方集团', 'A'], ['丙方贸易', 'B']] as const) {
    await j.t.create('accounts', { name, rating, ownerId: zhou.id });
  }
  const page = await signIn(j, zhou.email);
  await page.goto(`${j.baseUrl}/accounts`);
  await page.getByRole('link', { name: '甲方集团' }).waitFor();
  assert.deepEqual((await headers(page)).slice(1, 4), ['名称', '类型', '行业']);

  // Rating descending (B before A), then Shift-click: name ascending within a rating.
  await page.getByRole('button', { name: /^客户等级/ }).click();
  await page.getByRole('columnheader', { name: /客户等级/ }).and(page.locator('[aria-sort="descending"]')).waitFor();
  await page.getByRole('button', { name: /^名称/ }).click({ modifiers: ['Shift'] });
  await page.getByRole('columnheader', { name: /名称/ }).and(page.locator('[aria-sort="ascending"]')).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[role="grid"] [role="row"] a').length === 3);
  const byName = await titles(page);
  assert.equal(byName[0], '丙方贸易');
  // Shift-click again flips the second key only: the two A accounts change places, B stays first.
  await page.getByRole('button', { name: /^名称/ }).click({ modifiers: ['Shift'] });
  await page.getByRole('columnheader', { name: /名称/ }).and(page.locator('[aria-sort="descending"]')).waitFor();
  await page.waitForFunction((first) => document.querySelectorAll('[role="grid"] [role="row"] a')[1]?.textContent !== first, byName[1]);
  assert.deepEqual(await titles(page), [byName[0], byName[2], byName[1]]);

  // Drag the e-mail column in front of the type column.
  const email = (await page.getByRole('button', { name: /^邮箱/ }).boundingBox())!;
  const type = (await page.getByRole('button', { name: /^类型/ }).boundingBox())!;
  await page.mouse.move(email.x + 20, email.y + email.height / 2);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++) await page.mouse.move(email.x + 20 + ((type.x + 10 - email.x - 20) * step) / 10, email.y + email.height / 2);
  await page.mouse.up();
  assert.deepEqual((await headers(page)).slice(1, 4), ['名称', '邮箱', '类型']);

  // Widen the name column by dragging its edge.
  const edge = page.getByRole('separator', { name: '调整列宽：名称' });
  const box = (await edge.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 60, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + 140, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const width = Number(await edge.getAttribute('aria-valuenow'));
  assert.ok(width >= 280, `widened to ${width}`);
  await shoot(page, 'lists-layout-zh');

  // Saved for the team.
  await page.getByRole('button', { name: '保存视图' }).click();
  const dialog = page.getByRole('dialog', { name: '保存视图' });
  await dialog.getByRole('textbox', { name: '视图名称' }).fill('华东重点客户');
  await dialog.getByRole('radio', { name: '我的团队' }).check();
  await dialog.getByRole('combobox', { name: '团队' }).click();
  await page.getByRole('option', { name: '华东销售部' }).click();
  await shoot(page, 'lists-save-view-zh');
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.waitFor({ state: 'detached' });
  const { token } = await createApiKey(j.t.db, zhou.id, 'journey check');
  const reply = await j.t.app.inject({ method: 'GET', url: '/api/v1/views?object=accounts', headers: { authorization: `Bearer ${token}` } });
  const views = JSON.parse(reply.body).data as Array<{ name: string; visibility: string; settings: Record<string, unknown> }>;
  const saved = views.find((v) => v.name === '华东重点客户');
  assert.ok(saved);
  assert.equal(saved.visibility, 'team');
  assert.equal(saved.settings.sort, '-rating,-name');
  assert.deepEqual((saved.settings.columns as string[]).slice(0, 3), ['name', 'email', 'type']);
  assert.ok(((saved.settings.columnWidths as Record<string, number>).name ?? 0) >= 280);

  // A change to the open view's layout is offered to be saved into it.
  await page.getByRole('button', { name: /^客户等级/ }).click();
  await page.getByRole('button', { name: '保存对视图的修改' }).click();
  await page.getByRole('button', { name: '保存对视图的修改' }).waitFor({ state: 'detached' });
  const changed = JSON.parse((await j.t.app.inject({ method: 'GET', url: '/api/v1/views?object=accounts', headers: { authorization: `Bearer ${token}` } })).body).data;
  assert.equal(changed.find((v: { name: string }) => v.name === '华东重点客户').settings.sort, '-rating');

  // A teammate working in English picks the view and gets the same layout.
  const other = await signIn(j, anna.email, 1280, 'en');
  await other.goto(`${j.baseUrl}/accounts`);
  await other.getByRole('link', { name: '甲方集团' }).waitFor();
  await other.getByRole('combobox', { name: 'Views' }).click();
  await other.getByRole('option', { name: '华东重点客户 · My team' }).click();
  await other.getByRole('columnheader', { name: /Rating/ }).and(other.locator('[aria-sort="descending"]')).waitFor();
  assert.deepEqual((await headers(other)).slice(1, 4), ['Name', 'E-mail', 'Type']);
  // The open view is in the address: a reload (or the link sent to someone) opens it again.
  assert.match(other.url(), /[?&]view=/);
  await other.reload();
  await other.getByRole('columnheader', { name: /Rating/ }).and(other.locator('[aria-sort="descending"]')).waitFor();
  assert.equal(await other.getByRole('combobox', { name: 'Views' }).inputValue(), '华东重点客户 · My team');
  // Not hers to change: a different sort is not offered to be saved into the view.
  await other.getByRole('button', { name: /^Name/ }).click();
  await other.getByRole('columnheader', { name: /Name/ }).and(other.locator('[aria-sort="descending"]')).waitFor();
  assert.equal(await other.getByRole('button', { name: 'Save changes to the view' }).count(), 0);
  assert.ok(Number(await other.getByRole('separator', { name: 'Resize column Name' }).getAttribute('aria-valuenow')) >= 280);
  await shoot(other, 'lists-team-view-en');
  await page.context().close();
  await other.context().close();
});

/** The cell of a record's field in the list, found by the row's title and the column's position. */
async function cellOf(page: Page, title: string, column: string) {
  const names = await headers(page);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: title, exact: true }) });
  return row.getByRole('gridcell').nth(names.indexOf(column));
}

test('edit a cell in place: the server’s field error inline, Esc cancels, Enter saves, a conflict offers overwrite', async () => {
  const account = await j.t.create('accounts', { name: '行内编辑客户', email: 'old@example.com' });
  const page = await signIn(j, admin.email);
  await page.goto(`${j.baseUrl}/accounts`);
  await page.getByRole('link', { name: '行内编辑客户' }).waitFor();

  const cell = await cellOf(page, '行内编辑客户', '邮箱');
  await cell.dblclick();
  const input = cell.getByRole('textbox', { name: '邮箱' });
  await input.fill('not an address');
  await input.press('Enter');
  await cell.getByText('请输入邮箱地址，例如 name@example.com。').waitFor();
  await shoot(page, 'lists-inline-error-zh');
  await input.press('Escape');
  await input.waitFor({ state: 'detached' });
  await cell.getByText('old@example.com').waitFor();

  await cell.focus();
  await cell.press('Enter');
  await input.fill('new@example.com');
  await input.press('Enter');
  await input.waitFor({ state: 'detached' });
  await cell.getByText('new@example.com').waitFor();
  assert.equal((await j.t.api('GET', `/api/v1/accounts/${account.id}`)).body.email, 'new@example.com');

  // Someone else saves while the cell is open: the save is refused and the user overwrites knowingly.
  await cell.dblclick();
  await j.t.api('PATCH', `/api/v1/accounts/${account.id}`, { city: '杭州' });
  await input.fill('mine@example.com');
  await input.press('Enter');
  await cell.getByRole('alert').getByText(/此记录已被他人修改.*对方修改了：城市/).waitFor();
  await shoot(page, 'lists-inline-conflict-zh');
  await cell.getByRole('button', { name: '用我的修改覆盖' }).click();
  await input.waitFor({ state: 'detached' });
  const stored = (await j.t.api('GET', `/api/v1/accounts/${account.id}`)).body;
  assert.equal(stored.email, 'mine@example.com');
  assert.equal(stored.city, '杭州');

  // By keyboard: the arrow keys walk to the name, where Enter opens the record.
  await cell.focus();
  for (let i = (await headers(page)).indexOf('邮箱'); i > (await headers(page)).indexOf('名称'); i--) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: '行内编辑客户' }).waitFor();
  await page.context().close();
});

test('select rows, change a field on all of them and delete some, with a summary of each', async () => {
  for (const name of ['批量一号', '批量二号', '批量三号']) await j.t.create('accounts', { name, rating: 'C' });
  const page = await signIn(j, admin.email);
  await page.goto(`${j.baseUrl}/accounts`);
  await page.getByRole('link', { name: '批量三号' }).waitFor();
  await page.getByRole('checkbox', { name: '选择批量一号' }).check();
  await page.getByRole('checkbox', { name: '选择批量二号' }).check();
  await page.getByRole('toolbar').getByText('已选 2 条').waitFor();
  await page.getByRole('button', { name: '批量修改' }).click();
  const dialog = page.getByRole('dialog', { name: '修改 2 条记录' });
  await dialog.getByLabel('要修改的字段', { exact: true }).click();
  await page.getByRole('option', { name: '客户等级' }).click();
  await dialog.getByLabel('客户等级', { exact: true }).click();
  await page.getByRole('option', { name: 'A 重点' }).click();
  await dialog.getByRole('button', { name: '全部应用' }).click();
  await page.getByRole('status').getByText('已修改 2 条记录。').waitFor();
  const rated = (await j.t.api('GET', `/api/v1/accounts?filter=${encodeURIComponent("name startsWith '批量'")}&sort=name`)).body.data as Array<{ name: string; rating: string }>;
  assert.deepEqual(Object.fromEntries(rated.map((r) => [r.name, r.rating])), { 批量一号: 'A', 批量二号: 'A', 批量三号: 'C' });

  await page.getByRole('checkbox', { name: '选择批量三号' }).check();
  await page.getByRole('button', { name: '批量删除' }).click();
  await page.getByRole('dialog', { name: '删除 1 条记录？' }).getByRole('button', { name: '批量删除' }).click();
  await page.getByRole('status').getByText('已将 1 条记录移入回收站。').waitFor();
  await page.getByRole('link', { name: '批量三号' }).waitFor({ state: 'detached' });
  await shoot(page, 'lists-bulk-zh');
  await page.context().close();
});

test('the field history tab shows each change, old value to new, page by page', async () => {
  const account = await j.t.create('accounts', { name: '历史客户', city: '苏州' });
  for (let i = 1; i <= 22; i++) await j.t.api('PATCH', `/api/v1/accounts/${account.id}`, { employees: i * 10 });
  await j.t.api('PATCH', `/api/v1/accounts/${account.id}`, { city: '无锡', rating: 'B' });
  const page = await signIn(j, admin.email);
  await page.goto(`${j.baseUrl}/accounts/${account.id}`);
  await page.getByRole('tab', { name: '字段历史' }).click();
  const latest = page.getByRole('table').first();
  await latest.getByRole('row', { name: /城市\s*苏州 → 无锡/ }).waitFor();
  await latest.getByRole('row', { name: /客户等级\s*（空） → B 普通/ }).waitFor();
  await shoot(page, 'lists-history-zh');
  // 24 changes: 20 on the first page, the creation on the second.
  assert.equal(await page.getByText('创建', { exact: true }).count(), 0);
  await page.getByRole('button', { name: '显示更早的修改' }).click();
  await page.getByText('创建', { exact: true }).waitFor();
  await page.getByRole('button', { name: '显示更早的修改' }).waitFor({ state: 'detached' });

  // The record is now among the recently viewed: on Home and in the empty search palette.
  await page.goto(j.baseUrl);
  await page.getByRole('navigation', { name: '最近查看' }).getByRole('link', { name: '历史客户' }).waitFor();
  await page.keyboard.press('Control+k');
  await page.getByRole('option', { name: '历史客户' }).waitFor();
  await page.context().close();
});

test('a form shows the server’s field errors before sending anything, and dates are picked from a calendar', async () => {
  const page = await signIn(j, admin.email, 1280, 'en');
  const posts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/v1/opportunities')) posts.push(request.url());
  });
  await page.goto(`${j.baseUrl}/opportunities`);
  await page.getByRole('button', { name: 'New Opportunity' }).click();
  const form = page.getByRole('dialog', { name: 'New Opportunity' });
  await form.getByRole('textbox', { name: /^Name/ }).fill('x'.repeat(300));
  await form.getByRole('textbox', { name: /^Probability/ }).fill('1700');
  await form.getByRole('button', { name: 'Save' }).click();
  await form.getByText('Enter at most 255 characters.').waitFor();
  await form.getByText('Enter 1000 or less.').waitFor();
  await shoot(page, 'lists-form-errors-en');
  assert.deepEqual(posts, [], 'nothing was sent');

  // Corrected as the user types; the close date typed into the calendar input.
  await form.getByRole('textbox', { name: /^Name/ }).fill('Calendar deal');
  await form.getByText('Enter at most 255 characters.').waitFor({ state: 'detached' });
  await form.getByRole('textbox', { name: /^Probability/ }).fill('40');
  const closeDate = form.getByRole('textbox', { name: 'Close date' });
  await closeDate.click();
  await page.getByRole('dialog').last().waitFor();
  await shoot(page, 'lists-date-picker-en');
  await closeDate.fill('2027-01-15');
  await form.getByRole('textbox', { name: /^Name/ }).click();
  await form.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: 'Calendar deal' }).waitFor();
  const [deal] = (await j.t.api('GET', `/api/v1/opportunities?filter=${encodeURIComponent("name eq 'Calendar deal'")}`)).body.data;
  assert.equal(deal.closeDate, '2027-01-15');
  assert.equal(deal.probability, 40);
  await page.context().close();
});
