// The catalogue quotes are priced from: price books per currency and customer group with validity
// dates, their entries (a product at a unit price), and the compatibility rules between products.
import type { ObjectDefinition } from '../../../records/index.ts';
import { options } from '../../../objects/options.ts';

/** A list of prices in one currency, for one customer group (or every group when empty), valid between two dates. */
export const priceBooks: ObjectDefinition = {
  name: 'priceBooks',
  isOutOfGlobalSearch: true,
  label: { en: 'Price book', 'zh-CN': '价格表' },
  labelPlural: { en: 'Price books', 'zh-CN': '价格表' },
  table: 'price_books',
  titleField: 'name',
  access: { default: 'publicRead' },
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, isRequired: true, isSearchable: true, isIndexed: true, maxLength: 200 },
    { name: 'currency', type: 'text', label: { en: 'Currency', 'zh-CN': '币种' }, isRequired: true, isIndexed: true, maxLength: 3 },
    { name: 'customerGroup', type: 'text', label: { en: 'Customer group', 'zh-CN': '客户群组' }, isIndexed: true, maxLength: 50 },
    { name: 'validFrom', type: 'date', label: { en: 'Valid from', 'zh-CN': '生效日期' }, isRequired: true, isIndexed: true },
    { name: 'validTo', type: 'date', label: { en: 'Valid to', 'zh-CN': '失效日期' }, isIndexed: true },
    { name: 'isActive', type: 'boolean', label: { en: 'Active', 'zh-CN': '启用' }, default: true },
    { name: 'description', type: 'longText', label: { en: 'Description', 'zh-CN': '描述' } },
  ],
};

/** One product's unit price in a price book (in the book's currency). */
export const priceBookEntries: ObjectDefinition = {
  name: 'priceBookEntries',
  label: { en: 'Price book entry', 'zh-CN': '价格条目' },
  labelPlural: { en: 'Price book entries', 'zh-CN': '价格条目' },
  table: 'price_book_entries',
  titleField: 'productId',
  access: { default: 'publicRead' }, // ignored: read through the price book
  fields: [
    { name: 'priceBookId', type: 'parent', target: 'priceBooks', label: { en: 'Price book', 'zh-CN': '价格表' }, isRequired: true },
    { name: 'productId', type: 'lookup', target: 'products', label: { en: 'Product', 'zh-CN': '产品' }, isRequired: true, isIndexed: true },
    { name: 'unitPrice', type: 'currency', label: { en: 'Unit price', 'zh-CN': '单价' }, isRequired: true },
  ],
};

export const ruleKinds = options(
  ['requires', 'Requires', '必须搭配'],
  ['excludes', 'Excludes', '不能同时选择'],
  ['bundle', 'Bundle (adds the others)', '套装（自动加入其余产品）'],
);

/**
 * A compatibility rule between products, checked whenever a quote's lines change: the product
 * `requires` the related ones, `excludes` them, or is a `bundle` that brings them along (added when missing).
 */
export const quoteRules: ObjectDefinition = {
  name: 'quoteRules',
  isOutOfGlobalSearch: true,
  isHiddenFromMenu: true,
  label: { en: 'Product rule', 'zh-CN': '产品组合规则' },
  labelPlural: { en: 'Product rules', 'zh-CN': '产品组合规则' },
  table: 'quote_rules',
  titleField: 'name',
  access: { default: 'publicRead' },
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, isRequired: true, isSearchable: true, maxLength: 200 },
    { name: 'kind', type: 'select', label: { en: 'Kind', 'zh-CN': '类型' }, isRequired: true, options: ruleKinds },
    { name: 'productId', type: 'lookup', target: 'products', label: { en: 'Product', 'zh-CN': '产品' }, isRequired: true, isIndexed: true },
    { name: 'relatedProductIds', type: 'multiLookup', target: 'products', label: { en: 'Related products', 'zh-CN': '相关产品' } },
    { name: 'isActive', type: 'boolean', label: { en: 'Active', 'zh-CN': '启用' }, default: true },
  ],
};
