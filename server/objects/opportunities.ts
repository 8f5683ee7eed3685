import type { ObjectDefinition } from '../records/types.ts';
import { leadSources, options } from './options.ts';

export const opportunities: ObjectDefinition = {
  name: 'opportunities',
  label: { en: 'Opportunity', 'zh-CN': '商机' },
  labelPlural: { en: 'Opportunities', 'zh-CN': '商机' },
  table: 'opportunities',
  titleField: 'name',
  access: { default: 'private' },
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, isRequired: true, isSearchable: true, isIndexed: true },
    { name: 'accountId', type: 'lookup', target: 'accounts', label: { en: 'Account', 'zh-CN': '客户' } },
    { name: 'contactId', type: 'lookup', target: 'contacts', label: { en: 'Main contact', 'zh-CN': '主要联系人' } },
    { name: 'externalId', type: 'text', label: { en: 'External ID', 'zh-CN': '外部编号' }, isExternalId: true, maxLength: 100 },
    { name: 'stage', type: 'select', label: { en: 'Stage', 'zh-CN': '阶段' }, isRequired: true, isIndexed: true, default: 'interest', options: options(['interest', 'Interest (10%)', '初步意向 (10%)'], ['preference', 'Strong preference (50%)', '明确偏好 (50%)'], ['negotiation', 'Negotiating terms (70%)', '商务谈判 (70%)'], ['won', 'Won', '赢单'], ['lost', 'Lost', '输单']) },
    { name: 'amount', type: 'currency', label: { en: 'Amount', 'zh-CN': '金额' }, isIndexed: true },
    { name: 'probability', type: 'percent', label: { en: 'Probability', 'zh-CN': '赢率' } },
    { name: 'closeDate', type: 'date', label: { en: 'Close date', 'zh-CN': '预计成交日期' }, isIndexed: true },
    { name: 'source', type: 'select', label: { en: 'Source', 'zh-CN': '来源' }, options: leadSources },
    { name: 'lossReason', type: 'text', label: { en: 'Loss reason', 'zh-CN': '输单原因' } },
    { name: 'description', type: 'longText', label: { en: 'Description', 'zh-CN': '描述' } },
  ],
};
