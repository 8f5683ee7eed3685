// The sales module's screens.
import { lazy } from 'react';
import type { DomainScreen } from '../screens.ts';

export const salesScreens: DomainScreen[] = [
  { path: 'sales/pipelines', screen: lazy(() => import('./PipelinesScreen.tsx')), menu: { labelKey: 'sales.pipelines.title', requiresObject: 'pipelines' } },
  { path: 'sales/forecast', screen: lazy(() => import('./ForecastScreen.tsx')), menu: { labelKey: 'forecast.title', requiresObject: 'opportunities' } },
  { path: 'sales/quota-planner', screen: lazy(() => import('./QuotaPlannerScreen.tsx')), menu: { labelKey: 'forecast.planner.title', requiresObject: 'quotas' } },
];
