// Expenses through approval in a real browser: a rep (简体中文) requests an expense and submits it;
// her manager approves it in "Waiting for me" on a phone; finance (English) reimburses it and reads
// the expense report.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';

let j: Journey;

before(async () => {
  j = await startJourney();
}, { timeout: 120_000 });
after(() => j.close(), { timeout: 60_000 });

test('request an expense, the manager approves it, finance reimburses it', async () => {
  const manager = await createPerson(j, '张经理', { roleKey: 'sales_manager' });
  const rep = await createPerson(j, '王芳', { roleKey: 'sales_rep' });
  const finance = await createPerson(j, 'Grace Zhao', { roleKey: 'finance', locale: 'en' });
  await j.t.db.rows(sql`update users set manager_id = ${manager.id}::uuid where id = ${rep.id}::uuid`);

  // The rep requests an expense and submits it for approval.
  const page = await signIn(j, rep.email);
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '费用报销', exact: true }).click();
  await page.getByRole('button', { name: '新建费用报销' }).click();
  const form = page.getByRole('dialog', { name: '新建费用报销' });
  await form.getByRole('textbox', { name: /^事由/ }).fill('杭州客户拜访差旅');
  await form.getByRole('textbox', { name: /^日期/ }).fill('2030-03-02');
  await form.getByRole('textbox', { name: /^金额/ }).fill('3200');
  await form.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '杭州客户拜访差旅' }).waitFor();
  await page.getByText('未提交', { exact: true }).first().waitFor();
  await page.getByRole('textbox', { name: '审批意见' }).fill('请审批，发票已上传');
  await page.getByRole('button', { name: '提交审批' }).click();
  await page.getByText(/步骤「直属上级 Manager」：等待张经理审批/).waitFor();
  await page.getByText('审批：提交：请审批，发票已上传').waitFor();
  // While it waits, the page says it is locked and offers no edit or delete (the server would refuse them).
  await page.getByTestId('record-lock').getByText('审批中，记录已锁定').waitFor();
  assert.equal(await page.getByRole('button', { name: '编辑', exact: true }).count(), 0);
  assert.equal(await page.getByRole('button', { name: '删除', exact: true }).count(), 0);
  await shoot(page, 'expense-submitted-zh');
  const [expense] = (await j.t.api('GET', `/api/v1/expenses?filter=${encodeURIComponent("description eq '杭州客户拜访差旅'")}`)).body.data;
  assert.equal(expense.approvalStatus, 'pending');
  await page.context().close();

  // The manager approves it in "Waiting for me", on a phone.
  const phone = await signIn(j, manager.email, 390);
  await phone.goto(`${j.baseUrl}/approvals/waiting`);
  await phone.getByRole('heading', { name: '待我审批', level: 1 }).waitFor();
  const card = phone.getByRole('article', { name: '杭州客户拜访差旅' });
  await card.getByText('申请人：王芳').waitFor();
  await shoot(phone, 'approvals-waiting-phone-zh');
  await card.getByRole('textbox', { name: '审批意见' }).fill('同意');
  await card.getByRole('button', { name: '批准' }).click();
  await phone.getByText('没有等待您审批的申请。').waitFor();
  assert.equal((await j.t.api('GET', `/api/v1/expenses/${expense.id}`)).body.approvalStatus, 'approved');
  await phone.context().close();

  // Finance reimburses it, then reads the report.
  const desk = await signIn(j, finance.email, 1280, 'en');
  await desk.goto(`${j.baseUrl}/expenses/${expense.id}`);
  await desk.getByRole('heading', { name: '杭州客户拜访差旅' }).waitFor();
  await desk.getByRole('button', { name: 'Edit', exact: true }).waitFor(); // decided: no longer locked
  // The approval history shows who approved, with the comment.
  const history = desk.getByRole('list', { name: 'Approval history' });
  await history.getByText('张经理').waitFor();
  await history.getByText('同意').waitFor();
  await desk.getByRole('button', { name: 'Reimburse' }).click();
  await desk.getByText(/^Reimbursed on /).waitFor();
  await shoot(desk, 'expense-reimbursed-en');
  const paid = (await j.t.api('GET', `/api/v1/expenses/${expense.id}`)).body;
  assert.equal(paid.reimbursementStatus, 'reimbursed');
  assert.equal(paid.reimbursedById, finance.id);

  await desk.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Expense report' }).click();
  await desk.getByRole('heading', { name: 'Expense report', level: 1 }).waitFor();
  await desk.getByRole('cell', { name: '王芳' }).waitFor();
  await desk.mouse.move(900, 700);
  await shoot(desk, 'expense-report-en');
  await desk.context().close();

  // The administrator reads the processes in Settings: the default expense process and its two steps.
  const admin = await createPerson(j, '管理员');
  const settings = await signIn(j, admin.email);
  await settings.goto(`${j.baseUrl}/settings/approvals`);
  await settings.getByRole('heading', { name: '审批', level: 2 }).waitFor();
  await settings.getByRole('link', { name: '费用报销审批 Expense approval' }).waitFor();
  await settings.getByText(/上级的上级 Second-level manager — 申请人的上级（向上2级） · 需全部批准 · 仅当金额超过5000/).waitFor();
  await shoot(settings, 'approvals-settings-zh');
  await settings.context().close();
});
