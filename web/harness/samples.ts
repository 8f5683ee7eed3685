// The metadata the component tests render: shaped like GET /api/v1/metadata/objects answers.
import type { ObjectDef } from '../src/app/metadata.ts';

const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });

export const sampleObjects: ObjectDef[] = [
  {
    name: 'accounts',
    label: label('Account', '客户'),
    labelPlural: label('Accounts', '客户'),
    titleField: 'name',
    access: { default: 'private' },
    actions: ['read', 'create', 'edit'],
    fields: [
      { name: 'name', type: 'text', label: label('Name', '名称'), isRequired: true, maxLength: 200 },
      { name: 'city', type: 'text', label: label('City', '城市') },
      { name: 'rating', type: 'select', label: label('Rating', '评级'), options: [{ value: 'hot', label: label('Hot', '热') }, { value: 'cold', label: label('Cold', '冷') }] },
      { name: 'employees', type: 'number', label: label('Employees', '员工人数') },
      { name: 'isKey', type: 'boolean', label: label('Key account', '重点客户') },
      { name: 'code', type: 'autoNumber', label: label('Code', '编号'), isReadOnly: true },
    ],
  },
  {
    name: 'contacts',
    label: label('Contact', '联系人'),
    labelPlural: label('Contacts', '联系人'),
    titleField: 'name',
    access: { default: 'private' },
    actions: ['read', 'create', 'edit'],
    fields: [
      { name: 'name', type: 'text', label: label('Name', '姓名'), isRequired: true },
      { name: 'birthday', type: 'date', label: label('Birthday', '生日') },
      { name: 'accountId', type: 'lookup', target: 'accounts', label: label('Account', '客户') },
    ],
  },
];
