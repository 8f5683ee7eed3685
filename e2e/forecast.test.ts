// The forecast in a real browser: a sales manager sees the team's forecast rolled up (in 简体中文 and
// English, on a phone too) with the change since last week's snapshot, follows a figure to the deals behind it, and plans a quota with the worked
// example: ¥300,000 a quarter over 3 provinces → ¥33,333.33 a month each, 4 wins, 34 prospects.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { snapshotForecast } from '../server/domains/sales/forecast-snapshots.ts';
import { createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';

let j: Journey;
let manager: { id: string; email: string };
let managerEn: { id: string; email: string };
let director: { id: string; email: string };

/** A day in the current quarter, so the screen's default period holds the deals whatever today is. */
function dayInThisQuarter(offsetDays: number): string {
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (now.getUTCMonth() % 3), 1 + offsetDays));
  return start.toISOString().slice(0, 10);
}

before(async () => {
  j = await startJourney();
  manager = await createPerson(j, '张伟', { roleKey: 'sales_manager' });
  managerEn = await createPerson(j, 'Grace Lee', { roleKey: 'sales_manager', locale: 'en' });
  const rep = await createPerson(j, '王芳', { roleKey: 'sales_rep' });
  director = await createPerson(j, '李娜', { roleKey: 'sales_manager' });
  for (const [person, boss] of [[rep.id, manager.id], [manager.id, director.id], [managerEn.id, null]] as const) {
    const r = await j.t.api('PATCH', `/api/v1/admin/users/${person}`, { managerId: boss });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  await j.t.create('exchangeRates', { currency: 'USD', rate: 7.2, effectiveDate: '2000-01-01' });
  const deal = (name: string, ownerId: string, stage: string, amount: unknown, offset: number) => j.t.create('opportunities', { name, ownerId, stage, amount, closeDate: dayInThisQuarter(offset) });
  await deal('华南服务器扩容', rep.id, 'negotiation', '120000', 3);
  await deal('深圳门店系统', rep.id, 'preference', '80000', 10);
  await deal('Export order', rep.id, 'won', { amount: '10000', currency: 'USD' }, 5);
  // Last week's snapshot, then a deal more this week: the screen shows the change.
  await snapshotForecast(j.t.db, j.t.registry, new Date(Date.now() - 7 * 86_400_000));
  await deal('杭州数据中心', manager.id, 'interest', '200000', 20);
  await deal('Shanghai rollout', managerEn.id, 'negotiation', '50000', 8);
}, { timeout: 120_000 });
after(() => j.close(), { timeout: 60_000 });

test('a manager sees the team forecast and follows a figure to its deals', async () => {
  const page = await signIn(j, manager.email);
  await page.goto(`${j.baseUrl}/sales/forecast`);
  await page.getByRole('heading', { name: '销售预测', level: 1 }).waitFor();
  const table = page.getByRole('table', { name: '按人员的销售预测' });
  await table.getByRole('rowheader', { name: '王芳' }).waitFor();
  // 10,000 USD at 7.2 is closed; the rep's commit is the 120,000 negotiation.
  await table.getByRole('link', { name: '已成交: ¥72,000, 1个商机' }).first().waitFor();
  await page.getByRole('region', { name: '管道' }).getByText('+¥200,000').waitFor();
  await page.getByText(/变化与.+所在周的快照相比/).waitFor();
  await shoot(page, 'forecast-zh');
  await table.getByRole('row', { name: /王芳/ }).getByRole('link', { name: /^承诺/ }).click();
  await page.waitForURL(/\/opportunities\?filter=/);
  await page.getByText('华南服务器扩容').waitFor();
  assert.equal(await page.getByText('深圳门店系统').count(), 0, 'only the commit deals are listed');
  await page.context().close();

  const phone = await signIn(j, manager.email, 390);
  await phone.goto(`${j.baseUrl}/sales/forecast`);
  await phone.getByRole('rowheader', { name: '王芳' }).waitFor();
  await shoot(phone, 'forecast-phone-zh');
  await phone.context().close();

  // A director looks into one manager's team, and back.
  const top = await signIn(j, director.email);
  await top.goto(`${j.baseUrl}/sales/forecast`);
  await top.getByRole('button', { name: '张伟' }).click();
  await top.getByText('张伟及其团队的销售预测。').waitFor();
  await top.waitForURL(/ownerId=/);
  await top.getByRole('rowheader', { name: '王芳' }).waitFor();
  await top.getByRole('button', { name: '返回我的销售预测' }).click();
  await top.getByRole('button', { name: '张伟' }).waitFor();
  await top.context().close();

  const english = await signIn(j, managerEn.email, 1280, 'en');
  await english.goto(`${j.baseUrl}/sales/forecast`);
  await english.getByRole('heading', { name: 'Forecast', level: 1 }).waitFor();
  await english.getByRole('rowheader', { name: /Grace Lee/ }).waitFor();
  assert.equal(await english.getByText('王芳').count(), 0, 'another manager’s team is not in this forecast');
  await shoot(english, 'forecast-en');
  await english.context().close();
});

async function planWorkedExample(email: string, locale: 'zh-CN' | 'en') {
  const zh = locale === 'zh-CN';
  const page = await signIn(j, email, 1280, locale);
  await page.goto(`${j.baseUrl}/sales/quota-planner`);
  await page.getByRole('heading', { name: zh ? '配额规划' : 'Quota planner', level: 1 }).waitFor();
  await page.getByRole('textbox', { name: zh ? '目标金额' : 'Target amount' }).fill('300000');
  await page.getByRole('textbox', { name: zh ? '区域' : 'Regions' }).fill(zh ? '广东，浙江，江苏' : 'Guangdong, Zhejiang, Jiangsu');
  await page.getByRole('textbox', { name: zh ? '平均单笔金额' : 'Average deal size' }).fill('10000');
  await page.getByRole('textbox', { name: zh ? '赢单率' : 'Win rate' }).fill('10');
  const grid = page.getByRole('table', { name: zh ? '按区域和月份的规划' : 'Plan by region and month' });
  await grid.getByText(zh ? '赢单4个（3.33）' : '4 wins (3.33)').first().waitFor();
  await page.getByTestId('prospects-needed').getByText('306').waitFor();
  assert.equal(await grid.getByText(zh ? '潜在客户34个（33.33）' : '34 prospects (33.33)').count(), 9);
  assert.equal(await grid.getByText(/33,333\.33/).count(), 9);
  assert.equal(await page.getByTestId('wins-needed').textContent(), '36');
  await shoot(page, `quota-planner-${zh ? 'zh' : 'en'}`);
  return page;
}

test('the quota planner reproduces the worked example in both languages and saves the quota', async () => {
  const page = await planWorkedExample(manager.email, 'zh-CN');
  await page.getByRole('button', { name: '保存为配额' }).click();
  await page.getByText('配额已保存。').waitFor();
  const saved = (await j.t.api('GET', `/api/v1/quotas?filter=${encodeURIComponent(`assigneeId eq '${manager.id}'`)}`)).body.data;
  assert.equal(saved.length, 1);
  assert.deepEqual([saved[0].amount, saved[0].plan.regions], [{ amount: '300000.00', currency: 'CNY' }, ['广东', '浙江', '江苏']]);
  await page.context().close();
  await (await planWorkedExample(managerEn.email, 'en')).context().close();
});
