// The demo company's bulletin board: two columns and a few announcements in Chinese and English,
// one pinned for everyone and one for the East team only.
import { sql } from 'drizzle-orm';
import { createRecord, type Caller } from '../../records/index.ts';

/** Creates the demo columns and published announcements (in the caller's transaction). */
export async function seedBulletinDemo(c: Caller): Promise<void> {
  const company = (await createRecord(c, 'bulletinColumns', { name: '公司通知', nameEn: 'Company news', order: 0 })).id as string;
  const sales = (await createRecord(c, 'bulletinColumns', { name: '销售动态', nameEn: 'Sales updates', order: 1 })).id as string;
  const [east] = await c.db.rows<{ id: string }>(sql`select id from teams where name = '华东区 East' limit 1`);
  const everyone = { audience: 'everyone', status: 'published' };
  await createRecord(c, 'announcements', {
    ...everyone,
    columnId: company,
    title: '春节放假安排',
    isPinned: true,
    body: '<p>公司将于<strong>2月16日至2月22日</strong>放假，共7天。</p><ul><li>2月15日（周日）正常上班</li><li>假期内客户紧急问题请联系值班经理</li></ul>',
  });
  await createRecord(c, 'announcements', {
    ...everyone,
    columnId: company,
    title: 'New expense policy',
    body: '<p>From next month, expenses are submitted <em>within 30 days</em> through the finance portal.</p><p>Receipts over ¥500 need a manager’s approval.</p>',
  });
  await createRecord(c, 'announcements', {
    ...(east ? { audience: 'teams', audienceTeamIds: [east.id] } : { audience: 'everyone' }),
    status: 'published',
    columnId: sales,
    title: '华东区季度冲刺目标',
    body: '<h3>本季度目标</h3><p>华东区本季度签约目标为<strong>¥1,200万</strong>，请各位在周五前更新商机阶段。</p>',
  });
}
