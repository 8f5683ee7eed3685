// The collaboration module's screens: the user's own tasks and the overdue ones they may read.
import { lazy } from 'react';
import type { DomainScreen } from '../screens.ts';

export const collaborationScreens: DomainScreen[] = [
  {
    path: 'tasks/mine',
    screen: lazy(() => import('./MyTasksScreen.tsx')),
    menu: { labelKey: 'tasks.mine.title', requiresObject: 'activities' },
  },
  {
    path: 'tasks/overdue',
    screen: lazy(() => import('./OverdueTasksScreen.tsx')),
    menu: { labelKey: 'tasks.overdue.title', requiresObject: 'activities' },
  },
];
