// Orders made from accepted quotes, with their lines copied from the quote's.
import type { ObjectDefinition } from '../../../records/index.ts';
import { options } from '../../../objects/options.ts';

export const orderStatuses = options(
  ['draft', 'Draft', '草稿'],
  ['confirmed', 'Confirmed', '已确认'],
  ['fulfilled', 'Fulfilled', '已履行'],
  ['cancelled', 'Cancelled', '已取消'],
);

const money = (name: string, en: string, zh: string) =>
  ({ name, type: 'currency', label: { en, 'zh-CN': zh }, isReadOnly: true }) as const;

/** A sales order: what the customer accepted, with the quote's totals. */
export const orders: ObjectDefinition = {
  name: 'orders',
  label: { en: 'Order', 'zh-CN': '订单' },
  labelPlural: { en: 'Orders', 'zh-CN': '订单' },
  table: 'orders',
  titleField: 'orderNumber',
  access: { default: 'private' },
  fields: [
    { name: 'orderNumber', type: 'autoNumber', format: 'SO-{YYYY}-{00000}', label: { en: 'Order number', 'zh-CN': '订单号' }, isSearchable: true },
    { name: 'status', type: 'select', label: { en: 'Status', 'zh-CN': '状态' }, isRequired: true, default: 'draft', options: orderStatuses, isIndexed: true },
    { name: 'accountId', type: 'lookup', target: 'accounts', label: { en: 'Account', 'zh-CN': '客户' }, isRequired: true, isIndexed: true, isReadOnly: true },
    { name: 'opportunityId', type: 'lookup', target: 'opportunities', label: { en: 'Opportunity', 'zh-CN': '商机' }, isReadOnly: true },
    { name: 'quoteId', type: 'lookup', target: 'quotes', label: { en: 'Quote', 'zh-CN': '报价单' }, isIndexed: true, isReadOnly: true, isUnique: true },
    { name: 'orderDate', type: 'date', label: { en: 'Order date', 'zh-CN': '下单日期' }, isReadOnly: true },
    { name: 'currency', type: 'text', label: { en: 'Currency', 'zh-CN': '币种' }, isReadOnly: true, maxLength: 3 },
    money('subtotal', 'Subtotal', '小计'),
    money('discountAmount', 'Total discount', '整单折扣金额'),
    money('taxAmount', 'Tax', '税额'),
    money('total', 'Total', '总计'),
  ],
};

/** One line of an order, copied from the quote line it came from. */
export const orderLines: ObjectDefinition = {
  name: 'orderLines',
  label: { en: 'Order line', 'zh-CN': '订单明细' },
  labelPlural: { en: 'Order lines', 'zh-CN': '订单明细' },
  table: 'order_lines',
  titleField: 'description',
  access: { default: 'private' }, // ignored: read through the order
  fields: [
    { name: 'orderId', type: 'parent', target: 'orders', label: { en: 'Order', 'zh-CN': '订单' }, isRequired: true, isReadOnly: true },
    { name: 'position', type: 'number', label: { en: 'Line', 'zh-CN': '行号' }, isReadOnly: true },
    { name: 'productId', type: 'lookup', target: 'products', label: { en: 'Product', 'zh-CN': '产品' }, isReadOnly: true },
    { name: 'description', type: 'text', label: { en: 'Description', 'zh-CN': '描述' }, isReadOnly: true, maxLength: 500 },
    { name: 'quantity', type: 'number', label: { en: 'Quantity', 'zh-CN': '数量' }, isReadOnly: true },
    { name: 'unitPrice', type: 'currency', label: { en: 'Unit price', 'zh-CN': '单价' }, isReadOnly: true },
    { name: 'discountPercent', type: 'percent', label: { en: 'Discount %', 'zh-CN': '折扣 %' }, isReadOnly: true },
    { name: 'taxRate', type: 'percent', label: { en: 'Tax rate %', 'zh-CN': '税率 %' }, isReadOnly: true },
    money('netAmount', 'Amount before tax', '未税金额'),
  ],
};
