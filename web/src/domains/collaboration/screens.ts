// The collaboration module's screens (the user's own tasks and the overdue ones they may read) and
// its panel on a task's page (the checklist and the complete command).
import { lazy } from 'react';
import type { DomainPanel, DomainScreen } from '../screens.ts';

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

export const collaborationPanels: DomainPanel[] = [
  { object: 'activities', panel: lazy(() => import('./TaskPanel.tsx')), isShownFor: (record) => record.type === 'task' },
];
