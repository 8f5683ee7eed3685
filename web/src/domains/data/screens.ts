// The data module's screens: imports (the list's Import button leads here).
import { lazy } from 'react';
import type { DomainScreen } from '../screens.ts';

export const dataScreens: DomainScreen[] = [
  { path: 'data/import', screen: lazy(() => import('./ImportStartScreen.tsx')) },
  { path: 'data/imports/:id', screen: lazy(() => import('./ImportScreen.tsx')) },
];
