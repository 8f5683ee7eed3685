// The calendar module: team calendars of events (meetings, visits, calls) about any record, with
// attendees, supervisor cc, reminders, recurrence in the organiser's time zone, "mark done" onto the
// record's timeline, .ics import and a private iCalendar feed per person.
import { defineModule } from '../../records/index.ts';
import { eventHooks, feedHooks } from './event-hooks.ts';
import { shareWithNewPeople } from './event-sharing.ts';
import { calendarEvents, calendarFeeds } from './objects.ts';
import { eventReminderJobs } from './reminders.ts';
import { calendarRoutes } from './routes.ts';

export const calendarModule = defineModule({
  name: 'calendar',
  objects: [calendarEvents, calendarFeeds],
  hooks: { calendarEvents: { ...eventHooks, afterWrite: shareWithNewPeople }, calendarFeeds: feedHooks },
  routes: calendarRoutes,
  jobs: eventReminderJobs,
});
