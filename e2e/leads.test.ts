// Leads in a real browser: an administrator (in English) opens the web form, adds an assignment rule
// and copies the form snippet; a visitor fills that form on the company's own site (another origin,
// so CORS is real); the lead is routed to a rep, who (in 简体中文) converts it — and the account,
// contact and opportunity exist.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createPerson, eventually, type Journey, shoot, signIn, startJourney, startSite } from './support.ts';

let j: Journey;
let site: Awaited<ReturnType<typeof startSite>>;
let siteUrl = '';

before(async () => {
  j = await startJourney();
  // The company's web site: another origin serving the page with the form.
  site = await startSite();
  siteUrl = site.url;
}, { timeout: 120_000 });
after(async () => {
  site?.close();
  await j.close();
}, { timeout: 60_000 });

test('a web form lead is routed to a rep, who converts it into an account, a contact and an opportunity', async () => {
  const team = (await j.t.api('POST', '/api/v1/admin/teams', { name: 'South China 华南' })).body.id as string;
  const rep = await createPerson(j, '王强', { roleKey: 'sales_rep' });
  assert.equal((await j.t.api('PATCH', `/api/v1/admin/users/${rep.id}`, { teamIds: [team] })).status, 200);
  const admin = await createPerson(j, 'Emily Carter', { locale: 'en' });
  // Past leads the score learns from: referrals and web leads with an e-mail were converted more often.
  const past = Array.from({ length: 60 }, (_, i) => ({
    name: `Past lead ${i}`,
    source: ['referral', 'web', 'cold_call'][i % 3],
    email: i % 4 === 0 ? null : `past${i}@example.com`,
    status: i % 3 !== 2 && i % 4 !== 0 ? 'qualified' : 'unqualified',
  }));
  assert.equal((await j.t.api('POST', '/api/v1/leads/bulk', { action: 'create', records: past })).status, 200);
  await j.t.db.rows(sql`update leads set status = 'converted' where status = 'qualified' and name like 'Past lead %'`);
  assert.equal((await j.t.api('POST', '/api/v1/sales/lead-score/train')).body.judgedCount, 60);

  const page = await signIn(j, admin.email, 1280, 'en');
  await page.goto(`${j.baseUrl}/sales/leads`);
  await page.getByRole('heading', { name: 'Leads', level: 1 }).waitFor();
  await page.getByRole('switch', { name: 'Take submissions from the web form' }).check({ force: true });
  await page.getByRole('combobox', { name: 'Fields on the form' }).click({ force: true });
  await page.getByRole('option', { name: 'Province / state' }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('textbox', { name: 'Sites allowed to send the form' }).fill(siteUrl);
  await page.getByRole('textbox', { name: 'Least seconds to fill the form' }).fill('0');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await shoot(page, 'leads-web-form-en');
  const snippet = await page.getByLabel('Form to put on your site').last().textContent();
  assert.match(snippet ?? '', /name="province"/);

  await page.getByRole('tab', { name: 'Assignment rules' }).click();
  await page.getByRole('button', { name: 'Add a rule' }).click();
  await page.getByRole('combobox', { name: 'Provinces or regions' }).fill('广东');
  await page.keyboard.press('Enter');
  await page.getByRole('combobox', { name: 'Team' }).click();
  await page.getByRole('option', { name: 'South China 华南' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await shoot(page, 'leads-routing-en');
  const routing = (await j.t.api('GET', '/api/v1/sales/lead-routing')).body;
  assert.deepEqual(routing.rules.map((r: { provinces: string[]; method: string; teamId: string }) => [r.provinces, r.method, r.teamId]), [[['广东'], 'roundRobin', team]]);
  await page.context().close();

  // A visitor on the company's site, arriving from a campaign.
  site.setPage(`<!doctype html><html lang="zh-CN"><head><title>联系我们</title></head><body>${snippet}</body></html>`);
  const visitor = await j.browser.newPage();
  await visitor.goto(`${siteUrl}/contact?utm_source=wechat&utm_campaign=spring`);
  await visitor.locator('input[name="name"]').fill('陈静');
  await visitor.locator('input[name="company"]').fill('岭南物流有限公司');
  await visitor.locator('input[name="email"]').fill('chen.jing@lingnan.example');
  await visitor.locator('input[name="province"]').fill('广东省');
  await visitor.locator('button[type="submit"]').click();
  await visitor.getByText('Thank you!').waitFor();
  await visitor.close();

  const lead = await eventually(async () => (await j.t.api('GET', `/api/v1/leads?filter=${encodeURIComponent("name eq '陈静'")}`)).body.data[0], 'the web lead');
  assert.deepEqual([lead.ownerId, lead.source, lead.utmSource, lead.utmCampaign], [rep.id, 'web', 'wechat', 'spring'], 'routed to the rep, with its campaign');

  const repPage = await signIn(j, rep.email);
  await repPage.goto(`${j.baseUrl}/leads/${lead.id}`);
  await repPage.getByRole('heading', { name: '陈静' }).waitFor();
  const panel = repPage.getByRole('region', { name: '线索', exact: true });
  // Scored by the model learned from past leads, with the factors that weigh most.
  await panel.getByText(/^评分\d+/).waitFor();
  await panel.getByText('加分因素：有邮箱').waitFor();
  await panel.getByRole('button', { name: '转化' }).click();
  const dialog = repPage.getByRole('dialog', { name: '转化陈静' });
  await dialog.getByRole('textbox', { name: '商机名称' }).fill('岭南物流 仓储系统');
  await shoot(repPage, 'leads-convert-zh');
  await dialog.getByRole('button', { name: '转化' }).click();
  await panel.getByText('已转化').waitFor();
  await panel.getByRole('link', { name: '商机' }).waitFor();
  // The details and the timeline name the new opportunity by its title (the lead keeps its id as text).
  await repPage.getByRole('link', { name: '岭南物流 仓储系统' }).first().waitFor();
  await repPage.getByText(/转化的商机：.*岭南物流 仓储系统/).first().waitFor();
  await shoot(repPage, 'leads-converted-zh');

  const converted = (await j.t.api('GET', `/api/v1/leads/${lead.id}`)).body;
  assert.equal(converted.status, 'converted');
  const account = (await j.t.api('GET', `/api/v1/accounts/${converted.convertedAccountId}`)).body;
  const contact = (await j.t.api('GET', `/api/v1/contacts/${converted.convertedContactId}`)).body;
  const opportunity = (await j.t.api('GET', `/api/v1/opportunities/${converted.convertedOpportunityId}`)).body;
  assert.deepEqual([account.name, account.ownerId], ['岭南物流有限公司', rep.id]);
  assert.deepEqual([contact.name, contact.accountId], ['陈静', account.id]);
  assert.deepEqual([opportunity.name, opportunity.accountId, opportunity.contactId], ['岭南物流 仓储系统', account.id, contact.id]);

  await panel.getByRole('link', { name: '商机' }).click();
  await repPage.getByRole('heading', { name: '岭南物流 仓储系统' }).waitFor();
  await repPage.context().close();

  // On a phone, the rep reads how the score is learned and how good it is.
  const phone = await signIn(j, rep.email, 390);
  await phone.goto(`${j.baseUrl}/sales/leads`);
  await phone.getByText('模型质量（曲线下面积）').waitFor();
  await shoot(phone, 'leads-score-phone-zh');
  await phone.context().close();
});
