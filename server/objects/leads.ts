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
    { name: 'score', type: 'number', label: { en: 'Score', 'zh-CN': '评分' } },
    { name: 'description', type: 'longText', label: { en: 'Description', 'zh-CN': '描述' } },
  ],
};
