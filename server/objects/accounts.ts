import type { ObjectDefinition } from '../records/index.ts';
import { industries, options } from './options.ts';

export const accounts: ObjectDefinition = {
  name: 'accounts',
  label: { en: 'Account', 'zh-CN': '客户' },
  labelPlural: { en: 'Accounts', 'zh-CN': '客户' },
  table: 'accounts',
  titleField: 'name',
  access: { default: 'private' },
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, isRequired: true, isSearchable: true, isIndexed: true },
    { name: 'externalId', type: 'text', label: { en: 'External ID', 'zh-CN': '外部编号' }, isExternalId: true, maxLength: 100 },
    { name: 'type', type: 'select', label: { en: 'Type', 'zh-CN': '类型' }, options: options(['prospect', 'Prospect', '潜在客户'], ['customer', 'Customer', '成交客户'], ['partner', 'Partner', '合作伙伴'], ['supplier', 'Supplier', '供应商'], ['competitor', 'Competitor', '竞争对手']), isIndexed: true },
    { name: 'industry', type: 'select', label: { en: 'Industry', 'zh-CN': '行业' }, options: industries, isIndexed: true },
    { name: 'rating', type: 'select', label: { en: 'Rating', 'zh-CN': '客户等级' }, options: options(['A', 'A — key', 'A 重点'], ['B', 'B — regular', 'B 普通'], ['C', 'C — minor', 'C 一般']) },
    { name: 'phone', type: 'phone', label: { en: 'Phone', 'zh-CN': '电话' }, isSearchable: true },
    { name: 'email', type: 'email', label: { en: 'E-mail', 'zh-CN': '邮箱' }, isSearchable: true },
    { name: 'website', type: 'url', label: { en: 'Website', 'zh-CN': '网站' } },
    { name: 'city', type: 'text', label: { en: 'City', 'zh-CN': '城市' }, isIndexed: true, isSearchable: true, maxLength: 100 },
    { name: 'province', type: 'text', label: { en: 'Province / state', 'zh-CN': '省份' }, isIndexed: true, maxLength: 100 },
    { name: 'country', type: 'text', label: { en: 'Country', 'zh-CN': '国家' }, maxLength: 100 },
    { name: 'address', type: 'address', label: { en: 'Address', 'zh-CN': '地址' } },
    { name: 'employees', type: 'number', label: { en: 'Employees', 'zh-CN': '员工人数' } },
    { name: 'annualRevenue', type: 'currency', label: { en: 'Annual revenue', 'zh-CN': '年营业额' } },
    // Which price book applies to the account's quotes (a customer group of price books).
    { name: 'customerGroup', type: 'text', label: { en: 'Customer group', 'zh-CN': '客户群组' }, isIndexed: true, maxLength: 50 },
    { name: 'parentAccountId', type: 'lookup', target: 'accounts', label: { en: 'Parent account', 'zh-CN': '上级单位' } },
    { name: 'tags', type: 'tags', label: { en: 'Tags', 'zh-CN': '标签' } },
    { name: 'description', type: 'longText', label: { en: 'Description', 'zh-CN': '描述' } },
    // Kept by the sales module's customer pool: since when the owner holds it, when they claimed it
    // from the pool, since when it waits in the pool (no owner) and whose team's pool that is.
    { name: 'ownedSince', type: 'datetime', label: { en: 'Owned since', 'zh-CN': '负责起始时间' }, isReadOnly: true },
    { name: 'claimedAt', type: 'datetime', label: { en: 'Claimed from the pool', 'zh-CN': '公海领取时间' }, isReadOnly: true },
    { name: 'pooledAt', type: 'datetime', label: { en: 'In the pool since', 'zh-CN': '进入公海时间' }, isReadOnly: true, isIndexed: true },
    { name: 'poolTeamId', type: 'text', label: { en: 'Pool team', 'zh-CN': '所属公海团队' }, isReadOnly: true, isIndexed: true, maxLength: 36, refersTo: 'teams' },
  ],
};
