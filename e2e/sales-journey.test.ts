// The whole sale in a real browser: a visitor sends the web form from the company's site (another
// origin); the lead is routed to a rep, who (in 简体中文) converts it, quotes the new account, hits a
// compatibility error and fixes it, gives a discount above the threshold and submits the quote; her
// manager (in English) approves it in "Waiting for me"; the rep downloads the PDF and wins the deal;
// the manager's forecast counts it as closed and the gap to the quota shrinks by its amount.
// Setup that is not the point (people, routing, catalogue, quota, threshold) goes through the API.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
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

/** The real period the deal closes in: winning defaults to today, so quota and forecast use today's quarter. */
function thisQuarter() {
  const today = new Date().toISOString().slice(0, 10);
  const month = Number(today.slice(5, 7));
  const start = `${today.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
  return { today, start };
}

/** The form the company put on its site, posting to the web-to-lead endpoint like the copied snippet. */
function contactPage(endpoint: string): string {
  return `<!doctype html><html lang="zh-CN"><head><title>联系我们</title></head><body>
<form id="lead-form"><label>姓名 <input name="name" required></label><label>公司 <input name="company"></label>
<label>邮箱 <input name="email" type="email"></label><label>省份 <input name="province"></label><button type="submit">提交</button></form>
<script>
var shownAt = Date.now();
document.getElementById('lead-form').addEventListener('submit', function (event) {
  event.preventDefault();
  var body = { _fillMs: String(Date.now() - shownAt) };
  new FormData(event.target).forEach(function (value, key) { if (value !== '') body[key] = String(value); });
  fetch(${JSON.stringify(endpoint)}, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    .then(function (response) { event.target.textContent = response.ok ? '谢谢！' : 'failed ' + response.status; });
});
</script></body></html>`;
}

/** The manager's forecast for this quarter: the figures of the rep's row. */
async function forecastRow(page: Page, rep: string) {
  await page.goto(`${j.baseUrl}/sales/forecast`);
  await page.getByRole('heading', { name: 'Forecast', level: 1 }).waitFor();
  return page.getByRole('table', { name: 'Forecast by person' }).getByRole('row', { name: new RegExp(rep) });
}

test('web-to-lead → routed → converted → quoted, fixed and approved → PDF → won → in the forecast and the quota gap', async () => {
  const unique = Date.now().toString(36);
  const { today, start } = thisQuarter();
  // People: a rep in the South China team, reporting to an English-speaking manager.
  const team = (await j.t.api('POST', '/api/v1/admin/teams', { name: `华南 ${unique}` })).body.id as string;
  const manager = await createPerson(j, 'Grace Lee', { roleKey: 'sales_manager', locale: 'en' });
  const rep = await createPerson(j, '王芳', { roleKey: 'sales_rep' });
  const patched = await j.t.api('PATCH', `/api/v1/admin/users/${rep.id}`, { teamIds: [team], managerId: manager.id });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  // The web form, open to the company's site, and the rule that sends 广东 leads to the team.
  assert.equal((await j.t.api('PUT', '/api/v1/sales/lead-capture', { isEnabled: true, fields: ['name', 'company', 'email', 'province'], allowedOrigins: [siteUrl], minFillSeconds: 0, maxPerHour: 20 })).status, 200);
  const routing = await j.t.api('PUT', '/api/v1/sales/lead-routing', {
    defaultOwnerId: null,
    isRoutingManualLeads: true,
    rules: [{ id: crypto.randomUUID(), name: '华南', isActive: true, provinces: ['广东'], industries: [], method: 'roundRobin', teamId: team }],
  });
  assert.equal(routing.status, 200, JSON.stringify(routing.body));
  // The catalogue: installation requires the licence; discounts above 15 % need approval.
  const book = await j.t.create('priceBooks', { name: `标准价格表 ${unique}`, currency: 'CNY', validFrom: '2000-01-01', validTo: '2099-12-31' });
  const product = async (name: string, code: string, price: string, taxRate: number) => {
    const created = await j.t.create('products', { name, code, unit: '套', taxRate });
    await j.t.create('priceBookEntries', { priceBookId: book.id, productId: created.id, unitPrice: price });
    return created;
  };
  const licence = await product('仓储系统企业版', `WMS-${unique}`, '20000', 13);
  const install = await product('实施服务', `IMPL-${unique}`, '5000', 6);
  await j.t.create('quoteRules', { name: '实施需搭配企业版', kind: 'requires', productId: install.id, relatedProductIds: [licence.id] });
  assert.equal((await j.t.api('PUT', '/api/v1/sales/settings/quotes', { discountApprovalThreshold: 15, companyName: '关系科技', brandColor: '#1c7ed6' })).status, 200);
  // This quarter's quota for the rep; winning a deal asks for its amount and close date.
  await j.t.create('quotas', { name: `王芳 ${start}`, ownerId: rep.id, assigneeId: rep.id, periodType: 'quarter', periodStart: start, amount: '100000' });
  const stages = (await j.t.api('GET', `/api/v1/pipelineStages?filter=${encodeURIComponent("standardStage eq 'won'")}`)).body.data as Array<{ id: string }>;
  for (const stage of stages) assert.equal((await j.t.api('PATCH', `/api/v1/pipelineStages/${stage.id}`, { requiredFields: ['amount', 'closeDate'] })).status, 200);

  // Before the deal, the manager's forecast shows the whole quota as the gap.
  const desk = await signIn(j, manager.email, 1280, 'en');
  const rowBefore = await forecastRow(desk, '王芳');
  await rowBefore.getByRole('cell', { name: /100,000/ }).first().waitFor();
  assert.equal(await rowBefore.getByRole('cell', { name: /100,000/ }).count(), 2, 'quota and gap are both the whole target');

  // A visitor on the company's site sends the form.
  const company = `岭南物流 ${unique}`;
  site.setPage(contactPage(`${j.baseUrl}/api/v1/web-to-lead`));
  const visitor = await j.browser.newPage();
  await visitor.goto(`${siteUrl}/contact`);
  await visitor.getByLabel('姓名').fill(`陈静 ${unique}`);
  await visitor.getByLabel('公司').fill(company);
  await visitor.getByLabel('邮箱').fill(`chen.${unique}@lingnan.example`);
  await visitor.getByLabel('省份').fill('广东省');
  await visitor.getByRole('button', { name: '提交' }).click();
  await visitor.getByText('谢谢！').waitFor();
  await visitor.close();
  const lead = await eventually(async () => (await j.t.api('GET', `/api/v1/leads?filter=${encodeURIComponent(`name eq '陈静 ${unique}'`)}`)).body.data[0], 'the web lead');
  assert.deepEqual([lead.ownerId, lead.source], [rep.id, 'web'], 'routed to the rep of the 广东 team');

  // The rep converts the lead.
  const page = await signIn(j, rep.email);
  await page.goto(`${j.baseUrl}/leads/${lead.id}`);
  const leadPanel = page.getByRole('region', { name: '线索', exact: true });
  await leadPanel.getByRole('button', { name: '转化' }).click();
  const convert = page.getByRole('dialog', { name: `转化陈静 ${unique}` });
  const dealName = `岭南物流仓储系统 ${unique}`;
  await convert.getByRole('textbox', { name: '商机名称' }).fill(dealName);
  await convert.getByRole('button', { name: '转化' }).click();
  await leadPanel.getByText('已转化').waitFor();
  const converted = (await j.t.api('GET', `/api/v1/leads/${lead.id}`)).body;
  assert.ok(converted.convertedOpportunityId, 'an opportunity was created');

  // …quotes the new account with the generic form…
  await page.goto(`${j.baseUrl}/quotes`);
  await page.getByRole('button', { name: '新建报价单' }).click();
  const form = page.getByRole('dialog', { name: '新建报价单' });
  const quoteName = `岭南物流报价 ${unique}`;
  await form.getByRole('textbox', { name: /^名称/ }).fill(quoteName);
  await form.getByLabel(/^客户/).fill(company);
  await page.getByRole('option', { name: company }).click();
  await form.getByLabel(/^商机/).fill(dealName);
  await page.getByRole('option', { name: dealName }).click();
  await form.getByRole('textbox', { name: /^报价日期/ }).fill(today);
  await shoot(page, 'sales-journey-new-quote-zh');
  await form.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: quoteName }).waitFor();

  // …hits the compatibility rule, fixes it, and gives a discount above the threshold.
  const lines = page.getByRole('table', { name: '报价明细' });
  await page.getByRole('button', { name: '添加明细' }).click();
  await page.getByRole('combobox', { name: '第 1 行的产品' }).click();
  await page.getByRole('option', { name: `实施服务 (IMPL-${unique})` }).click();
  await page.getByRole('button', { name: '保存明细' }).click();
  await lines.getByText('此产品需要同时报价 仓储系统企业版。').waitFor();
  await page.getByRole('alert').filter({ hasText: '不能这样组合' }).waitFor();
  await shoot(page, 'sales-journey-incompatible-zh');
  await page.getByRole('button', { name: '添加明细' }).click();
  await page.getByRole('combobox', { name: '第 2 行的产品' }).click();
  await page.getByRole('option', { name: `仓储系统企业版 (WMS-${unique})` }).click();
  await page.getByRole('textbox', { name: '第 2 行的数量' }).fill('2');
  await page.getByRole('textbox', { name: '第 2 行的折扣' }).fill('20');
  await page.getByRole('button', { name: '保存明细' }).click();
  // 5,000 × 1.06 + 2 × 20,000 × 0.8 × 1.13 = 5,300 + 36,160
  await page.getByTestId('quotes.totals.total').filter({ hasText: '41,460' }).waitFor();
  assert.equal(await lines.getByText('此产品需要同时报价').count(), 0, 'the error is gone');
  await page.getByText('折扣需要审批').waitFor();

  // …and submits it for approval.
  const approval = page.getByRole('textbox', { name: '审批意见' });
  await approval.fill('战略客户，申请 20% 折扣');
  await page.getByRole('button', { name: '提交审批' }).click();
  await page.getByText('步骤「直属上级 Manager」：等待Grace Lee审批').waitFor();
  await shoot(page, 'sales-journey-submitted-zh');
  const quote = (await j.t.api('GET', `/api/v1/quotes?filter=${encodeURIComponent(`name eq '${quoteName}'`)}`)).body.data[0];
  assert.deepEqual([quote.accountId, quote.opportunityId, quote.approvalStatus], [converted.convertedAccountId, converted.convertedOpportunityId, 'pending']);

  // The manager approves it from "Waiting for me".
  await desk.goto(`${j.baseUrl}/approvals/waiting`);
  const card = desk.getByRole('article', { name: quoteName });
  await card.getByText('Requested by 王芳').waitFor();
  await shoot(desk, 'sales-journey-waiting-en');
  await card.getByRole('textbox', { name: 'Comment' }).fill('Approved for this strategic account');
  await card.getByRole('button', { name: 'Approve' }).click();
  await desk.getByText('Nothing waits for your approval.').waitFor();

  // The rep sees it approved and downloads the PDF.
  await page.reload();
  await page.getByText('审批：已批准').waitFor();
  const history = page.getByRole('list', { name: '审批记录' });
  await history.getByText('Grace Lee').waitFor();
  await history.getByText('Approved for this strategic account').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载报价单' }).click()]);
  const pdf = readFileSync((await download.path())!);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.ok(pdf.length > 5_000, `a real document, not ${pdf.length} bytes`);
  assert.match(download.suggestedFilename(), /^Q-\d{4}-\d{5}-v1\.pdf$/);

  // She wins the deal: the won stage asks for its amount and close date.
  await page.goto(`${j.baseUrl}/opportunities/${converted.convertedOpportunityId}`);
  await page.getByRole('heading', { name: dealName }).waitFor();
  await page.getByRole('combobox', { name: '移至阶段' }).click();
  await page.getByRole('option', { name: '赢单' }).click();
  await page.getByRole('button', { name: '移动', exact: true }).click();
  await page.getByText('进入此阶段需要填写以下字段：').waitFor();
  await page.getByRole('textbox', { name: /^金额/ }).fill('41460');
  await page.getByRole('textbox', { name: /^预计成交日期/ }).fill(today);
  await shoot(page, 'sales-journey-win-zh');
  await page.getByRole('button', { name: '移动', exact: true }).click();
  await page.getByRole('table', { name: '阶段' }).getByRole('cell', { name: '赢单 · 当前' }).waitFor();
  const won = (await j.t.api('GET', `/api/v1/opportunities/${converted.convertedOpportunityId}`)).body;
  assert.deepEqual([won.stage, won.amount.amount, won.closeDate, won.ownerId], ['won', '41460.00', today, rep.id]);
  await page.context().close();

  // The manager's forecast: the deal is closed, and the gap is the quota less its amount.
  const rowAfter = await forecastRow(desk, '王芳');
  await rowAfter.getByRole('link', { name: /^Closed: .*41,460.*1 deal$/ }).first().waitFor();
  await rowAfter.getByRole('cell', { name: /58,540/ }).waitFor();
  await desk.getByTestId('forecast-gap').filter({ hasText: '58,540' }).waitFor();
  await shoot(desk, 'sales-journey-forecast-en');
  await desk.context().close();
});
