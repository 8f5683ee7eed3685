// The work-reports module (日报 / 周报): templates an administrator defines, reports pre-filled from what
// their author logged in the day or week, submitted to the author's manager and cc'd people, read and
// commented on by them, a "team reports" view for managers and a reminder before the deadline.
import { defineModule } from '../../../records/index.ts';
import { workReportTemplates } from '../../../objects/workReportTemplates.ts';
import { workReports } from '../../../objects/workReports.ts';
import { workReportComments } from '../../../objects/workReportComments.ts';
import { workReportReads } from '../../../objects/workReportReads.ts';
import { commentHooks, readHooks, reportHooks, templateHooks } from './hooks.ts';
import { workReportJobs } from './reminders.ts';
import { workReportRoutes } from './routes.ts';
import { seedWorkReportTemplates } from './templates.ts';

export const workReportsModule = defineModule({
  name: 'reports',
  // Templates before reports, reports before their comments and reads: tables refer to those before them.
  objects: [workReportTemplates, workReports, workReportComments, workReportReads],
  hooks: { workReportTemplates: templateHooks, workReports: reportHooks, workReportComments: commentHooks, workReportReads: readHooks },
  routes: workReportRoutes,
  jobs: workReportJobs,
  seed: seedWorkReportTemplates,
});
