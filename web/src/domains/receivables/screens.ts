// The receivables module's screens and the contract page's panel.
import { lazy } from 'react';
import type { DomainPanel, DomainScreen } from '../screens.ts';

export const receivablesScreens: DomainScreen[] = [
  { path: 'receivables/overdue', screen: lazy(() => import('./OverdueScreen.tsx')), menu: { labelKey: 'receivables.overdue.title', requiresObject: 'contracts' } },
  { path: 'receivables/ageing', screen: lazy(() => import('./AgeingScreen.tsx')), menu: { labelKey: 'receivables.ageing.title', requiresObject: 'contracts' } },
];

export const receivablesPanels: DomainPanel[] = [{ object: 'contracts', panel: lazy(() => import('./ContractPaymentsPanel.tsx')) }];
