// The receivables module's objects: contracts, the instalments of a contract's payment plan, and the
// payments received against them. Instalments and payments are owned by their contract (`parent`), so
// whoever may read the contract reads them, and nobody else by any path.
import type { ObjectDefinition, SelectOption } from '../../../records/index.ts';

const contractStatuses: SelectOption[] = [
  { value: 'draft', label: { en: 'Draft', 'zh-CN': '草稿' } },
  { value: 'active', label: { en: 'Active', 'zh-CN': '执行中' } },
  { value: 'expired', label: { en: 'Expired', 'zh-CN': '已到期' } },
  { value: 'terminated', label: { en: 'Terminated', 'zh-CN': '已终止' } },
  { value: 'renewed', label: { en: 'Renewed', 'zh-CN': '已续签' } },
];

/** An instalment's state, derived from what was paid and its due date. */
export const instalmentStatuses: SelectOption[] = [
  { value: 'open', label: { en: 'Open', 'zh-CN': '待回款' } },
  { value: 'partlyPaid', label: { en: 'Partly paid', 'zh-CN': '部分回款' } },
  { value: 'paid', label: { en: 'Paid', 'zh-CN': '已回款' } },
  { value: 'overdue', label: { en: 'Overdue', 'zh-CN': '已逾期' } },
];

const paymentMethods: SelectOption[] = [
  { value: 'bankTransfer', label: { en: 'Bank transfer', 'zh-CN': '银行转账' } },
  { value: 'acceptanceBill', label: { en: 'Acceptance bill', 'zh-CN': '承兑汇票' } },
  { value: 'cheque', label: { en: 'Cheque', 'zh-CN': '支票' } },
  { value: 'cash', label: { en: 'Cash', 'zh-CN': '现金' } },
  { value: 'card', label: { en: 'Card', 'zh-CN': '刷卡' } },
  { value: 'other', label: { en: 'Other', 'zh-CN': '其他' } },
];

/**
 * A contract with a customer: its value, term and status. Received and outstanding are kept by the
 * payment hooks; the renewal reminder job marks the end date it reminded the owner of.
 */
export const contracts: ObjectDefinition = {
  name: 'contracts',
  label: { en: 'Contract', 'zh-CN': '合同' },
  labelPlural: { en: 'Contracts', 'zh-CN': '合同' },
  table: 'contracts',
  titleField: 'title',
  access: { default: 'private' },
  fields: [
    { name: 'contractNumber', type: 'autoNumber', format: 'HT-{YYYY}-{0000}', label: { en: 'Contract number', 'zh-CN': '合同编号' }, isUnique: true, isSearchable: true },
    { name: 'title', type: 'text', label: { en: 'Title', 'zh-CN': '合同名称' }, isRequired: true, isSearchable: true, maxLength: 200 },
    { name: 'accountId', type: 'lookup', target: 'accounts', label: { en: 'Account', 'zh-CN': '客户' }, isRequired: true, isIndexed: true },
    { name: 'opportunityId', type: 'lookup', target: 'opportunities', label: { en: 'Opportunity', 'zh-CN': '商机' }, isIndexed: true },
    // Set only by POST /orders/{id}/contract, which keeps one live contract per order.
    { name: 'orderId', type: 'lookup', target: 'orders', label: { en: 'Order', 'zh-CN': '订单' }, isIndexed: true, isReadOnly: true },
    { name: 'value', type: 'currency', label: { en: 'Contract value', 'zh-CN': '合同金额' }, isRequired: true },
    { name: 'status', type: 'select', label: { en: 'Status', 'zh-CN': '状态' }, isRequired: true, default: 'draft', options: contractStatuses, isIndexed: true },
    { name: 'signedDate', type: 'date', label: { en: 'Signed on', 'zh-CN': '签订日期' } },
    { name: 'startDate', type: 'date', label: { en: 'Start date', 'zh-CN': '开始日期' } },
    { name: 'endDate', type: 'date', label: { en: 'End date', 'zh-CN': '结束日期' }, isIndexed: true },
    { name: 'renewalReminderDays', type: 'number', label: { en: 'Renewal reminder (days before end)', 'zh-CN': '续约提醒（到期前天数）' }, default: 30 },
    { name: 'isAutoRenew', type: 'boolean', label: { en: 'Renews automatically', 'zh-CN': '自动续约' }, default: false },
    { name: 'receivedAmount', type: 'currency', label: { en: 'Received', 'zh-CN': '已回款' }, isReadOnly: true },
    { name: 'outstandingAmount', type: 'currency', label: { en: 'Outstanding', 'zh-CN': '未回款' }, isReadOnly: true },
    { name: 'renewalRemindedFor', type: 'date', label: { en: 'Renewal reminded for end date', 'zh-CN': '已提醒续约的到期日' }, isReadOnly: true },
    { name: 'notes', type: 'longText', label: { en: 'Notes', 'zh-CN': '备注' }, maxLength: 10000 },
  ],
};

/** One instalment of a contract's payment plan: what is due when; paid and status are derived. */
export const paymentPlans: ObjectDefinition = {
  name: 'paymentPlans',
  isOutOfGlobalSearch: true,
  isHiddenFromMenu: true,
  label: { en: 'Instalment', 'zh-CN': '回款计划' },
  labelPlural: { en: 'Instalments', 'zh-CN': '回款计划' },
  table: 'payment_plans',
  titleField: 'name',
  access: { default: 'private' }, // ignored: read through the contract
  fields: [
    { name: 'contractId', type: 'parent', target: 'contracts', label: { en: 'Contract', 'zh-CN': '合同' }, isRequired: true },
    { name: 'number', type: 'number', label: { en: 'Instalment no.', 'zh-CN': '期次' }, isRequired: true },
    { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, isSearchable: true, maxLength: 200 },
    { name: 'dueDate', type: 'date', label: { en: 'Due date', 'zh-CN': '计划回款日期' }, isRequired: true, isIndexed: true },
    { name: 'amount', type: 'currency', label: { en: 'Amount due', 'zh-CN': '计划回款金额' }, isRequired: true },
    { name: 'paidAmount', type: 'currency', label: { en: 'Paid', 'zh-CN': '已回款' }, isReadOnly: true },
    { name: 'status', type: 'select', label: { en: 'Status', 'zh-CN': '状态' }, options: instalmentStatuses, isReadOnly: true, isIndexed: true },
  ],
};

/** A payment received on a contract, against one instalment or the contract as a whole. */
export const payments: ObjectDefinition = {
  name: 'payments',
  isHiddenFromMenu: true,
  label: { en: 'Payment', 'zh-CN': '回款记录' },
  labelPlural: { en: 'Payments', 'zh-CN': '回款记录' },
  table: 'payments',
  titleField: 'reference',
  access: { default: 'private' }, // ignored: read through the contract
  fields: [
    { name: 'contractId', type: 'parent', target: 'contracts', label: { en: 'Contract', 'zh-CN': '合同' }, isRequired: true },
    { name: 'instalmentId', type: 'lookup', target: 'paymentPlans', label: { en: 'Instalment', 'zh-CN': '回款计划' }, isIndexed: true },
    { name: 'paymentDate', type: 'date', label: { en: 'Received on', 'zh-CN': '回款日期' }, isRequired: true, isIndexed: true },
    { name: 'amount', type: 'currency', label: { en: 'Amount', 'zh-CN': '回款金额' }, isRequired: true },
    { name: 'method', type: 'select', label: { en: 'Method', 'zh-CN': '回款方式' }, default: 'bankTransfer', options: paymentMethods },
    { name: 'reference', type: 'text', label: { en: 'Reference', 'zh-CN': '流水号' }, isSearchable: true, maxLength: 100 },
  ],
};
