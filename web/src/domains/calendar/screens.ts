// The calendar's screen (day, week, month and the team view) and its panel on the pages of the records
// events are about.
import { lazy } from 'react';
import type { DomainPanel, DomainScreen } from '../screens.ts';

export const calendarScreens: DomainScreen[] = [
  {
    path: 'calendar',
    screen: lazy(() => import('./CalendarScreen.tsx')),
    menu: { labelKey: 'calendar.title', requiresObject: 'calendarEvents', after: 'activities' },
    objectHome: 'calendarEvents',
  },
];

const panel = lazy(() => import('./RecordEventsPanel.tsx'));
export const calendarPanels: DomainPanel[] = ['accounts', 'contacts', 'opportunities', 'leads'].map((object) => ({ object, panel }));
