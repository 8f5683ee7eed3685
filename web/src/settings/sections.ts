// The sections of Settings, in menu order; each screen loads only when opened.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface SettingsSection {
  path: string;
  screen: LazyExoticComponent<ComponentType>;
  /** The menu label's key, when not `settings.sections.<path>` (a domain's section keeps its own texts). */
  labelKey?: string;
}

/** A section's label key. */
export const sectionLabelKey = (section: SettingsSection) => section.labelKey ?? `settings.sections.${section.path}`;

export const settingsSections: SettingsSection[] = [
  { path: 'users', screen: lazy(() => import('./UsersScreen.tsx')) },
  { path: 'teams', screen: lazy(() => import('./TeamsScreen.tsx')) },
  { path: 'roles', screen: lazy(() => import('./RolesScreen.tsx')) },
  { path: 'sharing', screen: lazy(() => import('./SharingScreen.tsx')) },
  { path: 'objects', screen: lazy(() => import('./ObjectsScreen.tsx')) },
  { path: 'navigation', screen: lazy(() => import('./NavigationScreen.tsx')) },
  { path: 'audit', screen: lazy(() => import('./AuditScreen.tsx')) },
  { path: 'sales', screen: lazy(() => import('../domains/sales/SalesSettingsScreen.tsx')), labelKey: 'pool.settings.title' },
  { path: 'quotes', screen: lazy(() => import('../domains/quotes/QuoteSettingsScreen.tsx')), labelKey: 'quotes.settings.title' },
  { path: 'approvals', screen: lazy(() => import('../domains/approvals/ApprovalSettingsScreen.tsx')), labelKey: 'approvals.settings.title' },
];
