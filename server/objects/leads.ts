import type { ObjectDefinition } from '../records/index.ts';
import { industries, leadSources, options } from './options.ts';

export const leads: ObjectDefinition = {
  name: 'leads',
  label: { en: 'Lead', 'zh-CN': '线索' },
  labelPlural: { en: 'Leads', 'zh-CN': '线索' },
  table: 'leads',
  titleField: 'name',
  access: { default: 'private' },
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '姓名' }, isRequired: true, isSearchable: true, isIndexed: true },
    { name: 'company', type: 'text', label: { en: 'Company', 'zh-CN': '公司' }, isSearchable: true },
    { name: 'externalId', type: 'text', label: { en: 'External ID', 'zh-CN': '外部编号' }, isExternalId: true, maxLength: 100 },
    { name: 'status', type: 'select', label: { en: 'Status', 'zh-CN': '状态' }, isIndexed: true, default: 'new', options: options(['new', 'New', '新线索'], ['working', 'Working', '跟进中'], ['qualified', 'Qualified', '已确认'], ['unqualified', 'Unqualified', '无效'], ['converted', 'Converted', '已转化']) },
    { name: 'source', type: 'select', label: { en: 'Source', 'zh-CN': '来源' }, options: leadSources, isIndexed: true },
    { name: 'industry', type: 'select', label: { en: 'Industry', 'zh-CN': '行业' }, options: industries },
    { name: 'email', type: 'email', label: { en: 'E-mail', 'zh-CN': '邮箱' }, isSearchable: true, isIndexed: true },
    { name: 'phone', type: 'phone', label: { en: 'Phone', 'zh-CN': '电话' }, isSearchable: true },
    { name: 'city', type: 'text', label: { en: 'City', 'zh-CN': '城市' }, maxLength: 100 },
    { name: 'province', type: 'text', label: { en: 'Province / state', 'zh-CN': '省份' }, maxLength: 100 },
    // Learned from past leads (domains/sales/lead-score.ts): rewritten when the lead's features change or the model is retrained.
    { name: 'score', type: 'number', label: { en: 'Score', 'zh-CN': '评分' } },
    { name: 'scoreFactors', type: 'json', label: { en: 'Score factors', 'zh-CN': '评分因素' }, isReadOnly: true },
    { name: 'description', type: 'longText', label: { en: 'Description', 'zh-CN': '描述' } },
    // Campaign tracking, filled from the web-to-lead form's page address (utm_* parameters).
    { name: 'utmSource', type: 'text', label: { en: 'UTM source', 'zh-CN': '推广来源' }, maxLength: 200 },
    { name: 'utmMedium', type: 'text', label: { en: 'UTM medium', 'zh-CN': '推广媒介' }, maxLength: 200 },
    { name: 'utmCampaign', type: 'text', label: { en: 'UTM campaign', 'zh-CN': '推广活动' }, maxLength: 200 },
    // Set by the duplicate check on every write (domains/sales/lead-duplicates.ts); never blocks a write.
    { name: 'isDuplicate', type: 'boolean', label: { en: 'Possible duplicate', 'zh-CN': '疑似重复' }, default: false, isReadOnly: true, isIndexed: true },
    // What a conversion made of the lead (domains/sales/lead-conversion.ts).
    { name: 'convertedAt', type: 'datetime', label: { en: 'Converted at', 'zh-CN': '转化时间' }, isReadOnly: true },
    { name: 'convertedAccountId', type: 'lookup', target: 'accounts', label: { en: 'Converted account', 'zh-CN': '转化的客户' }, isReadOnly: true },
    { name: 'convertedContactId', type: 'lookup', target: 'contacts', label: { en: 'Converted contact', 'zh-CN': '转化的联系人' }, isReadOnly: true },
    // Plain text: the opportunities table is created after this one, so no foreign key can point at it
    // here; `refersTo` lets clients show the opportunity's title instead of its id.
    { name: 'convertedOpportunityId', type: 'text', label: { en: 'Converted opportunity', 'zh-CN': '转化的商机' }, maxLength: 36, isReadOnly: true, refersTo: 'opportunities' },
  ],
};
