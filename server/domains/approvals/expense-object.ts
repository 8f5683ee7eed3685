// Expenses: what a person spent for the company, approved through the approval engine, then reimbursed
// by finance. Receipts are the record's attachments (the files feature).
import type { ObjectDefinition } from '../../records/index.ts';
import { options } from '../../objects/options.ts';
import { approvalStatusOptions } from './objects.ts';

export const expenses: ObjectDefinition = {
  name: 'expenses',
  label: { en: 'Expense', 'zh-CN': '费用报销' },
  labelPlural: { en: 'Expenses', 'zh-CN': '费用报销' },
  table: 'expenses',
  titleField: 'description',
  // The requester owns it; their managers see it through the hierarchy, finance through `readAll`.
  access: { default: 'private' },
  fields: [
    { name: 'description', type: 'text', label: { en: 'Description', 'zh-CN': '事由' }, isRequired: true, maxLength: 255, isSearchable: true },
    { name: 'expenseDate', type: 'date', label: { en: 'Date', 'zh-CN': '日期' }, isRequired: true, isIndexed: true },
    {
      name: 'category',
      type: 'select',
      label: { en: 'Category', 'zh-CN': '类别' },
      isRequired: true,
      default: 'travel',
      options: options(
        ['travel', 'Travel', '差旅'],
        ['meals', 'Meals and entertainment', '餐饮招待'],
        ['transport', 'Local transport', '市内交通'],
        ['lodging', 'Lodging', '住宿'],
        ['office', 'Office supplies', '办公用品'],
        ['other', 'Other', '其他'],
      ),
    },
    { name: 'amount', type: 'currency', label: { en: 'Amount', 'zh-CN': '金额' }, isRequired: true },
    { name: 'department', type: 'text', label: { en: 'Department', 'zh-CN': '部门' }, maxLength: 100, isReadOnly: true, isIndexed: true },
    { name: 'notes', type: 'longText', label: { en: 'Notes', 'zh-CN': '备注' }, maxLength: 4000 },
    { name: 'approvalStatus', type: 'select', label: { en: 'Approval', 'zh-CN': '审批状态' }, isReadOnly: true, isIndexed: true, default: 'none', options: approvalStatusOptions },
    {
      name: 'reimbursementStatus',
      type: 'select',
      label: { en: 'Reimbursement', 'zh-CN': '报销状态' },
      isReadOnly: true,
      default: 'notReimbursed',
      options: options(['notReimbursed', 'Not reimbursed', '未报销'], ['reimbursed', 'Reimbursed', '已报销']),
    },
    { name: 'reimbursedAt', type: 'datetime', label: { en: 'Reimbursed at', 'zh-CN': '报销时间' }, isReadOnly: true },
    { name: 'reimbursedById', type: 'lookup', target: 'users', label: { en: 'Reimbursed by', 'zh-CN': '报销经办人' }, isReadOnly: true },
  ],
};
