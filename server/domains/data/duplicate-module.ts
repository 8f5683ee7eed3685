// The duplicates module: duplicate rules per object, the check a create form makes, the nightly
// duplicate report, and merging records (with undo). Part of the data domain, installed as its own module.
import { defineModule } from '../../records/index.ts';
import { duplicateReports } from '../../objects/duplicateReports.ts';
import { duplicateRules } from '../../objects/duplicateRules.ts';
import { recordMerges } from '../../objects/recordMerges.ts';
import { duplicateReportJobs } from './duplicate-report.ts';
import { duplicateRoutes } from './duplicate-routes.ts';
import { duplicateRuleHooks, seedDuplicateRules, systemOnlyHooks } from './duplicate-rules.ts';

export const duplicatesModule = defineModule({
  name: 'duplicates',
  objects: [duplicateRules, duplicateReports, recordMerges],
  hooks: { duplicateRules: duplicateRuleHooks, duplicateReports: systemOnlyHooks, recordMerges: systemOnlyHooks },
  routes: duplicateRoutes,
  jobs: duplicateReportJobs,
  seed: seedDuplicateRules,
});
