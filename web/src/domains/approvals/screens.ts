// The approvals module's screens (the two inboxes, the expense report) and its panels: the approval
// panel on every record that declares `approvalStatus`, and reimbursement on an expense.
import { lazy } from 'react';
import type { DomainPanel, DomainScreen } from '../screens.ts';

export const approvalScreens: DomainScreen[] = [
  { path: 'approvals/waiting', screen: lazy(() => import('./WaitingForMeScreen.tsx')), menu: { labelKey: 'approvals.waiting.title', requiresObject: 'approvalRequests', after: 'expenses' } },
  { path: 'approvals/mine', screen: lazy(() => import('./MyRequestsScreen.tsx')), menu: { labelKey: 'approvals.mine.title', requiresObject: 'approvalRequests', after: 'expenses' } },
  { path: 'expenses/report', screen: lazy(() => import('./ExpenseReportScreen.tsx')), menu: { labelKey: 'approvals.report.title', requiresObject: 'expenses' } },
];

export const approvalPanels: DomainPanel[] = [
  { object: '*', isShownForObject: (def) => def.fields.some((f) => f.name === 'approvalStatus'), panel: lazy(() => import('./ApprovalPanel.tsx')) },
  { object: 'expenses', isShownFor: (record) => record.approvalStatus === 'approved', panel: lazy(() => import('./ExpensePanel.tsx')) },
];
