// Quotes and their line items. Every figure (line amounts, subtotal, tax, total) and the approval
// need are derived on the server by the quote hooks; users write products, quantities and discounts.
import type { ObjectDefinition } from '../../../records/index.ts';
import { options } from '../../../objects/options.ts';

export const quoteStatuses = options(
  ['draft', 'Draft', '草稿'],
  ['sent', 'Sent', '已发送'],
  ['accepted', 'Accepted', '已接受'],
  ['rejected', 'Rejected', '已拒绝'],
  ['expired', 'Expired', '已过期'],
);

/** The approval engine's field (see the approval contract): written by the system only. */
export const approvalStatuses = options(
  ['none', 'Not submitted', '未提交'],
  ['pending', 'Pending approval', '审批中'],
  ['approved', 'Approved', '已批准'],
  ['rejected', 'Rejected', '已驳回'],
);

const money = (name: string, en: string, zh: string) =>
  ({ name, type: 'currency', label: { en, 'zh-CN': zh }, isReadOnly: true }) as const;

/** A priced offer to an account, one version of it; a new version supersedes it and leaves it read-only. */
export const quotes: ObjectDefinition = {
  name: 'quotes',
  label: { en: 'Quote', 'zh-CN': '报价单' },
  labelPlural: { en: 'Quotes', 'zh-CN': '报价单' },
  table: 'quotes',
  titleField: 'name',
  access: { default: 'private' },
  fields: [
    { name: 'quoteNumber', type: 'autoNumber', format: 'Q-{YYYY}-{00000}', label: { en: 'Quote number', 'zh-CN': '报价单号' }, isSearchable: true },
    { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, isRequired: true, isSearchable: true, isIndexed: true, maxLength: 200 },
    { name: 'accountId', type: 'lookup', target: 'accounts', label: { en: 'Account', 'zh-CN': '客户' }, isRequired: true, isIndexed: true },
    { name: 'opportunityId', type: 'lookup', target: 'opportunities', label: { en: 'Opportunity', 'zh-CN': '商机' }, isIndexed: true },
    { name: 'contactId', type: 'lookup', target: 'contacts', label: { en: 'Contact', 'zh-CN': '联系人' } },
    { name: 'currency', type: 'text', label: { en: 'Currency', 'zh-CN': '币种' }, isRequired: true, default: 'CNY', maxLength: 3 },
    { name: 'priceBookId', type: 'lookup', target: 'priceBooks', label: { en: 'Price book', 'zh-CN': '价格表' } },
    { name: 'quoteDate', type: 'date', label: { en: 'Quote date', 'zh-CN': '报价日期' }, isRequired: true, isIndexed: true },
    { name: 'validUntil', type: 'date', label: { en: 'Valid until', 'zh-CN': '有效期至' } },
    { name: 'status', type: 'select', label: { en: 'Status', 'zh-CN': '状态' }, isRequired: true, default: 'draft', options: quoteStatuses, isIndexed: true },
    { name: 'discountPercent', type: 'percent', label: { en: 'Total discount %', 'zh-CN': '整单折扣 %' }, default: 0 },
    money('subtotal', 'Subtotal', '小计'),
    money('discountAmount', 'Total discount', '整单折扣金额'),
    money('taxAmount', 'Tax', '税额'),
    money('total', 'Total', '总计'),
    { name: 'largestDiscount', type: 'percent', label: { en: 'Largest discount %', 'zh-CN': '最大折扣 %' }, isReadOnly: true },
    { name: 'needsApproval', type: 'boolean', label: { en: 'Needs approval', 'zh-CN': '需要审批' }, isReadOnly: true, default: false },
    { name: 'approvalStatus', type: 'select', label: { en: 'Approval', 'zh-CN': '审批状态' }, isReadOnly: true, default: 'none', options: approvalStatuses, isIndexed: true },
    { name: 'versionNumber', type: 'number', label: { en: 'Version', 'zh-CN': '版本' }, isReadOnly: true, default: 1 },
    { name: 'previousVersionId', type: 'lookup', target: 'quotes', label: { en: 'Previous version', 'zh-CN': '上一版本' }, isReadOnly: true },
    { name: 'isSuperseded', type: 'boolean', label: { en: 'Superseded', 'zh-CN': '已被新版本取代' }, isReadOnly: true, default: false },
    { name: 'linesChangedAt', type: 'datetime', label: { en: 'Lines changed', 'zh-CN': '明细变更时间' }, isReadOnly: true },
    { name: 'notes', type: 'longText', label: { en: 'Terms and notes', 'zh-CN': '条款与备注' } },
  ],
};

/** One line of a quote: a product, a quantity and a price (from the price book unless typed), discount and tax. */
export const quoteLines: ObjectDefinition = {
  name: 'quoteLines',
  isOutOfGlobalSearch: true,
  label: { en: 'Quote line', 'zh-CN': '报价明细' },
  labelPlural: { en: 'Quote lines', 'zh-CN': '报价明细' },
  table: 'quote_lines',
  titleField: 'description',
  access: { default: 'private' }, // ignored: read and written through the quote
  fields: [
    { name: 'quoteId', type: 'parent', target: 'quotes', label: { en: 'Quote', 'zh-CN': '报价单' }, isRequired: true },
    { name: 'position', type: 'number', label: { en: 'Line', 'zh-CN': '行号' }, isRequired: true, default: 0 },
    { name: 'productId', type: 'lookup', target: 'products', label: { en: 'Product', 'zh-CN': '产品' }, isRequired: true, isIndexed: true },
    { name: 'description', type: 'text', label: { en: 'Description', 'zh-CN': '描述' }, isSearchable: true, maxLength: 500 },
    { name: 'quantity', type: 'number', label: { en: 'Quantity', 'zh-CN': '数量' }, isRequired: true, default: 1 },
    { name: 'listPrice', type: 'currency', label: { en: 'List price', 'zh-CN': '目录价' }, isReadOnly: true },
    { name: 'unitPrice', type: 'currency', label: { en: 'Unit price', 'zh-CN': '单价' } },
    { name: 'isPriceOverridden', type: 'boolean', label: { en: 'Price typed by hand', 'zh-CN': '手工定价' }, isReadOnly: true, default: false },
    { name: 'discountPercent', type: 'percent', label: { en: 'Discount %', 'zh-CN': '折扣 %' }, default: 0 },
    { name: 'taxRate', type: 'percent', label: { en: 'Tax rate %', 'zh-CN': '税率 %' }, isReadOnly: true },
    money('netAmount', 'Amount before tax', '未税金额'),
    { name: 'addedByRuleId', type: 'lookup', target: 'quoteRules', label: { en: 'Added by bundle', 'zh-CN': '由套装加入' }, isReadOnly: true },
  ],
};
