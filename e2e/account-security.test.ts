// Account security in a real browser: change the password and sign in with the new one; create an API
// key and use the secret the page shows; confirm who you are when a sign-in is older than ten
// minutes; and an invited user opens their link, chooses a password and lands signed in.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { PASSWORD, createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';

let j: Journey;

before(async () => {
  j = await startJourney();
}, { timeout: 120_000 });
after(() => j.close(), { timeout: 60_000 });

/** Signs in on a fresh page with the given password (the support helper knows only the default one). */
async function signInWith(email: string, password: string, locale: 'en' | 'zh-CN'): Promise<Page> {
  const context = await j.browser.newContext({ viewport: { width: 1280, height: 860 }, locale });
  const page = await context.newPage();
  await page.addInitScript((language) => localStorage.setItem('guanxi.language', language), locale);
  await page.goto(j.baseUrl);
  await page.getByLabel(locale === 'en' ? 'E-mail' : '邮箱').fill(email);
  await page.locator('input[type="password"]').fill(password);
  await page.getByRole('button', { name: locale === 'en' ? 'Sign in' : '登录' }).click();
  await page.getByRole('navigation', { name: locale === 'en' ? 'Main menu' : '主菜单' }).waitFor();
  return page;
}

test('change the password on the account page, then sign in with the new one', async () => {
  const person = await createPerson(j, 'Alex Morgan', { roleKey: 'sales_rep', locale: 'en' });
  const page = await signIn(j, person.email, 1280, 'en');
  await page.goto(`${j.baseUrl}/account`);
  await page.getByRole('heading', { name: 'Password' }).waitFor();
  await shoot(page, 'account-security-en');
  const newPassword = 'a brand new journey passphrase';
  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByLabel(/^New password\s*\*?$/).fill('password1');
  await page.getByLabel('New password again').fill('password1');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('is a commonly used password').waitFor(); // the server's field error, under the field
  await shoot(page, 'account-password-error-en');
  await page.getByLabel(/^New password\s*\*?$/).fill(newPassword);
  await page.getByLabel('New password again').fill(newPassword);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Your password is changed.').waitFor();
  await page.context().close();

  const again = await signInWith(person.email, newPassword, 'en');
  await again.context().close();
});

test('create an API key, use the secret shown once, and confirm who you are to revoke it later', async () => {
  const person = await createPerson(j, '王芳', { roleKey: 'sales_rep', locale: 'zh-CN' });
  const page = await signIn(j, person.email);
  await page.goto(`${j.baseUrl}/account`);
  await page.getByRole('heading', { name: '接口密钥' }).waitFor();
  await shoot(page, 'account-security-zh');
  await page.getByRole('textbox', { name: '名称' }).fill('报表脚本');
  await page.getByRole('button', { name: '创建密钥' }).click();
  const secret = (await page.locator('pre').filter({ hasText: /^gx_/ }).innerText()).trim();
  assert.match(secret, /^gx_[0-9a-f]{12}_[A-Za-z0-9_-]{32}$/);
  await page.getByRole('table', { name: '您的接口密钥' }).getByText('报表脚本').waitFor();
  await shoot(page, 'account-api-key-zh');
  const me = await fetch(`${j.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${secret}` } });
  assert.equal(me.status, 200);
  assert.equal(((await me.json()) as { user: { email: string } }).user.email, person.email);

  // Eleven minutes later, revoking asks for the password first, then goes through.
  await j.t.db.exec(`update sessions set created_at = now() - interval '11 minutes', reauthenticated_at = null where user_id = '${person.id}'`);
  await page.getByRole('button', { name: '吊销密钥 报表脚本' }).click();
  await page.getByRole('dialog', { name: '吊销' }).getByRole('button', { name: '吊销' }).click();
  const reauth = page.getByRole('dialog', { name: '确认是您本人' });
  await reauth.getByLabel('您的密码').fill('not the password');
  await reauth.getByRole('button', { name: '确认' }).click();
  await reauth.getByText('验证未通过，请重试。').waitFor();
  await shoot(page, 'account-reauth-zh');
  await reauth.getByLabel('您的密码').fill(PASSWORD);
  await reauth.getByRole('button', { name: '确认' }).click();
  await page.getByRole('table', { name: '您的接口密钥' }).getByText('已吊销').waitFor();
  assert.equal((await fetch(`${j.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${secret}` } })).status, 401);
  await page.context().close();
});

test('an invited user opens the link, chooses a password and lands signed in; a used link is refused', async () => {
  const roles = (await j.t.api('GET', '/api/v1/admin/roles')).body.data as Array<{ key: string; id: string }>;
  const roleId = roles.find((r) => r.key === 'sales_rep')!.id;
  const person = await j.t.api('POST', '/api/v1/admin/users', { email: 'invited@e2e.example.com', name: '赵敏', roleId, locale: 'zh-CN' });
  const invitation = await j.t.api('POST', `/api/v1/admin/users/${person.body.id}/invite`);
  assert.equal(invitation.status, 201, JSON.stringify(invitation.body));
  const token = new URLSearchParams(new URL(invitation.body.link).hash.slice(1)).get('token')!;

  const context = await j.browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.addInitScript(() => localStorage.setItem('guanxi.language', 'zh-CN'));
  await page.goto(`${j.baseUrl}/invite?token=${token}`);
  await page.getByRole('heading', { name: '设置您的密码' }).waitFor();
  assert.equal(new URL(page.url()).search, '', 'the token left the address bar');
  await shoot(page, 'invite-zh');
  await page.getByLabel(/^密码\s*\*?$/).fill('赵敏的新口令 2026');
  await page.getByLabel('再次输入密码').fill('赵敏的新口令 2026');
  await page.getByRole('button', { name: '保存并登录' }).click();
  await page.getByRole('navigation', { name: '主菜单' }).waitFor();
  await context.close();

  const english = await j.browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en' });
  const used = await english.newPage();
  await used.addInitScript(() => localStorage.setItem('guanxi.language', 'en'));
  await used.goto(invitation.body.link.replace(/^https?:\/\/[^/]+/, j.baseUrl));
  await used.getByLabel(/^Password\s*\*?$/).fill('yet another passphrase here');
  await used.getByLabel('Password again').fill('yet another passphrase here');
  await used.getByRole('button', { name: 'Save and sign in' }).click();
  await used.getByText('This link is not valid any more.').waitFor();
  await shoot(used, 'invite-used-en');
  await english.close();
});
