// Tasks and mentions in a real browser: a rep creates a task with a checklist on an account (简体中文),
// finds it in My tasks, ticks its items and completes it; then writes a note mentioning a colleague,
// who signs in (English) and finds the notification, and her own tasks, in English.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';

let j: Journey;

before(async () => {
  j = await startJourney();
}, { timeout: 120_000 });
after(() => j.close(), { timeout: 60_000 });

test('a task with a checklist from an account to done; a note mentions a colleague, who is told', async () => {
  const rep = await createPerson(j, '王强', { roleKey: 'sales_rep' });
  const colleague = await createPerson(j, 'Li Na', { roleKey: 'sales_rep', locale: 'en' });
  const account = await j.t.create('accounts', { name: '星空传媒', ownerId: rep.id });
  // Li Na may read the account (shared with her), so a mention tells her.
  assert.equal((await j.t.api('POST', `/api/v1/accounts/${account.id}/shares`, { principalType: 'user', principalId: colleague.id, access: 'read' })).status, 201);

  const page = await signIn(j, rep.email);
  await page.goto(`${j.baseUrl}/accounts/${account.id}`);
  await page.getByRole('heading', { name: '星空传媒' }).waitFor();
  await page.getByText('创建任务', { exact: true }).click();
  await page.getByRole('textbox', { name: '任务', exact: true }).fill('发送报价和样品');
  await page.getByRole('textbox', { name: '截止日期' }).fill('2030-01-15');
  await page.getByRole('textbox', { name: /^检查清单/ }).fill('准备报价单\n寄送样品');
  await page.getByRole('combobox', { name: '优先级' }).click();
  await page.getByRole('option', { name: '高' }).click();
  await page.getByRole('button', { name: '创建任务' }).click();
  await page.getByText('任务：发送报价和样品').waitFor();
  await page.getByText('已完成0/2', { exact: true }).waitFor();
  await shoot(page, 'tasks-timeline-zh');

  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '我的任务' }).click();
  await page.getByRole('heading', { name: '我的任务', level: 1 }).waitFor();
  await page.getByRole('link', { name: '发送报价和样品' }).waitFor();
  await page.getByRole('link', { name: '星空传媒' }).waitFor();
  // The pointer leaves the menu: the shell's hovered active entry is below 4.5:1 (not this screen's).
  await page.mouse.move(900, 700);
  await shoot(page, 'tasks-mine-zh');

  await page.getByRole('link', { name: '发送报价和样品' }).click();
  await page.getByRole('heading', { name: '发送报价和样品' }).waitFor();
  await page.getByRole('checkbox', { name: '准备报价单' }).check();
  await page.getByText('已完成1/2', { exact: true }).waitFor();
  await page.getByRole('checkbox', { name: '寄送样品' }).check();
  await page.getByText('已完成2/2', { exact: true }).waitFor();
  await page.getByRole('button', { name: '完成任务' }).click();
  await page.getByText(/完成$/).and(page.locator('.mantine-Badge-label')).waitFor();
  await shoot(page, 'task-done-zh');
  const [task] = (await j.t.api('GET', `/api/v1/activities?filter=${encodeURIComponent("subject eq '发送报价和样品'")}`)).body.data;
  assert.equal(task.status, 'done');
  assert.equal(task.priority, 'high');
  assert.equal(task.dueDate, '2030-01-15');
  assert.deepEqual(task.checklist, [{ text: '准备报价单', isDone: true }, { text: '寄送样品', isDone: true }]);
  assert.equal(task.relatedId, account.id);

  // A note with an @mention, picked from the suggestions.
  await page.goto(`${j.baseUrl}/accounts/${account.id}`);
  await page.getByRole('heading', { name: '星空传媒' }).waitFor();
  await page.getByText('添加笔记', { exact: true }).click();
  const note = page.getByRole('textbox', { name: /^笔记/ });
  await note.fill('请 @Li');
  await page.getByRole('button', { name: '@Li Na' }).click();
  await note.press('End');
  await note.pressSequentially('看一下报价');
  await shoot(page, 'note-mention-zh');
  await page.getByRole('button', { name: '保存笔记' }).click();
  await page.getByText('提及：Li Na').waitFor();
  await page.getByText('笔记：请 @Li Na 看一下报价').waitFor();
  const [saved] = (await j.t.api('GET', `/api/v1/activities?filter=${encodeURIComponent("type eq 'note'")}`)).body.data;
  assert.deepEqual(saved.mentionIds, [colleague.id]);
  await page.context().close();

  // Li Na is told, in English, and finds the note on the account.
  await j.t.create('activities', { type: 'task', subject: 'Send the signed contract', status: 'open', priority: 'high', dueDate: '2020-03-02', ownerId: colleague.id, relatedObject: 'accounts', relatedId: account.id });
  await j.t.create('activities', { type: 'task', subject: 'Call back about the samples', status: 'open', priority: 'normal', ownerId: colleague.id, relatedObject: 'accounts', relatedId: account.id });
  const liPage = await signIn(j, colleague.email, 1280, 'en');
  await liPage.getByRole('button', { name: /^Notifications \(\d+ unread\)/ }).click();
  const notice = liPage.getByText('王强 mentioned you in a note on the account “星空传媒”');
  await notice.waitFor();
  // Checked once the menu has faded in: mid-transition its text is paler than it will be.
  await liPage.waitForFunction(() => [...document.querySelectorAll('[data-menu-dropdown]')].every((menu) => getComputedStyle(menu).opacity === '1'));
  await shoot(liPage, 'mention-notification-en');
  await notice.click();
  await liPage.getByRole('heading', { name: '星空传媒' }).waitFor();
  await liPage.getByText('Mentioned: Li Na').waitFor();
  await liPage.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'My tasks' }).click();
  await liPage.getByRole('link', { name: 'Call back about the samples' }).waitFor();
  await liPage.mouse.move(900, 700);
  await shoot(liPage, 'tasks-mine-en');
  // Overdue: her own task due long ago, and not Wang's finished one.
  await liPage.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Overdue tasks' }).click();
  await liPage.getByRole('link', { name: 'Send the signed contract' }).waitFor();
  assert.equal(await liPage.getByRole('link', { name: '发送报价和样品' }).count(), 0);
  await liPage.mouse.move(900, 700);
  await shoot(liPage, 'tasks-overdue-en');
  await liPage.context().close();

  // On a phone, the list still reads well.
  const phone = await signIn(j, colleague.email, 390, 'en');
  await phone.goto(`${j.baseUrl}/tasks/mine`);
  await phone.getByRole('link', { name: 'Call back about the samples' }).waitFor();
  await shoot(phone, 'tasks-mine-phone-en');
  await phone.context().close();
});
