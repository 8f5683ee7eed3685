// The sections of Settings, in menu order; each screen loads only when opened.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface SettingsSection {
  path: string;
  screen: LazyExoticComponent<ComponentType>;
}

export const settingsSections: SettingsSection[] = [
  { path: 'users', screen: lazy(() => import('./UsersScreen.tsx')) },
  { path: 'teams', screen: lazy(() => import('./TeamsScreen.tsx')) },
  { path: 'roles', screen: lazy(() => import('./RolesScreen.tsx')) },
  { path: 'sharing', screen: lazy(() => import('./SharingScreen.tsx')) },
  { path: 'objects', screen: lazy(() => import('./ObjectsScreen.tsx')) },
  { path: 'navigation', screen: lazy(() => import('./NavigationScreen.tsx')) },
  { path: 'audit', screen: lazy(() => import('./AuditScreen.tsx')) },
];
