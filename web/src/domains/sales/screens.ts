// The sales module's screens.
import { lazy } from 'react';
import type { DomainPanel, DomainScreen } from '../screens.ts';

export const salesScreens: DomainScreen[] = [
  { path: 'sales/pipelines', screen: lazy(() => import('./PipelinesScreen.tsx')), menu: { labelKey: 'sales.pipelines.title', requiresObject: 'pipelines' } },
  { path: 'sales/pool', screen: lazy(() => import('./PoolScreen.tsx')), menu: { labelKey: 'pool.pool.title', requiresObject: 'accounts' } },
  { path: 'sales/win-loss', screen: lazy(() => import('./WinLossScreen.tsx')), menu: { labelKey: 'pool.winLoss.title', requiresObject: 'competitors' } },
];

// Panels on record pages: an opportunity's stages and competitors, an account's place in the pool.
export const salesPanels: DomainPanel[] = [
  { object: 'opportunities', panel: lazy(() => import('./StagesPanel.tsx')) },
  { object: 'opportunities', panel: lazy(() => import('./CompetitorsPanel.tsx')) },
  { object: 'accounts', panel: lazy(() => import('./PoolPanel.tsx')) },
];
