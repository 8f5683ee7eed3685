// The collaboration module: tasks (activities of type task, owned by their assignee) with a priority,
// a due date, a checklist, lists of one's own and overdue tasks, a complete command and due-soon
// reminders; and @mentions in notes, which tell each mentioned person who may read the record.
// Tasks and notes are activities, so they already show in the timeline of the record they are about.
import { defineModule } from '../../records/index.ts';
import { notifyMentioned } from './mentions.ts';
import { taskReminderJobs } from './reminders.ts';
import { collaborationRoutes } from './routes.ts';
import { taskHooks } from './task-hooks.ts';

export const collaborationModule = defineModule({
  name: 'collaboration',
  hooks: { activities: { ...taskHooks, afterWrite: notifyMentioned } },
  routes: collaborationRoutes,
  jobs: taskReminderJobs,
});
