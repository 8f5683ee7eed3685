// The customer pool and the win/loss analysis in a real browser: a rep sees their team's pool with
// their remaining quota, claims an account (it opens as theirs, with "return to pool"), and reads the
// win/loss figures by competitor; the same screens in English, and the pool on a phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { newId } from '../server/platform/ids.ts';
import { createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';

let j: Journey;
let zhRep: { id: string; email: string };
let enRep: { id: string; email: string };
const pooled: string[] = [];

type Deal = [name: string, amount: string, competitorId: string, outcome: 'won' | 'lost' | null, lossReason?: string];

before(async () => {
  j = await startJourney();
  zhRep = await createPerson(j, '王强', { roleKey: 'sales_rep' });
  enRep = await createPerson(j, 'Emma Stone', { roleKey: 'sales_rep', locale: 'en' });
  const colleague = await createPerson(j, '赵敏', { roleKey: 'sales_rep' });
  const team = newId();
  await j.t.db.rows(sql`insert into teams (id, name) values (${team}::uuid, '华东销售组')`);
  for (const person of [zhRep, enRep, colleague]) {
    await j.t.db.rows(sql`insert into team_members (team_id, user_id, is_primary) values (${team}::uuid, ${person.id}::uuid, true)`);
  }
  const saved = await j.t.api('PUT', '/api/v1/sales/settings/pool', { defaultIdleDays: null, defaultClaimLimit: 5, teams: [{ teamId: team, idleDays: 30, claimLimit: 3 }] });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  for (const [name, industry, city] of [['上海云帆科技', 'technology', '上海'], ['杭州西湖贸易', 'retail', '杭州'], ['Suzhou Precision Parts', 'manufacturing', '苏州']]) {
    const account = await j.t.create('accounts', { name, industry, city, ownerId: colleague.id });
    assert.equal((await j.t.api('POST', `/api/v1/pool/accounts/${account.id}/return`)).status, 200);
    pooled.push(account.id);
  }
  // Deals against two competitors, owned by the reps (each sees their own).
  const rival = await j.t.create('competitors', { name: '对手科技', website: 'https://rival.example.com', strengths: '价格低', weaknesses: '交付慢' });
  const other = await j.t.create('competitors', { name: 'Globex CRM', strengths: 'Brand', weaknesses: 'Price' });
  const deals: Deal[] = [
    ['云帆二期', '380000', rival.id, 'won'],
    ['西湖门店系统', '120000', rival.id, 'lost', '价格'],
    ['苏州产线项目', '560000', rival.id, null],
    ['Harbour upgrade', '90000', other.id, 'lost', '功能不足'],
  ];
  for (const owner of [zhRep, enRep]) {
    for (const [name, amount, competitorId, outcome, lossReason] of deals) {
      const deal = await j.t.create('opportunities', { name: `${name}${owner === enRep ? ' (EN)' : ''}`, amount: { amount, currency: 'CNY' }, ownerId: owner.id });
      await j.t.create('opportunityCompetitors', { opportunityId: deal.id, competitorId });
      if (outcome) assert.equal((await j.t.api('POST', `/api/v1/opportunities/${deal.id}/close`, { outcome, ...(lossReason ? { lossReason } : {}) })).status, 200);
    }
  }
}, { timeout: 180_000 });
after(() => j.close(), { timeout: 60_000 });

test('a rep claims an account from the team’s pool and reads the win/loss by competitor (简体中文)', async () => {
  const page = await signIn(j, zhRep.email);
  // The menu leads there; the screen is opened by its address so no hover state is in the screenshot.
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '客户公海' }).waitFor();
  await page.goto(`${j.baseUrl}/sales/pool`);
  await page.getByRole('heading', { name: '客户公海', level: 1 }).waitFor();
  await page.getByText('您还可领取3个（上限3个）').waitFor();
  await page.getByRole('cell', { name: '上海云帆科技', exact: true }).waitFor();
  await shoot(page, 'pool-zh');
  await page.getByRole('button', { name: '领取上海云帆科技' }).click();
  await page.getByRole('heading', { name: '上海云帆科技', level: 1 }).waitFor();
  await page.getByRole('button', { name: '退回公海' }).waitFor();
  // The timeline names the pool's team (the account keeps its id as text).
  await page.getByText(/所属公海团队：.*华东销售组/).first().waitFor();
  await shoot(page, 'pool-claimed-zh');
  const claimed = (await j.t.api('GET', `/api/v1/accounts/${pooled[0]}`)).body;
  assert.equal(claimed.ownerId, zhRep.id);
  assert.ok(claimed.claimedAt);

  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '竞争对手输赢分析' }).waitFor();
  await page.goto(`${j.baseUrl}/sales/win-loss`);
  const table = page.getByRole('table', { name: '竞争对手输赢分析' });
  await table.getByRole('row', { name: /对手科技\s*3\s*1\s*1\s*1\s*50%/ }).waitFor();
  await table.getByText('价格（1）').waitFor();
  await shoot(page, 'win-loss-zh');
  await page.context().close();
});

test('the pool fits a phone', async () => {
  const page = await signIn(j, zhRep.email, 390);
  await page.goto(`${j.baseUrl}/sales/pool`);
  await page.getByText('您还可领取2个（上限3个）').waitFor();
  await page.getByRole('cell', { name: '杭州西湖贸易', exact: true }).waitFor();
  await shoot(page, 'pool-phone-zh');
  await page.context().close();
});

test('the same screens in English, and the competitors on a deal', async () => {
  const page = await signIn(j, enRep.email, 1280, 'en');
  await page.goto(`${j.baseUrl}/sales/pool`);
  await page.getByRole('heading', { name: 'Customer pool', level: 1 }).waitFor();
  await page.getByText('You may claim 3 more (limit 3)').waitFor();
  await page.getByRole('cell', { name: 'Suzhou Precision Parts', exact: true }).waitFor();
  await shoot(page, 'pool-en');
  await page.goto(`${j.baseUrl}/sales/win-loss`);
  const table = page.getByRole('table', { name: 'Win/loss by competitor' });
  await table.getByRole('row', { name: /Globex CRM\s*1\s*0\s*1\s*0\s*0%/ }).waitFor();
  await shoot(page, 'win-loss-en');
  const [deal] = (await j.t.api('GET', `/api/v1/opportunities?filter=${encodeURIComponent("name eq '西湖门店系统 (EN)'")}`)).body.data;
  await page.goto(`${j.baseUrl}/opportunities/${deal.id}`);
  const panel = page.getByRole('table', { name: 'Competitors' });
  await panel.getByRole('cell', { name: 'As the deal closes' }).waitFor();
  await panel.getByRole('link', { name: '对手科技' }).waitFor();
  await page.getByRole('button', { name: 'Add competitor' }).scrollIntoViewIfNeeded();
  await shoot(page, 'deal-competitors-en');
  await page.context().close();
});

test('an administrator sets the big-deal amount under Settings → Sales', async () => {
  const admin = await createPerson(j, '陈总');
  const page = await signIn(j, admin.email);
  await page.goto(`${j.baseUrl}/settings/sales`);
  await page.getByRole('heading', { name: '销售设置', level: 3 }).waitFor();
  // The team rule saved before the journey is shown with its team's name.
  await page.getByRole('table', { name: '各团队规则' }).getByRole('cell', { name: '华东销售组', exact: true }).waitFor();
  await page.getByRole('button', { name: '添加币种' }).click();
  await page.getByRole('textbox', { name: '金额' }).fill('1000000');
  await page.getByRole('button', { name: '保存大单金额' }).click();
  await page.getByText('已保存。').waitFor();
  await shoot(page, 'sales-settings-zh');
  assert.deepEqual((await j.t.api('GET', '/api/v1/sales/settings/big-deals')).body, { thresholds: [{ currency: 'CNY', amount: '1000000' }] });
  await page.context().close();
});
