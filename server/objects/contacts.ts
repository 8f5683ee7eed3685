import type { ObjectDefinition } from '../records/index.ts';

export const contacts: ObjectDefinition = {
  name: 'contacts',
  label: { en: 'Contact', 'zh-CN': '联系人' },
  labelPlural: { en: 'Contacts', 'zh-CN': '联系人' },
  table: 'contacts',
  titleField: 'name',
  access: { default: 'private' },
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '姓名' }, isRequired: true, isSearchable: true, isIndexed: true },
    { name: 'externalId', type: 'text', label: { en: 'External ID', 'zh-CN': '外部编号' }, isExternalId: true, maxLength: 100 },
    // The primary account; `accountIds` holds every account the contact works with (it includes this one).
    { name: 'accountId', type: 'lookup', target: 'accounts', label: { en: 'Primary account', 'zh-CN': '主要客户' } },
    { name: 'accountIds', type: 'multiLookup', target: 'accounts', label: { en: 'Accounts', 'zh-CN': '关联客户' } },
    { name: 'title', type: 'text', label: { en: 'Job title', 'zh-CN': '职务' }, isSearchable: true },
    // The org chart of an account (domains/network): whom this contact reports to.
    { name: 'reportsToId', type: 'lookup', target: 'contacts', label: { en: 'Reports to', 'zh-CN': '直属上级' } },
    { name: 'department', type: 'text', label: { en: 'Department', 'zh-CN': '部门' } },
    { name: 'email', type: 'email', label: { en: 'E-mail', 'zh-CN': '邮箱' }, isSearchable: true, isIndexed: true },
    { name: 'phone', type: 'phone', label: { en: 'Phone', 'zh-CN': '电话' }, isSearchable: true },
    { name: 'mobile', type: 'phone', label: { en: 'Mobile', 'zh-CN': '手机' }, isSearchable: true },
    { name: 'wechat', type: 'text', label: { en: 'WeChat', 'zh-CN': '微信' }, isSearchable: true, maxLength: 100 },
    { name: 'city', type: 'text', label: { en: 'City', 'zh-CN': '城市' }, maxLength: 100 },
    { name: 'birthday', type: 'date', label: { en: 'Birthday', 'zh-CN': '生日' } },
    { name: 'tags', type: 'tags', label: { en: 'Tags', 'zh-CN': '标签' } },
    { name: 'notes', type: 'longText', label: { en: 'Notes', 'zh-CN': '备注' } },
  ],
};
