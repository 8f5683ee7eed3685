import type { ObjectDefinition } from '../records/index.ts';

/** Users as records: a read-only view of the system users table (managed through the admin API). */
export const users: ObjectDefinition = {
  name: 'users',
  label: { en: 'User', 'zh-CN': '用户' },
  labelPlural: { en: 'Users', 'zh-CN': '用户' },
  table: 'users',
  titleField: 'name',
  access: { default: 'publicRead' },
  isReadOnly: true,
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '姓名' }, isRequired: true, isSearchable: true },
    { name: 'email', type: 'email', label: { en: 'E-mail', 'zh-CN': '邮箱' }, isRequired: true, isSearchable: true },
    { name: 'locale', type: 'text', label: { en: 'Language', 'zh-CN': '语言' } },
    { name: 'timeZone', type: 'text', label: { en: 'Time zone', 'zh-CN': '时区' } },
    { name: 'isActive', type: 'boolean', label: { en: 'Active', 'zh-CN': '启用' } },
  ],
};
