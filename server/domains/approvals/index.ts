// The approvals module: one approval engine for every object that declares `approvalStatus` (processes,
// steps, requests, decisions, delegations, the record lock), and expenses, approved on it and reimbursed.
import { defineModule } from '../../records/index.ts';
import { approvalDecisions, approvalDelegations, approvalProcesses, approvalRequests, approvalSteps } from './objects.ts';
import { expenses } from './expense-object.ts';
import { expenseHooks } from './expenses.ts';
import { lockHooks } from './guard.ts';
import { processHooks, stepHooks } from './process-checks.ts';
import { approvalRoutes } from './routes.ts';
import { seedExpenseProcess } from './default-process.ts';

export const approvalsModule = defineModule({
  name: 'approvals',
  // Processes before their steps, requests before their decisions: tables refer to those before them.
  objects: [approvalProcesses, approvalSteps, approvalRequests, approvalDecisions, approvalDelegations, expenses],
  hooks: { '*': lockHooks, expenses: expenseHooks, approvalProcesses: processHooks, approvalSteps: stepHooks },
  // Decisions show on the timeline of the record they are about (for those who may see them).
  timeline: [{ kind: 'approval', object: 'approvalDecisions', linkFields: (def) => def.fields.filter((f) => f.name === 'recordId'), atFields: ['decidedAt', 'createdAt'] }],
  routes: approvalRoutes,
  seed: seedExpenseProcess,
});
