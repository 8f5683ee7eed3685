// The forecast module: forecast categories on opportunities, dated exchange rates, quotas and their
// planner, the forecast API and its weekly snapshot, and the totals the forecast reads (kept by a
// trigger on opportunities, installed at start). Listed after the sales module, so its
// opportunity hook sees the stage the sales module derived.
import { Problem } from '../../platform/http/problem.ts';
import { defineModule, type ObjectHooks } from '../../records/index.ts';
import { exchangeRates, forecastSnapshots, quotas } from '../../objects/forecast.ts';
import { exchangeRateHooks } from './exchange-rates.ts';
import { backfillForecastCategories, forecastOpportunityHooks, quotaHooks } from './forecast-hooks.ts';
import { forecastRoutes } from './forecast-routes.ts';
import { installForecastTotals } from './forecast-totals.ts';
import { forecastJobs } from './forecast-snapshots.ts';

/** Snapshots are the job's record of a week: nobody writes them through the API. */
const snapshotHooks: ObjectHooks = {
  beforeWrite: ({ caller }) => {
    if (!caller.isSystem) throw new Problem(403, { key: 'detail.forecastSnapshotsReadOnly' });
  },
};

export const forecastModule = defineModule({
  name: 'forecast',
  objects: [exchangeRates, quotas, forecastSnapshots],
  hooks: { opportunities: forecastOpportunityHooks, exchangeRates: exchangeRateHooks, quotas: quotaHooks, forecastSnapshots: snapshotHooks },
  routes: forecastRoutes,
  jobs: forecastJobs,
  seed: async (caller) => {
    await backfillForecastCategories(caller.db);
    await installForecastTotals(caller.db);
  },
});
