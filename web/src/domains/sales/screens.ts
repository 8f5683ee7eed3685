// The sales module's screens.
import { lazy } from 'react';
import type { DomainScreen } from '../screens.ts';

export const salesScreens: DomainScreen[] = [
  { path: 'sales/leads', screen: lazy(() => import('./LeadSettingsScreen.tsx')), menu: { labelKey: 'leads.menu', requiresObject: 'leads' } },
  { path: 'sales/pipelines', screen: lazy(() => import('./PipelinesScreen.tsx')), objectHome: 'pipelines' },
];
