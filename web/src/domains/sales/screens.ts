// The sales module's screens.
import { lazy } from 'react';
import type { DomainPanel, DomainScreen } from '../screens.ts';

export const salesScreens: DomainScreen[] = [
  { path: 'sales/leads', screen: lazy(() => import('./LeadSettingsScreen.tsx')), menu: { labelKey: 'leads.menu', requiresObject: 'leads' } },
  { path: 'sales/pipelines', screen: lazy(() => import('./PipelinesScreen.tsx')), objectHome: 'pipelines' },
  { path: 'sales/pool', screen: lazy(() => import('./PoolScreen.tsx')), menu: { labelKey: 'pool.pool.title', requiresObject: 'accounts' } },
  { path: 'sales/win-loss', screen: lazy(() => import('./WinLossScreen.tsx')), menu: { labelKey: 'pool.winLoss.title', requiresObject: 'competitors' } },
  { path: 'sales/forecast', screen: lazy(() => import('./ForecastScreen.tsx')), menu: { labelKey: 'forecast.title', requiresObject: 'opportunities' } },
  { path: 'sales/quota-planner', screen: lazy(() => import('./QuotaPlannerScreen.tsx')), menu: { labelKey: 'forecast.planner.title', requiresObject: 'quotas', after: 'opportunities' } },
];

// Panels on record pages: an opportunity's stages and competitors, an account's place in the pool, a
// lead's score, duplicates and conversion.
export const salesPanels: DomainPanel[] = [
  { object: 'opportunities', panel: lazy(() => import('./StagesPanel.tsx')) },
  { object: 'opportunities', panel: lazy(() => import('./CompetitorsPanel.tsx')) },
  { object: 'accounts', panel: lazy(() => import('./PoolPanel.tsx')) },
  { object: 'leads', panel: lazy(() => import('./LeadPanel.tsx')) },
];
