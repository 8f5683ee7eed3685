// Work reports in a real browser: a rep (简体中文) opens today's 日报, finds the call they logged in the
// pre-filled summary, answers the template's questions and submits; their manager (English) finds it
// unread in Team reports, opens it and comments; the rep sees the comment. On a phone too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';

let j: Journey;

before(async () => {
  j = await startJourney();
}, { timeout: 120_000 });
after(() => j.close(), { timeout: 60_000 });

test('a rep submits a 日报, the manager reads it from Team reports and comments, the rep sees it', async () => {
  const manager = await createPerson(j, 'Emily Carter', { roleKey: 'sales_manager', locale: 'en' });
  const rep = await createPerson(j, '王强', { roleKey: 'sales_rep' });
  await j.t.db.rows(sql`update users set manager_id = ${manager.id}::uuid where id = ${rep.id}::uuid`);
  // Logged just now, so it is in today's report whatever today is.
  await j.t.create('activities', { type: 'call', subject: '致电星空传媒确认需求', startAt: new Date().toISOString(), ownerId: rep.id });

  const page = await signIn(j, rep.email);
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '我的报告' }).click();
  await page.getByRole('heading', { name: '我的报告', level: 1 }).waitFor();
  await page.getByRole('region', { name: '电话' }).getByRole('link', { name: '致电星空传媒确认需求' }).waitFor();
  await page.getByRole('textbox', { name: '今日完成' }).fill('确认了星空传媒的采购需求');
  await page.getByRole('textbox', { name: '明日计划' }).fill('发送报价');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await page.getByText('草稿已保存。').waitFor();
  const [draft] = (await j.t.api('GET', `/api/v1/workReports?filter=${encodeURIComponent(`ownerId eq '${rep.id}'`)}`)).body.data;
  assert.deepEqual(draft.answers, { done: '确认了星空传媒的采购需求', plan: '发送报价' });
  await page.mouse.move(900, 700);
  await shoot(page, 'work-report-draft-zh');
  await page.getByRole('button', { name: '提交报告' }).click();
  await page.getByRole('link', { name: '查看已提交的报告' }).waitFor();
  const [report] = (await j.t.api('GET', `/api/v1/workReports?filter=${encodeURIComponent(`ownerId eq '${rep.id}'`)}`)).body.data;
  assert.equal(report.status, 'submitted');
  assert.deepEqual(report.recipientIds, [manager.id]);
  assert.equal(report.summary.calls.length, 1);

  // The manager, in English: the report is unread in Team reports.
  const boss = await signIn(j, manager.email, 1280, 'en');
  await boss.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Team reports' }).click();
  await boss.getByRole('heading', { name: 'Team reports', level: 1 }).waitFor();
  // The day of the report (the browser's own day may differ from the rep's in Shanghai).
  await boss.getByRole('textbox', { name: 'Day' }).fill(report.periodStart);
  await boss.getByText('1 unread', { exact: true }).waitFor();
  await boss.getByText('Unread', { exact: true }).waitFor();
  await boss.mouse.move(900, 700);
  await shoot(boss, 'work-reports-team-en');
  await boss.getByRole('link', { name: report.title }).click();
  await boss.getByRole('heading', { name: report.title, level: 1 }).waitFor();
  await boss.getByText('确认了星空传媒的采购需求').waitFor();
  await boss.getByRole('textbox', { name: 'Your comment' }).fill('Good. Copy me on the quote.');
  await boss.getByRole('button', { name: 'Post comment' }).click();
  await boss.getByRole('list', { name: 'Comments' }).getByText('Good. Copy me on the quote.').waitFor();
  await boss.getByText('Read by Emily Carter').waitFor();
  await shoot(boss, 'work-report-comment-en');
  await boss.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Team reports' }).click();
  await boss.getByRole('textbox', { name: 'Day' }).fill(report.periodStart);
  await boss.getByText('0 unread', { exact: true }).waitFor();
  // It is among the reports sent to her, read now.
  await boss.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'My reports' }).click();
  await boss.getByRole('list', { name: 'Sent to me' }).getByRole('link', { name: report.title }).waitFor();
  assert.equal(await boss.getByRole('list', { name: 'Sent to me' }).getByText('Unread').count(), 0);
  await boss.context().close();

  // The rep is told of the comment; the notice opens the report with it.
  await page.reload();
  await page.getByRole('button', { name: /^通知（\d+ 条未读）/ }).click();
  await page.getByText(`Emily Carter 评论了工作报告「${report.title}」`).click();
  await page.getByRole('list', { name: '评论' }).getByText('Good. Copy me on the quote.').waitFor();
  await page.getByText('已读：Emily Carter').waitFor();
  await page.mouse.move(900, 700);
  await shoot(page, 'work-report-read-zh');
  await page.context().close();

  // On a phone, the report and its summary still read well.
  const phone = await signIn(j, rep.email, 390);
  await phone.goto(`${j.baseUrl}/reports/${report.id}`);
  await phone.getByRole('list', { name: '评论' }).getByText('Good. Copy me on the quote.').waitFor();
  await shoot(phone, 'work-report-phone-zh');
  await phone.goto(`${j.baseUrl}/reports/mine`);
  await phone.getByRole('heading', { name: report.title }).waitFor();
  await shoot(phone, 'work-reports-mine-phone-zh');
  await phone.context().close();
});

test('an administrator adds a question to the daily template', async () => {
  const admin = await createPerson(j, '管理员张', { roleKey: 'administrator' });
  const page = await signIn(j, admin.email);
  await page.goto(`${j.baseUrl}/reports/mine`);
  await page.getByRole('link', { name: '报告模板' }).click();
  await page.getByRole('heading', { name: '报告模板', level: 1 }).waitFor();
  const daily = page.getByRole('region', { name: '日报 Daily report' });
  await daily.getByRole('button', { name: '添加填写项' }).click();
  await daily.getByRole('textbox', { name: '中文名称' }).last().fill('客户反馈');
  await daily.getByRole('textbox', { name: '英文名称' }).last().fill('Customer feedback');
  await daily.getByRole('button', { name: '保存' }).click();
  await daily.getByText('模板已保存。').waitFor();
  await page.mouse.move(900, 700);
  await shoot(page, 'work-report-templates-zh');
  const [template] = (await j.t.api('GET', `/api/v1/workReportTemplates?filter=${encodeURIComponent("kind eq 'daily'")}`)).body.data;
  assert.deepEqual(template.questions.at(-1), { key: 'q4', label: { en: 'Customer feedback', 'zh-CN': '客户反馈' } });
  await page.context().close();

  const phone = await signIn(j, admin.email, 390);
  await phone.goto(`${j.baseUrl}/reports/team`);
  await phone.getByRole('heading', { name: '团队报告', level: 1 }).waitFor();
  await phone.getByText('没有下属向您汇报。').waitFor();
  await shoot(phone, 'work-reports-team-phone-zh');
  await phone.context().close();
});
