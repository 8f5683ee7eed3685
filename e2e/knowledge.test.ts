// The knowledge base in a real browser: write an article with the rich-text editor in 简体中文, read
// it, change it, bring back the first revision, and find it by a word of its text; then in English
// and on a phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';

let j: Journey;

before(async () => {
  j = await startJourney();
}, { timeout: 120_000 });
after(() => j.close(), { timeout: 60_000 });

test('write an article with formatting, change it, bring back the first revision and find it by a word of its text', async () => {
  await j.t.create('knowledgeCategories', { name: '产品手册' });
  const author = await createPerson(j, '陈静', { roleKey: 'sales_rep' });
  const page = await signIn(j, author.email);
  await page.goto(`${j.baseUrl}/`);
  await page.getByRole('navigation', { name: '菜单' }).getByRole('link', { name: '知识库' }).click();
  await page.getByRole('heading', { name: '知识库', level: 1 }).waitFor();

  await page.getByRole('button', { name: '新建文章' }).click();
  const form = page.getByRole('dialog');
  await form.getByRole('textbox', { name: /^标题/ }).fill('安装调试指南');
  await form.getByRole('textbox', { name: '摘要' }).fill('设备到货后的安装步骤。');
  await form.getByRole('combobox', { name: '分类' }).fill('产品');
  await page.getByRole('option', { name: '产品手册' }).click();
  const editor = form.getByRole('textbox', { name: '正文' });
  await editor.click();
  await page.keyboard.type('先检查');
  await form.getByRole('button', { name: '加粗' }).click();
  await page.keyboard.type('电源电压');
  await form.getByRole('button', { name: '加粗' }).click();
  await page.keyboard.type('，再连接 calibration 模块。');
  await form.getByRole('combobox', { name: /^状态/ }).click();
  await page.getByRole('option', { name: '已发布' }).click();
  await shoot(page, 'knowledge-editor-zh');
  await form.getByRole('button', { name: '保存' }).click();

  const article = page.getByRole('article');
  await article.getByRole('heading', { name: '安装调试指南' }).waitFor();
  assert.equal(await article.locator('strong').textContent(), '电源电压', 'the bold words are kept');
  await shoot(page, 'knowledge-article-zh');

  await article.getByRole('button', { name: '编辑' }).click();
  const edit = page.getByRole('dialog');
  await edit.getByRole('textbox', { name: '正文' }).click();
  await page.keyboard.press('End');
  await page.keyboard.type('最后通电测试。');
  await edit.getByRole('button', { name: '保存' }).click();
  await edit.waitFor({ state: 'detached' });
  await article.getByText('最后通电测试。', { exact: false }).waitFor();

  await article.getByRole('button', { name: '修订版本（2）' }).click();
  const drawer = page.getByRole('dialog', { name: /修订版本/ });
  await drawer.getByRole('button', { name: /第1版/ }).click();
  await shoot(page, 'knowledge-revisions-zh');
  await drawer.getByRole('button', { name: '恢复第1版' }).click();
  await drawer.getByRole('button', { name: /第3版/ }).waitFor();
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('article')?.textContent?.includes('最后通电测试'));

  await page.getByRole('searchbox', { name: '查找文章' }).fill('calibration');
  await page.getByRole('list', { name: '文章' }).getByRole('button', { name: /安装调试指南/ }).waitFor();
  const saved = (await j.t.api('GET', `/api/v1/knowledgeArticles?filter=${encodeURIComponent("title eq '安装调试指南'")}`)).body.data[0];
  assert.equal(saved.revision, 3);
  assert.equal(saved.status, 'published');
  await page.context().close();
});

test('the knowledge base in English and at phone width', async () => {
  const reader = await createPerson(j, 'Emily Carter', { roleKey: 'service_agent', locale: 'en' });
  const page = await signIn(j, reader.email, 1280, 'en');
  await page.goto(`${j.baseUrl}/knowledge`);
  await page.getByRole('list', { name: 'Articles' }).getByRole('button', { name: /安装调试指南/ }).click();
  await page.getByRole('article').getByRole('heading', { name: '安装调试指南' }).waitFor();
  await shoot(page, 'knowledge-article-en');
  await page.context().close();

  const phone = await signIn(j, reader.email, 390, 'en');
  await phone.goto(`${j.baseUrl}/knowledge`);
  await phone.getByRole('heading', { name: 'Knowledge base', level: 1 }).waitFor();
  await phone.getByRole('list', { name: 'Articles' }).getByRole('button', { name: /安装调试指南/ }).waitFor();
  await shoot(phone, 'knowledge-phone-en');
  await phone.context().close();
});
