// The work reports' screens: my reports (write today's 日报 or this week's 周报), a report with its
// comments, the team's reports for managers, and the templates for administrators.
import { lazy } from 'react';
import type { DomainScreen } from '../screens.ts';

export const workReportScreens: DomainScreen[] = [
  { path: 'reports/mine', screen: lazy(() => import('./MyReportsScreen.tsx')), menu: { labelKey: 'workReports.mine.title', requiresObject: 'workReports' } },
  { path: 'reports/team', screen: lazy(() => import('./TeamReportsScreen.tsx')), menu: { labelKey: 'workReports.team.title', requiresObject: 'workReports' } },
  { path: 'reports/templates', screen: lazy(() => import('./TemplatesScreen.tsx')) },
  { path: 'reports/:id', screen: lazy(() => import('./ReportScreen.tsx')) },
  // Notifications and search open a record at /{object}/{id}: a report opens its reader, not the generic page.
  { path: 'workReports/:id', screen: lazy(() => import('./ReportScreen.tsx')) },
];
