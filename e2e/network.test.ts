// The relationship network in a real browser, in both languages: a sales director opens an account's
// network graph, expands a record, and finds who connects one of their own customers to a target company.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';

let j: Journey;
let records: { mine: string; bridge: string; broker: string; target: string };

before(async () => {
  j = await startJourney();
}, { timeout: 120_000 });
after(() => j.close(), { timeout: 60_000 });

async function seedNetwork(ownerId: string): Promise<void> {
  const types = (await j.t.api('GET', '/api/v1/relationshipTypes?limit=100')).body.data;
  const typeId = (key: string) => types.find((type: { key: string }) => type.key === key).id;
  const mine = await j.t.create('accounts', { name: '星辰制造 Star Mfg', city: '苏州', ownerId });
  const bridge = await j.t.create('accounts', { name: '华信物流 Huaxin Logistics', city: '上海' });
  const broker = await j.t.create('contacts', { name: '刘洋 Liu Yang', accountId: bridge.id });
  const target = await j.t.create('accounts', { name: '远洋集团 Ocean Group', city: '宁波' });
  const other = await j.t.create('accounts', { name: '东方电子 Dongfang Electronics', city: '深圳' });
  const relate = (from: [string, string], to: [string, string], key: string, strength: number) =>
    j.t.create('relationships', { fromObject: from[0], fromId: from[1], toObject: to[0], toId: to[1], typeId: typeId(key), strength, direction: 'directed' });
  await relate(['accounts', bridge.id], ['accounts', mine.id], 'customer', 4);
  await relate(['contacts', broker.id], ['accounts', bridge.id], 'peer', 5);
  await relate(['contacts', broker.id], ['accounts', target.id], 'formerColleague', 3);
  await relate(['accounts', other.id], ['accounts', bridge.id], 'supplier', 2);
  records = { mine: mine.id, bridge: bridge.id, broker: broker.id, target: target.id };
}

for (const locale of ['zh-CN', 'en'] as const) {
  const words =
    locale === 'en'
      ? { show: 'Show network', expand: 'Expand 刘洋 Liu Yang', tab: 'Who connects us', find: 'Find who connects us', steps: '3 steps' }
      : { show: '查看关系网络', expand: '展开刘洋 Liu Yang', tab: '谁能引荐', find: '查找引荐路径', steps: '3步' };
  const suffix = locale === 'en' ? 'en' : 'zh';

  test(`network in ${locale}: open an account's graph, expand a record, find the path from my customer to a target`, async () => {
    const director = await createPerson(j, locale === 'en' ? 'Wei Zhang' : '张伟', { roleKey: 'sales_director', locale });
    if (!records) await seedNetwork(director.id);
    else await j.t.api('PATCH', `/api/v1/accounts/${records.mine}`, { ownerId: director.id });
    const page = await signIn(j, director.email, 1280, locale);

    await page.goto(`${j.baseUrl}/accounts/${records.bridge}`);
    await page.getByRole('heading', { name: '华信物流 Huaxin Logistics' }).waitFor();
    await page.getByRole('button', { name: words.show }).click();
    const list = page.getByRole('table', { name: locale === 'en' ? 'Records in the graph' : '关系图中的记录' });
    await list.getByRole('link', { name: '刘洋 Liu Yang' }).waitFor();
    assert.equal(await list.getByRole('link', { name: '远洋集团 Ocean Group' }).count(), 0, 'the target is two steps away: not shown before expanding');
    await list.getByRole('button', { name: words.expand }).click();
    await list.getByRole('link', { name: '远洋集团 Ocean Group' }).waitFor();
    await page.locator('canvas').first().waitFor();
    await shoot(page, `network-graph-${suffix}`);

    await page.goto(`${j.baseUrl}/accounts/${records.target}`);
    await page.getByRole('heading', { name: '远洋集团 Ocean Group' }).waitFor();
    await page.getByRole('button', { name: words.show }).click();
    await page.getByRole('tab', { name: words.tab }).click();
    await page.getByRole('button', { name: words.find }).click();
    const path = page.getByRole('region', { name: locale === 'en' ? 'Path 1' : '路径1' }).or(page.getByLabel(locale === 'en' ? 'Path 1' : '路径1'));
    await path.getByText(words.steps).waitFor();
    const names = await path.getByRole('link').allTextContents();
    assert.deepEqual(names, ['星辰制造 Star Mfg', '华信物流 Huaxin Logistics', '刘洋 Liu Yang', '远洋集团 Ocean Group']);
    await path.scrollIntoViewIfNeeded();
    await shoot(page, `network-paths-${suffix}`);
    await page.context().close();
  });
}

test('the network panel fits a phone', async () => {
  const director = await createPerson(j, '陈静', { roleKey: 'sales_director' });
  await j.t.api('PATCH', `/api/v1/accounts/${records.mine}`, { ownerId: director.id });
  const page = await signIn(j, director.email, 390);
  await page.goto(`${j.baseUrl}/accounts/${records.mine}`);
  await page.getByRole('button', { name: '查看关系网络' }).click();
  await page.getByRole('table', { name: '关系图中的记录' }).getByRole('link', { name: '华信物流 Huaxin Logistics' }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no sideways scrolling on a phone (${overflow}px)`);
  await page.getByRole('tab', { name: '关系图' }).scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 200));
  await shoot(page, 'network-phone-zh');
  // The org chart of the logistics company: its contact, who reports to no one shown.
  await page.goto(`${j.baseUrl}/accounts/${records.bridge}`);
  await page.getByRole('button', { name: '查看关系网络' }).click();
  await page.getByRole('tab', { name: '组织架构' }).click();
  await page.getByRole('tabpanel', { name: '组织架构' }).getByRole('link', { name: '刘洋 Liu Yang' }).waitFor();
  await page.context().close();
});
