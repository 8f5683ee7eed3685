// The receivables module (回款): contracts with their payment plans and the payments received against
// them, the overdue list and the ageing report, and the daily renewal reminder. Listed after the
// forecast module; its instalments and payments are owned by their contract.
import { defineModule } from '../../../records/index.ts';
import { contractHooks, instalmentHooks, paymentHooks } from './hooks.ts';
import { contracts, paymentPlans, payments } from './objects.ts';
import { receivablesJobs } from './renewals.ts';
import { receivablesRoutes } from './routes.ts';

export const receivablesModule = defineModule({
  name: 'receivables',
  // Contracts first: instalments and payments refer to them, payments to instalments.
  objects: [contracts, paymentPlans, payments],
  hooks: { contracts: contractHooks, paymentPlans: instalmentHooks, payments: paymentHooks },
  timeline: [{ kind: 'payment', object: 'payments', linkFields: (def) => def.fields.filter((f) => f.name === 'contractId'), atFields: ['paymentDate', 'createdAt'] }],
  routes: receivablesRoutes,
  jobs: receivablesJobs,
});
