// A few knowledge-base articles for the demo company, in Chinese and English.
import { createRecord, type Caller } from '../../records/index.ts';

const articles: Array<{ category: string; title: string; summary: string; body: string; tags: string[] }> = [
  {
    category: '销售指南',
    title: '报价审批流程',
    summary: '折扣超过15%的报价需要直属上级审批。',
    body: '<h2>何时需要审批</h2><p>报价总折扣<strong>超过15%</strong>时，系统会提交给销售经理审批。</p><ol><li>在商机中创建报价</li><li>填写折扣与原因</li><li>提交审批并等待结果</li></ol>',
    tags: ['报价', '审批'],
  },
  {
    category: '销售指南',
    title: 'Running a product demo',
    summary: 'A checklist for on-site and online demos.',
    body: '<h2>Before the meeting</h2><ul><li>Confirm the attendees and their roles</li><li>Prepare a dataset in the customer’s industry</li></ul><h2>Afterwards</h2><p>Log the visit on the account and <em>send the follow-up within one day</em>.</p>',
    tags: ['demo'],
  },
  {
    category: '客户服务',
    title: '退换货政策',
    summary: '签收后30天内可退换，定制产品除外。',
    body: '<p>客户签收后<strong>30天内</strong>可申请退换货；定制产品和已激活的软件许可除外。</p><blockquote>退款在收到退货后7个工作日内完成。</blockquote>',
    tags: ['售后', '退货'],
  },
];

/** Creates the demo categories and published articles (in the caller's transaction). */
export async function seedKnowledgeDemo(c: Caller): Promise<void> {
  const categoryIds = new Map<string, string>();
  for (const [order, name] of ['销售指南', '客户服务'].entries()) {
    categoryIds.set(name, (await createRecord(c, 'knowledgeCategories', { name, order })).id as string);
  }
  for (const { category, ...article } of articles) {
    await createRecord(c, 'knowledgeArticles', { ...article, categoryId: categoryIds.get(category), status: 'published' });
  }
}
