// The team calendar in a real browser: a rep plans a visit on an account (简体中文) with their manager in
// cc by default; the manager (English) is told, and sees it in his own calendar and in the team view;
// the rep marks it done with the outcome, which is then on the account's timeline. On a phone too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';

let j: Journey;

before(async () => {
  j = await startJourney();
}, { timeout: 120_000 });
after(() => j.close(), { timeout: 60_000 });

test('plan a visit with the manager in cc → he is told and sees it → done → on the account timeline', async () => {
  const manager = await createPerson(j, 'Daniel Zhao', { roleKey: 'sales_manager', locale: 'en' });
  const rep = await createPerson(j, '王强', { roleKey: 'sales_rep' });
  await j.t.db.rows(sql`update users set manager_id = ${manager.id}::uuid where id = ${rep.id}::uuid`);
  const account = await j.t.create('accounts', { name: '星空传媒', ownerId: rep.id });

  // The rep plans the visit from the account's page.
  const page = await signIn(j, rep.email);
  await page.goto(`${j.baseUrl}/accounts/${account.id}`);
  await page.getByRole('heading', { name: '星空传媒' }).waitFor();
  await page.getByRole('button', { name: '安排日程' }).click();
  const dialog = page.getByRole('dialog', { name: '新建日程' });
  await dialog.getByRole('textbox', { name: '主题' }).fill('拜访星空传媒：方案讲解');
  await dialog.getByLabel('开始').fill('2031-03-18T10:00');
  await dialog.getByLabel('结束').fill('2031-03-18T11:30');
  await dialog.getByRole('textbox', { name: '地点' }).fill('上海市静安区');
  await dialog.getByText('不填写时，将自动抄送给您的上级并通知他。').waitFor();
  await shoot(page, 'calendar-plan-visit-zh');
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText(/拜访 · 拜访星空传媒：方案讲解/).waitFor();
  const [visit] = (await j.t.api('GET', `/api/v1/calendarEvents?filter=${encodeURIComponent(`relatedId eq '${account.id}'`)}`)).body.data;
  assert.equal(visit.type, 'visit');
  assert.deepEqual(visit.ccUserIds, [manager.id]);
  await page.context().close();

  // The manager is told, and finds the visit in his calendar and in the team view.
  const boss = await signIn(j, manager.email, 1280, 'en');
  await boss.getByRole('button', { name: /^Notifications \(\d+ unread\)/ }).click();
  await boss.getByText('王强 copied you on the event “拜访星空传媒：方案讲解”').waitFor();
  await boss.waitForFunction(() => [...document.querySelectorAll('[data-menu-dropdown]')].every((menu) => getComputedStyle(menu).opacity === '1'));
  await shoot(boss, 'calendar-cc-notification-en');
  await boss.keyboard.press('Escape');
  await boss.goto(`${j.baseUrl}/calendar?date=2031-03-18`);
  await boss.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();
  await boss.getByRole('button', { name: /拜访星空传媒：方案讲解 \(Visit, Planned\)/ }).waitFor();
  await boss.getByText('My team', { exact: true }).click();
  await boss.getByRole('rowheader', { name: '王强' }).waitFor();
  await boss.getByRole('row', { name: /王强/ }).getByRole('button', { name: /拜访星空传媒：方案讲解/ }).waitFor();
  await boss.mouse.move(900, 700);
  await shoot(boss, 'calendar-team-view-en');
  await boss.context().close();

  // The rep marks it done with the outcome.
  const again = await signIn(j, rep.email);
  await again.goto(`${j.baseUrl}/calendar?date=2031-03-18`);
  await again.getByRole('button', { name: /拜访星空传媒：方案讲解（拜访，计划中）/ }).click();
  const drawer = again.getByRole('dialog', { name: '拜访星空传媒：方案讲解' });
  await drawer.getByText('抄送：Daniel Zhao').waitFor();
  await drawer.getByRole('button', { name: '标记完成' }).click();
  await drawer.getByRole('textbox', { name: /^结果/ }).fill('客户同意试用三个月，下周发送正式报价。');
  await shoot(again, 'calendar-mark-done-zh');
  await drawer.getByRole('button', { name: '保存为已完成' }).click();
  await drawer.waitFor({ state: 'hidden' });
  await again.getByRole('button', { name: /拜访星空传媒：方案讲解（拜访，已完成）/ }).waitFor();
  await again.goto(`${j.baseUrl}/accounts/${account.id}`);
  await again.getByRole('heading', { name: '星空传媒' }).waitFor();
  await again.getByText('拜访：拜访星空传媒：方案讲解').waitFor();
  await shoot(again, 'calendar-done-on-timeline-zh');
  const done = (await j.t.api('GET', `/api/v1/calendarEvents/${visit.id}`)).body;
  assert.equal(done.status, 'done');
  const logged = (await j.t.api('GET', `/api/v1/activities/${done.activityId}`)).body;
  assert.equal(logged.status, 'done');
  assert.equal(logged.relatedId, account.id);
  assert.match(logged.body, /客户同意试用三个月/);
  await again.context().close();

  // On a phone: the month and the week still read well.
  const phone = await signIn(j, rep.email, 390);
  await phone.goto(`${j.baseUrl}/calendar?date=2031-03-18&view=month`);
  await phone.getByRole('button', { name: /拜访星空传媒：方案讲解/ }).waitFor();
  await shoot(phone, 'calendar-month-phone-zh');
  await phone.goto(`${j.baseUrl}/calendar?date=2031-03-18`);
  await phone.getByRole('button', { name: /拜访星空传媒：方案讲解/ }).waitFor();
  await shoot(phone, 'calendar-week-phone-zh');
  await phone.context().close();
});
