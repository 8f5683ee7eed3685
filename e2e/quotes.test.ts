// Quoting in a real browser: a rep builds a quote's lines with the product picker, hits a
// compatibility error on the offending line, fixes it, sees the server's totals, downloads the PDF
// and, once the customer accepted, creates the order and, once confirmed, its contract with a plan;
// then the editor in English and on a phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';

let j: Journey;
let quoteId = '';
let orderId = '';

before(async () => {
  j = await startJourney();
}, { timeout: 120_000 });
after(() => j.close(), { timeout: 60_000 });

async function catalogue() {
  const book = await j.t.create('priceBooks', { name: '标准价格表', currency: 'CNY', validFrom: '2026-01-01', validTo: '2030-12-31' });
  const product = async (name: string, code: string, price: string, taxRate: number) => {
    const created = await j.t.create('products', { name, code, unit: '套', taxRate });
    await j.t.create('priceBookEntries', { priceBookId: book.id, productId: created.id, unitPrice: price });
    return created;
  };
  const server = await product('旗舰服务器', 'HW-SRV-1', '33.33', 13);
  const install = await product('上门安装', 'SRV-INST', '500', 6);
  await j.t.create('quoteRules', { name: '安装需搭配服务器', kind: 'requires', productId: install.id, relatedProductIds: [server.id] });
}

test('build a quote, hit a compatibility error, fix it, download the PDF and create the order', async () => {
  await catalogue();
  const rep = await createPerson(j, '陈静', { roleKey: 'sales_rep' });
  const account = await j.t.create('accounts', { name: '上海星辰科技有限公司', ownerId: rep.id });
  const quote = await j.t.create('quotes', { name: '星辰科技服务器报价', accountId: account.id, currency: 'CNY', quoteDate: '2026-06-01', ownerId: rep.id });
  quoteId = quote.id;

  const page = await signIn(j, rep.email);
  await page.goto(`${j.baseUrl}/quotes/${quote.id}`);
  const lines = page.getByRole('table', { name: '报价明细' });
  await lines.waitFor();
  await page.getByRole('button', { name: '添加明细' }).click();
  await page.getByRole('combobox', { name: '第 1 行的产品' }).click();
  await page.getByRole('option', { name: '上门安装 (SRV-INST)' }).click();
  await page.getByRole('button', { name: '保存明细' }).click();
  await lines.getByText('此产品需要同时报价 旗舰服务器。').waitFor();
  await page.getByRole('alert').filter({ hasText: '不能这样组合' }).waitFor();
  await shoot(page, 'quote-editor-incompatible-zh');

  await page.getByRole('button', { name: '添加明细' }).click();
  await page.getByRole('combobox', { name: '第 2 行的产品' }).click();
  await page.getByRole('option', { name: '旗舰服务器 (HW-SRV-1)' }).click();
  await page.getByRole('textbox', { name: '第 2 行的数量' }).fill('3');
  await page.getByRole('textbox', { name: '第 2 行的折扣' }).fill('7.5');
  await page.getByRole('button', { name: '保存明细' }).click();
  // 500 × 1.06 + 3 × 33.33 × 0.925 × 1.13 = 530 + 104.51
  await page.getByTestId('quotes.totals.total').filter({ hasText: '634.51' }).waitFor();
  assert.equal(await lines.getByText('此产品需要同时报价').count(), 0, 'the error is gone');
  await shoot(page, 'quote-editor-zh');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载报价单' }).click()]);
  const pdf = readFileSync((await download.path())!);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.match(download.suggestedFilename(), /^Q-\d{4}-\d{5}-v1\.pdf$/);

  await j.t.api('PATCH', `/api/v1/quotes/${quote.id}`, { status: 'accepted' });
  await page.reload();
  await page.getByRole('button', { name: '生成订单' }).click();
  await page.waitForURL(/\/orders\//);
  const orderLines = page.getByRole('table', { name: '订单明细' });
  await orderLines.getByText('旗舰服务器').waitFor();
  assert.equal(await orderLines.getByRole('row').count(), 3, 'a header and the two lines');
  await shoot(page, 'quote-order-zh');

  // Once confirmed, the order becomes a contract with three monthly instalments: 634.51 = 211.50 + 211.50 + 211.51.
  orderId = new URL(page.url()).pathname.split('/').pop()!;
  assert.equal((await j.t.api('PATCH', `/api/v1/orders/${orderId}`, { status: 'confirmed' })).status, 200);
  await page.reload();
  await page.getByRole('button', { name: '生成合同' }).click();
  const dialog = page.getByRole('dialog', { name: '根据此订单生成合同' });
  await dialog.getByLabel('签订日期').fill('2026-06-20');
  await dialog.getByLabel('开始日期').fill('2026-07-01');
  await dialog.getByLabel('结束日期').fill('2027-06-30');
  await dialog.getByRole('textbox', { name: '按月分期数' }).fill('3');
  await shoot(page, 'order-contract-dialog-zh');
  await dialog.getByRole('button', { name: '生成合同' }).click();
  await page.waitForURL(/\/contracts\//);
  const plan = page.getByRole('table', { name: '回款计划' });
  await plan.getByTestId('instalment-3').filter({ hasText: '211.51' }).waitFor();
  for (const [number, due, amount] of [[1, '2026-07-01', '211.50'], [2, '2026-08-01', '211.50'], [3, '2026-09-01', '211.51']] as const) {
    const row = await plan.getByTestId(`instalment-${number}`).innerText();
    assert.ok(row.includes(due) && row.includes(amount), `instalment ${number}: ${row}`);
  }
  await page.getByText(/SO-\d{4}-\d{5}/).first().waitFor();
  const contract = (await j.t.api('GET', `/api/v1/contracts?filter=${encodeURIComponent(`orderId eq '${orderId}'`)}`)).body.data;
  assert.deepEqual(contract.map((c: { status: string; ownerId: string }) => [c.status, c.ownerId]), [['draft', rep.id]]);
  await shoot(page, 'order-contract-zh');
  await page.context().close();
});

test('the quote editor in English and at phone width', async () => {
  const reader = await createPerson(j, 'Emily Carter', { locale: 'en' });
  const page = await signIn(j, reader.email, 1280, 'en');
  await page.goto(`${j.baseUrl}/quotes/${quoteId}`);
  await page.getByRole('table', { name: 'Line items' }).getByText('旗舰服务器').waitFor();
  await page.getByText('Approval: Not submitted').waitFor();
  await page.getByRole('link', { name: /^Open order SO-/ }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Create order' }).count(), 0, 'a quote has one order');
  await shoot(page, 'quote-editor-en');
  await page.context().close();

  // The administrator's quote settings: the approval threshold and the PDF's brand.
  const admin = await signIn(j, reader.email, 1280, 'en');
  await admin.goto(`${j.baseUrl}/settings/quotes`);
  await admin.getByRole('textbox', { name: 'Discount that needs approval, above' }).fill('15');
  await admin.getByRole('button', { name: 'Save' }).click();
  await admin.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  assert.equal((await j.t.api('GET', '/api/v1/sales/settings/quotes')).body.discountApprovalThreshold, 15);
  await shoot(admin, 'quote-settings-en');

  // A product rule's other products are chosen on its page.
  const products = (await j.t.api('GET', `/api/v1/products?filter=${encodeURIComponent("code eq 'HW-SRV-1'")}`)).body.data;
  const rule = await j.t.create('quoteRules', { name: 'Server excludes nothing yet', kind: 'excludes', productId: products[0].id });
  const install = (await j.t.api('GET', `/api/v1/products?filter=${encodeURIComponent("code eq 'SRV-INST'")}`)).body.data[0];
  await admin.goto(`${j.baseUrl}/quoteRules/${rule.id}`);
  await admin.getByRole('combobox', { name: 'Products' }).click();
  await admin.getByRole('option', { name: '上门安装' }).click();
  await admin.keyboard.press('Escape');
  await admin.getByRole('button', { name: 'Save products' }).click();
  await admin.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  assert.deepEqual((await j.t.api('GET', `/api/v1/quoteRules/${rule.id}`)).body.relatedProductIds, [install.id]);
  await shoot(admin, 'quote-rule-en');
  await admin.context().close();

  const phone = await signIn(j, reader.email, 390, 'en');
  await phone.goto(`${j.baseUrl}/quotes/${quoteId}`);
  await phone.getByRole('table', { name: 'Line items' }).waitFor();
  await phone.getByRole('link', { name: 'Download PDF' }).scrollIntoViewIfNeeded();
  await shoot(phone, 'quote-editor-phone');
  await phone.goto(`${j.baseUrl}/orders/${orderId}`);
  await phone.getByRole('link', { name: /^Open contract HT-\d{4}-\d{4}$/ }).waitFor();
  assert.equal(await phone.getByRole('button', { name: 'Create contract' }).count(), 0, 'an order has one live contract');
  await shoot(phone, 'order-contract-phone');
  await phone.context().close();
});
