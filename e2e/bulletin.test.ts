// The bulletin board in a real browser: a manager publishes a pinned announcement to one team; a
// member sees it pinned and unread and opens it; the manager then finds the member under "read"; a
// member of another team (in English, on a phone) does not see it at all.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { teamMembers } from '../server/platform/db/schema.ts';
import { createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';

let j: Journey;

before(async () => {
  j = await startJourney();
}, { timeout: 120_000 });
after(() => j.close(), { timeout: 60_000 });

test('a pinned team announcement: published, read by its team, receipts seen by its author, invisible to other teams', async () => {
  const east = (await j.t.api('POST', '/api/v1/admin/teams', { name: '华东区' })).body.id as string;
  const west = (await j.t.api('POST', '/api/v1/admin/teams', { name: '华西区' })).body.id as string;
  const manager = await createPerson(j, '周经理', { roleKey: 'sales_manager' });
  const member = await createPerson(j, '陈静', { roleKey: 'sales_rep' });
  const outsider = await createPerson(j, 'Tom Baker', { roleKey: 'sales_rep', locale: 'en' });
  await j.t.db.orm.insert(teamMembers).values([
    { teamId: east, userId: manager.id, isPrimary: true },
    { teamId: east, userId: member.id, isPrimary: true },
    { teamId: west, userId: outsider.id, isPrimary: true },
  ]);
  await j.t.create('bulletinColumns', { name: '销售动态', nameEn: 'Sales updates' });

  // The manager writes and publishes it.
  const author = await signIn(j, manager.email);
  await author.goto(`${j.baseUrl}/`);
  await author.getByRole('navigation', { name: '菜单' }).getByRole('link', { name: '公告栏' }).click();
  await author.getByRole('heading', { name: '公告栏', level: 1 }).waitFor();
  await author.getByRole('button', { name: '发布公告' }).click();
  const form = author.getByRole('dialog');
  await form.getByRole('textbox', { name: /^标题/ }).fill('华东区月度例会通知');
  await form.getByRole('combobox', { name: '栏目' }).click();
  await author.getByRole('option', { name: '销售动态' }).click();
  const editor = form.getByRole('textbox', { name: '正文' });
  await editor.click();
  await author.keyboard.type('本周五下午三点在');
  await form.getByRole('button', { name: '加粗' }).click();
  await author.keyboard.type('第二会议室');
  await form.getByRole('button', { name: '加粗' }).click();
  await author.keyboard.type('召开例会。');
  await form.getByText('指定团队').click();
  await form.getByLabel(/^团队/).click();
  await author.getByRole('option', { name: '华东区' }).click();
  await author.keyboard.press('Escape');
  await form.getByRole('switch', { name: '置顶' }).click();
  await shoot(author, 'bulletin-editor-zh');
  await form.getByRole('button', { name: '发布' }).click();
  await form.waitFor({ state: 'detached' });
  const article = author.getByRole('article');
  await article.getByRole('heading', { name: '华东区月度例会通知' }).waitFor();
  assert.equal(await article.locator('strong').textContent(), '第二会议室');
  await article.getByText('发布团队：华东区').waitFor(); // the team by name, not its id
  const [saved] = (await j.t.api('GET', `/api/v1/announcements?filter=${encodeURIComponent("title eq '华东区月度例会通知'")}`)).body.data;
  assert.equal(saved.status, 'published');
  assert.equal(saved.isPinned, true);
  assert.deepEqual(saved.audienceTeamIds, [east]);

  // A member of the team sees it pinned and unread, with the count in the menu, and opens it.
  const reader = await signIn(j, member.email);
  await reader.goto(`${j.baseUrl}/`);
  const menuEntry = reader.getByRole('navigation', { name: '菜单' }).getByRole('link', { name: /公告栏/ });
  await menuEntry.getByText('1').waitFor();
  await menuEntry.click();
  const item = reader.getByRole('list', { name: '公告' }).locator('li', { hasText: '华东区月度例会通知' });
  await item.getByText('置顶').waitFor();
  await item.getByText('未读').waitFor();
  await shoot(reader, 'bulletin-board-zh');
  await item.getByRole('button').click();
  await reader.getByRole('article').getByRole('heading', { name: '华东区月度例会通知' }).waitFor();
  await item.getByText('未读').waitFor({ state: 'detached' });
  await shoot(reader, 'bulletin-reader-zh');
  await reader.context().close();

  // The manager sees the member under "read".
  await author.reload();
  await article.getByRole('button', { name: '阅读情况' }).click();
  const receipts = author.getByRole('dialog', { name: /阅读情况/ });
  await receipts.getByRole('list', { name: '已读' }).getByText('陈静').waitFor();
  await shoot(author, 'bulletin-receipts-zh');
  await author.context().close();

  // On a phone the member's board and reader stack.
  const memberPhone = await signIn(j, member.email, 390);
  await memberPhone.goto(`${j.baseUrl}/announcements/${saved.id}`);
  await memberPhone.getByRole('article').getByRole('heading', { name: '华东区月度例会通知' }).waitFor();
  await memberPhone.getByRole('list', { name: '公告' }).getByText('华东区月度例会通知').waitFor();
  await shoot(memberPhone, 'bulletin-phone-zh');
  await memberPhone.context().close();

  // A member of another team, in English on a phone, does not see it anywhere.
  const phone = await signIn(j, outsider.email, 390, 'en');
  await phone.goto(`${j.baseUrl}/bulletin`);
  await phone.getByRole('heading', { name: 'Bulletin board', level: 1 }).waitFor();
  await phone.getByText('No announcements here.').waitFor();
  await phone.goto(`${j.baseUrl}/announcements/${saved.id}`);
  await phone.getByText('This announcement is gone or not for you.').waitFor();
  await shoot(phone, 'bulletin-phone-en');
  await phone.context().close();
});
