// The network module's panel on accounts and contacts: the graph, who connects us, the org chart.
import { lazy } from 'react';
import type { DomainPanel } from '../screens.ts';

const NetworkPanel = lazy(() => import('./NetworkPanel.tsx'));

export const networkPanels: DomainPanel[] = [
  { object: 'accounts', panel: NetworkPanel },
  { object: 'contacts', panel: NetworkPanel },
];
