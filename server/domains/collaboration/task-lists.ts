// Tasks are activities of type `task`, owned by their assignee. These are the lists people work from —
// their own open tasks, and every overdue task they may read — and the complete command. All of them
// go through the records engine with the caller's own access, so nobody lists a task they cannot read.
import { invalidField, notFound } from '../../platform/http/problem.ts';
import { getRecord, listRecords, updateRecord, type Caller, type RecordValues } from '../../records/index.ts';

export interface TaskPage {
  limit?: number;
  cursor?: string;
}

const openTasks = `type eq 'task' and status eq 'open'`;
// Soonest due first; tasks without a due date after those with one, then newest.
const byDueDate = 'dueDate,-createdAt';

/** Today's date in UTC (YYYY-MM-DD), the default day a list is judged at when the client names none. */
export function utcToday(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The caller's open tasks (assigned to them), soonest due first. */
export function listMyTasks(c: Caller, page: TaskPage) {
  return listRecords(c, 'activities', { filter: `${openTasks} and ownerId eq '${c.ctx.userId}'`, sort: byDueDate, ...page });
}

/**
 * The open tasks due before `today` that the caller may read: their own and those their role, team,
 * hierarchy or sharing lets them see. `today` is the caller's own calendar day (the client knows it).
 */
export function listOverdueTasks(c: Caller, today: string, page: TaskPage) {
  return listRecords(c, 'activities', { filter: `${openTasks} and dueDate lt '${today}'`, sort: byDueDate, ...page });
}

/** Marks a task done (with its checklist as it is); 404 for a record that is not a task the caller may read. */
export async function completeTask(c: Caller, id: string, expectedVersion?: number): Promise<RecordValues> {
  const task = await getRecord(c, 'activities', id, 'type,status');
  if (task.type !== 'task') throw notFound('The task');
  if (task.status === 'cancelled') throw invalidField('status', 'not_allowed', 'A cancelled task cannot be completed; reopen it first.');
  return updateRecord(c, 'activities', id, { status: 'done' }, expectedVersion);
}
