// The filter builder's rules: which fields it offers (linked records' too), how each condition is
// written in the API's filter language, and the date ranges relative dates stand for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ObjectDef } from '../app/metadata.ts';
import { conditionToFilter, filterFields, relativeRange, toFilter } from './filter-language.ts';

const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const accounts: ObjectDef = {
  name: 'accounts', label: label('Account', '客户'), labelPlural: label('Accounts', '客户'), titleField: 'name', access: { default: 'private' }, actions: ['read'],
  fields: [
    { name: 'name', type: 'text', label: label('Name', '名称') },
    { name: 'city', type: 'text', label: label('City', '城市') },
    { name: 'employees', type: 'number', label: label('Employees', '员工人数') },
    { name: 'parentId', type: 'lookup', target: 'accounts', label: label('Parent', '上级单位') },
    { name: 'notes', type: 'json', label: label('Notes', '备注') },
  ],
};
const contacts: ObjectDef = {
  name: 'contacts', label: label('Contact', '联系人'), labelPlural: label('Contacts', '联系人'), titleField: 'name', access: { default: 'private' }, actions: ['read'],
  fields: [
    { name: 'name', type: 'text', label: label('Name', '姓名') },
    { name: 'isVip', type: 'boolean', label: label('VIP', '重要') },
    { name: 'accountId', type: 'lookup', target: 'accounts', label: label('Account', '客户') },
  ],
};
const objects = new Map([['accounts', accounts], ['contacts', contacts]]);

test('the builder offers own fields, the creation time and the fields of linked records, not JSON', () => {
  const paths = filterFields(contacts, objects).map((f) => f.path);
  assert.deepEqual(paths, ['name', 'isVip', 'accountId', 'createdAt', 'accountId.name', 'accountId.city', 'accountId.employees']);
  assert.ok(!filterFields(accounts, objects).some((f) => f.path === 'notes'));
  // Without metadata of the other objects, only the object's own fields.
  assert.deepEqual(filterFields(contacts).map((f) => f.path), ['name', 'isVip', 'accountId', 'createdAt']);
});

test('values are quoted (quotes doubled), numbers and booleans are not, and conditions join with and', () => {
  const fields = filterFields(contacts, objects);
  assert.equal(conditionToFilter(fields, { field: 'name', op: 'contains', value: "O'Brien 张" }), "name contains 'O''Brien 张'");
  assert.equal(conditionToFilter(fields, { field: 'accountId.employees', op: 'gt', value: ' 50 ' }), 'accountId.employees gt 50');
  assert.equal(conditionToFilter(fields, { field: 'accountId.employees', op: 'gt', value: 'many' }), "accountId.employees gt 'many'");
  assert.equal(conditionToFilter(fields, { field: 'isVip', op: 'eq', value: 'true' }), 'isVip eq true');
  assert.equal(conditionToFilter(fields, { field: 'accountId.city', op: 'isNull', value: '' }), 'accountId.city isNull');
  assert.equal(conditionToFilter(fields, { field: '', op: 'raw', value: "city eq '上海' or city eq '北京'" }), "(city eq '上海' or city eq '北京')");
  assert.equal(
    toFilter(fields, [
      { field: 'accountId.city', op: 'eq', value: '上海' },
      { field: 'name', op: 'startsWith', value: '张' },
    ]),
    "accountId.city eq '上海' and name startsWith '张'",
  );
});

test('relative dates are date ranges [from, to) in UTC days', () => {
  const wednesday = new Date('2026-12-02T15:00:00Z');
  assert.deepEqual(relativeRange('today', wednesday), ['2026-12-02', '2026-12-03']);
  assert.deepEqual(relativeRange('thisWeek', wednesday), ['2026-11-30', '2026-12-07']);
  assert.deepEqual(relativeRange('thisMonth', wednesday), ['2026-12-01', '2027-01-01']);
  assert.deepEqual(relativeRange('thisQuarter', wednesday), ['2026-10-01', '2027-01-01']);
  assert.deepEqual(relativeRange('last7', wednesday), ['2026-11-26', '2026-12-03'], 'seven days, today included');
  assert.deepEqual(relativeRange('last1', wednesday), ['2026-12-02', '2026-12-03']);
  assert.deepEqual(relativeRange('thisWeek', new Date('2026-12-06T23:00:00Z')), ['2026-11-30', '2026-12-07'], 'Sunday ends the week');
  const fields = filterFields(accounts, objects);
  assert.equal(conditionToFilter(fields, { field: 'createdAt', op: 'relative', value: 'last30' }, wednesday), "createdAt gte '2026-11-03' and createdAt lt '2026-12-03'");
});
