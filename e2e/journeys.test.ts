// What a sales rep does all day, in a real browser: sign in, create an account in Chinese, find it with
// a Chinese search, log a call and see it on the timeline; two people editing one record; phone width.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TOTP } from 'otpauth';
import { issuePasswordReset } from '../server/platform/auth/password-reset.ts';
import { createMailer } from '../server/platform/mail/mailer.ts';
import { startSmtpPeer } from '../server/platform/mail/test-smtp.ts';
import { PASSWORD, createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';

const totpNow = (secret: string) => new TOTP({ secret }).generate();

let j: Journey;
let admin: { id: string; email: string };

before(async () => {
  j = await startJourney();
  admin = await createPerson(j, '李娜');
}, { timeout: 120_000 });
after(() => j.close(), { timeout: 60_000 });

test('create an account in 简体中文, find it by a Chinese search, log a call and see it on the timeline', async () => {
  const page = await signIn(j, admin.email);
  await shoot(page, 'home-zh');
  await page.getByRole('link', { name: '客户' }).first().click();
  await page.getByRole('button', { name: '新建客户' }).click();
  const form = page.getByRole('dialog', { name: '新建客户' });
  await form.getByRole('textbox', { name: /^名称/ }).fill('上海星空贸易有限公司');
  await form.getByRole('textbox', { name: /^城市/ }).fill('上海');
  await shoot(page, 'form-zh');
  await form.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '上海星空贸易有限公司' }).waitFor();

  await page.getByLabel('内容是什么？').fill('电话沟通年度续约报价');
  await page.keyboard.press('Enter');
  await page.getByText('电话：电话沟通年度续约报价').waitFor();
  await shoot(page, 'record-zh');

  await page.keyboard.press('Control+K');
  await page.getByRole('textbox', { name: '搜索客户、联系人、商机……' }).fill('星空');
  const hit = page.getByRole('option', { name: '上海星空贸易有限公司' });
  await hit.waitFor();
  await shoot(page, 'search-zh');
  await hit.click();
  await page.getByRole('heading', { name: '上海星空贸易有限公司' }).waitFor();
  await page.context().close();
});

test('the second of two people editing one record sees what changed and chooses', async () => {
  const account = await j.t.create('accounts', { name: 'Conflict 冲突客户', city: '北京' });
  const first = await signIn(j, admin.email);
  const second = await signIn(j, admin.email);
  for (const page of [first, second]) {
    await page.goto(`${j.baseUrl}/accounts/${account.id}`);
    await page.getByRole('button', { name: '编辑' }).click();
  }
  await first.getByRole('dialog').getByRole('textbox', { name: /^城市/ }).fill('上海');
  await first.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await first.getByRole('dialog').waitFor({ state: 'detached' });
  // The live update refreshes the page behind the second one's dialog; the save must still conflict.
  await second.locator('main').getByText('上海', { exact: true }).waitFor();
  await second.getByRole('dialog').getByRole('textbox', { name: /^城市/ }).fill('广州');
  await second.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  const dialog = second.getByRole('alertdialog', { name: '此记录已被他人修改' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /城市/);
  await shoot(second, 'conflict-zh');
  await second.getByRole('button', { name: '用我的修改覆盖' }).click();
  await second.getByRole('dialog').waitFor({ state: 'detached' });
  assert.equal((await j.t.api('GET', `/api/v1/accounts/${account.id}`)).body.city, '广州');
  await first.context().close();
  await second.context().close();
});

test('on a phone the list becomes cards and the record page stacks; English works too', async () => {
  await j.t.create('accounts', { name: 'Harbour Trading', city: 'Singapore' });
  const phone = await signIn(j, admin.email, 375, 'en');
  await phone.goto(`${j.baseUrl}/accounts`);
  await phone.getByText('Harbour Trading').waitFor();
  await shoot(phone, 'list-phone-en');
  // The card's title is a link: reached and opened by keyboard.
  await phone.getByRole('link', { name: 'Harbour Trading' }).focus();
  await phone.keyboard.press('Enter');
  await phone.getByRole('heading', { name: 'Harbour Trading' }).waitFor();
  await shoot(phone, 'record-phone-en');
  const text = await phone.locator('body').innerText();
  assert.match(text, /Edit/);
  assert.doesNotMatch(text, /编辑|删除|时间线/);
  await phone.context().close();
  const desktop = await signIn(j, admin.email, 1280, 'en');
  await desktop.goto(`${j.baseUrl}/accounts`);
  await desktop.getByText('Harbour Trading').waitFor();
  await shoot(desktop, 'list-en');
  await desktop.context().close();
});

test('drag an opportunity to another stage on the board and see the change in its history', async () => {
  const deal = await j.t.create('opportunities', { name: '看板拖拽商机', stage: 'interest', amount: '88000' });
  const page = await signIn(j, admin.email);
  await page.goto(`${j.baseUrl}/opportunities/board`);
  const card = page.getByText('看板拖拽商机', { exact: true });
  await card.waitFor();
  const target = page.getByRole('region', { name: '商务谈判 (70%)' });
  const from = (await card.boundingBox())!;
  const to = (await target.boundingBox())!;
  // Held by the card's lower edge (its title is a link); dropped on the column's middle.
  const [x0, y0] = [from.x + 20, from.y + from.height + 14];
  const [x1, y1] = [to.x + to.width / 2, to.y + to.height / 2];
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let step = 1; step <= 12; step++) await page.mouse.move(x0 + ((x1 - x0) * step) / 12, y0 + ((y1 - y0) * step) / 12);
  await page.mouse.up();
  await shoot(page, 'board-zh');
  for (let i = 0; i < 50 && (await j.t.api('GET', `/api/v1/opportunities/${deal.id}`)).body.stage !== 'negotiation'; i++) await page.waitForTimeout(100);
  assert.equal((await j.t.api('GET', `/api/v1/opportunities/${deal.id}`)).body.stage, 'negotiation');
  await page.goto(`${j.baseUrl}/opportunities/${deal.id}`);
  await page.getByText('阶段：初步意向 (10%) → 商务谈判 (70%)').waitFor();
  await shoot(page, 'history-zh');
  const phone = await signIn(j, admin.email, 375);
  await phone.goto(`${j.baseUrl}/opportunities/board`);
  await phone.getByText('看板拖拽商机').waitFor();
  await shoot(phone, 'board-phone-zh');
  await page.context().close();
  await phone.context().close();
});

test("a rep does not see another team's private account anywhere: list, search, lookup, related lists", async () => {
  const secret = await j.t.create('accounts', { name: '机密客户集团' });
  await j.t.create('contacts', { name: '机密联系人', accountId: secret.id });
  const rep = await createPerson(j, '王强', { roleKey: 'sales_rep' });
  const own = await j.t.create('accounts', { name: '王强的客户', ownerId: rep.id });
  const page = await signIn(j, rep.email);
  await page.goto(`${j.baseUrl}/accounts`);
  await page.getByText('王强的客户').waitFor();
  assert.doesNotMatch(await page.locator('body').innerText(), /机密/);
  await page.keyboard.press('Control+K');
  await page.getByRole('textbox', { name: '搜索客户、联系人、商机……' }).fill('机密');
  await page.getByText('没有找到。').waitFor();
  await page.keyboard.press('Escape');
  // A contact's account lookup offers only what the rep may see.
  await page.goto(`${j.baseUrl}/contacts`);
  await page.getByRole('button', { name: '新建联系人' }).click();
  const lookup = page.getByRole('dialog').getByLabel('主要客户', { exact: true });
  await lookup.fill('机密');
  await page.waitForTimeout(600);
  assert.equal(await page.getByRole('option', { name: '机密客户集团' }).count(), 0);
  await lookup.fill('王强');
  await page.getByRole('option', { name: '王强的客户' }).waitFor();
  await shoot(page, 'rep-lookup-zh');
  // The record itself answers as if it did not exist.
  await page.goto(`${j.baseUrl}/accounts/${secret.id}`);
  await page.getByText('记录不存在，或您无权查看。').waitFor();
  await page.goto(`${j.baseUrl}/accounts/${own.id}`);
  await page.getByRole('heading', { name: '王强的客户' }).waitFor();
  assert.doesNotMatch(await page.locator('body').innerText(), /机密/);
  await page.context().close();
});

test('delete a record, find it in the recycle bin and restore it', async () => {
  const account = await j.t.create('accounts', { name: '回收站客户' });
  const page = await signIn(j, admin.email);
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${j.baseUrl}/accounts/${account.id}`);
  await page.getByRole('button', { name: '删除' }).click();
  await page.getByRole('heading', { name: '客户', exact: true }).waitFor();
  assert.equal((await j.t.api('GET', `/api/v1/accounts/${account.id}`)).status, 404);
  await page.getByRole('link', { name: '回收站' }).click();
  await page.getByText('回收站客户').waitFor();
  await shoot(page, 'trash-zh');
  await page.getByRole('button', { name: '恢复' }).first().click();
  await page.getByText('回收站是空的。').waitFor();
  assert.equal((await j.t.api('GET', `/api/v1/accounts/${account.id}`)).status, 200);
  await page.context().close();
});

test('set up two-step sign-in from the account page, then sign in with a recovery code', async () => {
  const person = await createPerson(j, '陈静', { roleKey: 'sales_rep' });
  const page = await signIn(j, person.email);
  await page.goto(`${j.baseUrl}/account`);
  await page.getByRole('button', { name: '开启两步验证' }).click();
  await page.getByRole('img', { name: '身份验证器的二维码' }).waitFor();
  const secret = (await page.locator('code').first().innerText()).trim();
  await page.getByLabel('验证码').fill(totpNow(secret));
  await page.getByRole('button', { name: '验证' }).click();
  await page.getByText('两步验证已开启。').waitFor();
  const recoveryCode = (await page.locator('pre').first().innerText()).split('\n')[0]!.trim();
  await shoot(page, 'account-mfa-zh');
  await page.context().close();

  // Signing in now asks for the code after the password.
  const context = await j.browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
  const again = await context.newPage();
  await again.goto(j.baseUrl);
  await again.getByLabel('邮箱').fill(person.email);
  await again.locator('input[type="password"]').fill(PASSWORD);
  await again.getByRole('button', { name: '登录' }).click();
  await again.getByLabel('验证码').waitFor();
  await shoot(again, 'signin-mfa-zh');
  // The enrolment's code cannot be replayed within its step: a recovery code works at once.
  await again.getByLabel('验证码').fill(recoveryCode);
  await again.getByRole('button', { name: '验证' }).click();
  await again.getByRole('navigation', { name: '主菜单' }).waitFor();
  await context.close();
});

test('the link in a password-reset mail opens a page that sets the new password', async () => {
  const person = await createPerson(j, '赵敏', { roleKey: 'sales_rep' });
  const smtp = await startSmtpPeer();
  try {
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'Guanxi <no-reply@example.com>' });
    await issuePasswordReset(j.t.db, mailer, { email: person.email, publicUrl: j.baseUrl, now: new Date() });
    const mail = await smtp.nextMailTo(person.email);
    const link = /(http:\/\/\S+\/reset-password#token=[\w-]+)/.exec(mail.text ?? '')![1]!;
    const context = await j.browser.newContext({ viewport: { width: 375, height: 760 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: '设置新密码' }).waitFor();
    const newPassword = 'a brand new passphrase 2026';
    await page.locator('input[type="password"]').nth(0).fill(newPassword);
    await page.locator('input[type="password"]').nth(1).fill(newPassword);
    await page.getByRole('button', { name: '保存新密码' }).click();
    await page.getByText('密码已修改，其他所有会话均已退出。').waitFor();
    await shoot(page, 'reset-password-zh');
    await context.close();
    const login = await j.t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: person.email, password: newPassword } });
    assert.equal(login.statusCode, 200);
  } finally {
    await smtp.close();
  }
});
