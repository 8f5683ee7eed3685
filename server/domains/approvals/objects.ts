// The approval engine's own objects: processes and their ordered steps (what administrators set up),
// requests and their decisions (the runtime state), and delegations while someone is away.
import type { ObjectDefinition } from '../../records/index.ts';
import { options } from '../../objects/options.ts';

/** The values of `approvalStatus` on every object that can be approved (see the approval contract). */
export const approvalStatusOptions = options(
  ['none', 'Not submitted', '未提交'],
  ['pending', 'Pending approval', '审批中'],
  ['approved', 'Approved', '已批准'],
  ['rejected', 'Rejected', '已驳回'],
);

/** An approval process: for one object, applies to the records its entry condition matches. */
export const approvalProcesses: ObjectDefinition = {
  name: 'approvalProcesses',
  isOutOfGlobalSearch: true,
  label: { en: 'Approval process', 'zh-CN': '审批流程' },
  labelPlural: { en: 'Approval processes', 'zh-CN': '审批流程' },
  table: 'approval_processes',
  titleField: 'name',
  // Everyone may read how their requests will be approved; only administrators change it (guard.ts).
  access: { default: 'publicRead' },
  isHiddenFromMenu: true,
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, isRequired: true, maxLength: 200, isSearchable: true },
    { name: 'objectName', type: 'text', label: { en: 'Object', 'zh-CN': '对象' }, isRequired: true, maxLength: 63, isIndexed: true },
    {
      name: 'entryCondition',
      type: 'text',
      label: { en: 'Entry condition', 'zh-CN': '进入条件' },
      maxLength: 2000,
    },
    { name: 'priority', type: 'number', label: { en: 'Order', 'zh-CN': '顺序' }, default: 1 },
    { name: 'isActive', type: 'boolean', label: { en: 'Active', 'zh-CN': '启用' }, default: true },
    { name: 'description', type: 'longText', label: { en: 'Description', 'zh-CN': '说明' }, maxLength: 2000 },
  ],
};

/** One step of a process, in `position` order: who approves, and when the step applies at all. */
export const approvalSteps: ObjectDefinition = {
  name: 'approvalSteps',
  label: { en: 'Approval step', 'zh-CN': '审批步骤' },
  labelPlural: { en: 'Approval steps', 'zh-CN': '审批步骤' },
  table: 'approval_steps',
  titleField: 'name',
  access: { default: 'publicRead' },
  isHiddenFromMenu: true,
  fields: [
    { name: 'processId', type: 'parent', target: 'approvalProcesses', label: { en: 'Process', 'zh-CN': '流程' }, isRequired: true },
    { name: 'position', type: 'number', label: { en: 'Step', 'zh-CN': '步骤' }, isRequired: true, default: 1 },
    { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, isRequired: true, maxLength: 200 },
    {
      name: 'approverKind',
      type: 'select',
      label: { en: 'Approver', 'zh-CN': '审批人' },
      isRequired: true,
      default: 'managerChain',
      options: options(['user', 'Named user', '指定用户'], ['role', 'Role', '角色'], ['managerChain', "Requester's managers", '申请人的上级']),
    },
    { name: 'approverId', type: 'lookup', target: 'users', label: { en: 'User', 'zh-CN': '用户' } },
    { name: 'roleKey', type: 'text', label: { en: 'Role', 'zh-CN': '角色' }, maxLength: 63 },
    { name: 'managerLevels', type: 'number', label: { en: 'Manager levels', 'zh-CN': '上级层数' }, default: 1 },
    {
      name: 'mode',
      type: 'select',
      label: { en: 'Who must approve', 'zh-CN': '审批方式' },
      isRequired: true,
      default: 'any',
      options: options(['any', 'Any one of them', '任一人批准'], ['all', 'All of them', '全部批准']),
    },
    { name: 'amountField', type: 'text', label: { en: 'Amount field', 'zh-CN': '金额字段' }, maxLength: 41 },
    { name: 'amountAbove', type: 'number', label: { en: 'Only above', 'zh-CN': '仅当金额超过' } },
  ],
};

/** A record submitted for approval: where it stands, and who must act now. */
export const approvalRequests: ObjectDefinition = {
  name: 'approvalRequests',
  label: { en: 'Approval request', 'zh-CN': '审批申请' },
  labelPlural: { en: 'Approval requests', 'zh-CN': '审批申请' },
  table: 'approval_requests',
  titleField: 'recordTitle',
  // Owned by the requester; approvers reach theirs through the inbox (routes.ts).
  access: { default: 'private' },
  isHiddenFromMenu: true,
  fields: [
    { name: 'objectName', type: 'text', label: { en: 'Object', 'zh-CN': '对象' }, isRequired: true, maxLength: 63, isReadOnly: true },
    { name: 'recordId', type: 'lookup', targetFrom: 'objectName', label: { en: 'Record', 'zh-CN': '记录' }, isRequired: true, isReadOnly: true, isIndexed: true },
    { name: 'recordTitle', type: 'text', label: { en: 'Record', 'zh-CN': '记录' }, maxLength: 255, isReadOnly: true, isSearchable: true },
    { name: 'processId', type: 'lookup', target: 'approvalProcesses', label: { en: 'Process', 'zh-CN': '流程' }, isReadOnly: true },
    { name: 'stepPosition', type: 'number', label: { en: 'Step', 'zh-CN': '步骤' }, isReadOnly: true },
    { name: 'stepName', type: 'text', label: { en: 'Current step', 'zh-CN': '当前步骤' }, maxLength: 200, isReadOnly: true },
    {
      name: 'status',
      type: 'select',
      label: { en: 'Status', 'zh-CN': '状态' },
      isRequired: true,
      isIndexed: true,
      isReadOnly: true,
      default: 'pending',
      options: options(
        ['pending', 'Pending', '审批中'],
        ['approved', 'Approved', '已批准'],
        ['rejected', 'Rejected', '已驳回'],
        ['sentBack', 'Sent back', '已退回'],
        ['withdrawn', 'Withdrawn', '已撤回'],
      ),
    },
    { name: 'requesterId', type: 'lookup', target: 'users', label: { en: 'Requester', 'zh-CN': '申请人' }, isReadOnly: true },
    { name: 'currentApproverIds', type: 'json', label: { en: 'Current approvers', 'zh-CN': '当前审批人' }, isReadOnly: true },
    { name: 'submittedAt', type: 'datetime', label: { en: 'Submitted', 'zh-CN': '提交时间' }, isReadOnly: true },
    { name: 'decidedAt', type: 'datetime', label: { en: 'Decided', 'zh-CN': '完成时间' }, isReadOnly: true },
  ],
};

/** One decision on a request: approve, reject or send back, by whom (and for whom, when delegated). */
export const approvalDecisions: ObjectDefinition = {
  name: 'approvalDecisions',
  label: { en: 'Approval decision', 'zh-CN': '审批意见' },
  labelPlural: { en: 'Approval decisions', 'zh-CN': '审批意见' },
  table: 'approval_decisions',
  titleField: 'stepName',
  // Owned by the requester, like the request: they and their managers see the history on the record.
  access: { default: 'private' },
  isHiddenFromMenu: true,
  fields: [
    { name: 'requestId', type: 'parent', target: 'approvalRequests', label: { en: 'Request', 'zh-CN': '申请' }, isRequired: true, isReadOnly: true },
    { name: 'objectName', type: 'text', label: { en: 'Object', 'zh-CN': '对象' }, isRequired: true, maxLength: 63, isReadOnly: true },
    { name: 'recordId', type: 'lookup', targetFrom: 'objectName', label: { en: 'Record', 'zh-CN': '记录' }, isRequired: true, isReadOnly: true, isIndexed: true },
    { name: 'stepName', type: 'text', label: { en: 'Step', 'zh-CN': '步骤' }, maxLength: 200, isReadOnly: true },
    {
      name: 'decision',
      type: 'select',
      label: { en: 'Decision', 'zh-CN': '意见' },
      isRequired: true,
      isReadOnly: true,
      options: options(
        ['submit', 'Submitted', '提交'],
        ['approve', 'Approved', '批准'],
        ['reject', 'Rejected', '驳回'],
        ['sendBack', 'Sent back', '退回修改'],
        ['withdraw', 'Withdrawn', '撤回'],
      ),
    },
    { name: 'comment', type: 'longText', label: { en: 'Comment', 'zh-CN': '意见说明' }, maxLength: 2000, isReadOnly: true },
    { name: 'deciderId', type: 'lookup', target: 'users', label: { en: 'By', 'zh-CN': '处理人' }, isReadOnly: true },
    { name: 'onBehalfOfId', type: 'lookup', target: 'users', label: { en: 'On behalf of', 'zh-CN': '代理' }, isReadOnly: true },
    { name: 'decidedAt', type: 'datetime', label: { en: 'At', 'zh-CN': '时间' }, isReadOnly: true },
  ],
};

/** While its owner is away (from/to, inclusive), their pending approvals may be decided by the delegate. */
export const approvalDelegations: ObjectDefinition = {
  name: 'approvalDelegations',
  label: { en: 'Approval delegation', 'zh-CN': '审批代理' },
  labelPlural: { en: 'Approval delegations', 'zh-CN': '审批代理' },
  table: 'approval_delegations',
  titleField: 'note',
  access: { default: 'private' },
  isHiddenFromMenu: true,
  fields: [
    { name: 'delegateId', type: 'lookup', target: 'users', label: { en: 'Delegate to', 'zh-CN': '代理人' }, isRequired: true },
    { name: 'startsOn', type: 'date', label: { en: 'Away from', 'zh-CN': '开始日期' }, isRequired: true },
    { name: 'endsOn', type: 'date', label: { en: 'Away until', 'zh-CN': '结束日期' }, isRequired: true },
    { name: 'note', type: 'text', label: { en: 'Note', 'zh-CN': '备注' }, maxLength: 255 },
  ],
};
