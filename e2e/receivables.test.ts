// Receivables in a real browser: a rep opens a contract, records a partial payment against its first
// instalment, sees that instalment partly paid and the ageing report move; an overpayment is refused
// under the amount field; then the overdue list and the ageing report in English on a phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';

let j: Journey;
let contractId: string;
const DAY = 86_400_000;
const dayFromToday = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

before(async () => {
  j = await startJourney();
}, { timeout: 120_000 });
after(() => j.close(), { timeout: 60_000 });

test('record a partial payment and see the instalment partly paid and the ageing report update', async () => {
  const rep = await createPerson(j, '王强', { roleKey: 'sales_rep' });
  const account = await j.t.create('accounts', { name: '华东精密仪器有限公司', ownerId: rep.id });
  const contract = await j.t.create('contracts', { title: '仪器维保合同', accountId: account.id, ownerId: rep.id, status: 'active', value: { amount: '30000', currency: 'CNY' } });
  contractId = contract.id;
  // Far enough ahead that "today" in any time zone leaves them not yet due.
  await j.t.create('paymentPlans', { contractId, number: 1, dueDate: dayFromToday(5), amount: '10000' });
  await j.t.create('paymentPlans', { contractId, number: 2, dueDate: dayFromToday(60), amount: '20000' });
  const overdueContract = await j.t.create('contracts', { title: '软件许可合同', accountId: account.id, ownerId: rep.id, status: 'active', value: '5000' });
  await j.t.create('paymentPlans', { contractId: overdueContract.id, number: 1, dueDate: dayFromToday(-45), amount: '5000' });

  const page = await signIn(j, rep.email);
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '应收账龄' }).click();
  await page.getByRole('heading', { name: '应收账龄', level: 1 }).waitFor();
  await page.getByText(/CNY 未回款：¥35,000\.00/).waitFor();
  await shoot(page, 'receivables-ageing-zh');

  await page.goto(`${j.baseUrl}/contracts/${contractId}`);
  await page.getByRole('heading', { name: '回款计划' }).waitFor();
  await page.getByRole('button', { name: '登记回款' }).click();
  const dialog = page.getByRole('dialog', { name: '登记回款' });
  await dialog.getByRole('textbox', { name: /金额/ }).fill('12000');
  await dialog.getByRole('button', { name: '登记回款' }).click();
  await dialog.getByText('超出尚未回款的金额（10000.00）。').waitFor();
  await shoot(page, 'receivables-overpayment-zh');
  await dialog.getByRole('textbox', { name: /金额/ }).fill('4000');
  await dialog.getByRole('textbox', { name: '流水号' }).fill('ICBC-0001');
  await dialog.getByRole('button', { name: '登记回款' }).click();
  await dialog.waitFor({ state: 'detached' });
  const first = page.getByTestId('instalment-1');
  await first.getByText('部分回款').waitFor();
  await first.getByText('¥4,000.00').waitFor();
  await page.getByText(/ICBC-0001/).waitFor();
  await page.getByText(/已回款 ¥4,000\.00 · 未回款 ¥26,000\.00/).waitFor();
  await page.getByText('收到回款：¥4,000.00').waitFor();
  await shoot(page, 'receivables-contract-zh');

  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '应收账龄' }).click();
  await page.getByText(/CNY 未回款：¥31,000\.00/).waitFor();
  const row = page.getByRole('table', { name: '按客户的未回款金额' }).getByRole('row', { name: /华东精密仪器/ });
  assert.match((await row.textContent()) ?? '', /¥26,000\.00.*¥5,000\.00/);
  await page.context().close();
});

test('the overdue list and the ageing report in English on a phone', async () => {
  const manager = await createPerson(j, 'Emily Carter', { roleKey: 'administrator', locale: 'en' });
  const page = await signIn(j, manager.email, 390, 'en');
  await page.goto(`${j.baseUrl}/receivables/overdue`);
  await page.getByRole('heading', { name: 'Overdue payments', level: 1 }).waitFor();
  const table = page.getByRole('table', { name: 'Overdue payments' });
  await table.getByRole('row', { name: /软件许可合同/ }).getByText('45 days').waitFor();
  await shoot(page, 'receivables-overdue-en-phone');
  await page.goto(`${j.baseUrl}/receivables/ageing`);
  await page.getByText(/Outstanding in CNY: CN¥31,000\.00/).waitFor();
  await shoot(page, 'receivables-ageing-en-phone');
  await page.goto(`${j.baseUrl}/contracts/${contractId}`);
  await page.getByRole('heading', { name: 'Payment plan' }).waitFor();
  await page.getByTestId('instalment-1').getByText('Partly paid').waitFor();
  await shoot(page, 'receivables-contract-en-phone');
  await page.context().close();
});
