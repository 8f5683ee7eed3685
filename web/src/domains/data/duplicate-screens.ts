// The duplicates screens: the duplicate report (in the menu) and the merge screen (reached from it).
import { lazy } from 'react';
import type { DomainScreen } from '../screens.ts';

export const duplicateScreens: DomainScreen[] = [
  { path: 'data/duplicates', screen: lazy(() => import('./DuplicatesScreen.tsx')), menu: { labelKey: 'duplicates.report.title', requiresObject: 'duplicateReports', after: 'contacts' } },
  { path: 'data/merge/:object', screen: lazy(() => import('./MergeScreen.tsx')) },
];
