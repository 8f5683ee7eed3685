// The sales module's screens.
import { lazy } from 'react';
import type { DomainScreen } from '../screens.ts';

export const salesScreens: DomainScreen[] = [
  { path: 'sales/pipelines', screen: lazy(() => import('./PipelinesScreen.tsx')), objectHome: 'pipelines' },
];
