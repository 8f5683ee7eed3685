// The collaboration module's data in the web app: task lists, completing a task, checklists, and the
// mentions of a note (user ids kept beside the text, which shows them as @names).
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { get, query, request } from '../../app/api.ts';
import type { RecordRow } from '../../records/useRecordList.ts';
import type { ChecklistItem } from '../../../../server/domains/collaboration/checklist-shape.ts';

export { MAX_ITEM_LENGTH, type ChecklistItem } from '../../../../server/domains/collaboration/checklist-shape.ts';

export type TaskListKind = 'mine' | 'overdue';

const pad = (n: number) => String(n).padStart(2, '0');

/** The user's calendar day (YYYY-MM-DD): "overdue" is judged by their day, not the server's. */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whether a due date is before the user's today. */
export const isOverdue = (dueDate: unknown) => typeof dueDate === 'string' && dueDate < localToday();

/** One of the task lists (up to 200 tasks: a list people work through, not an archive). */
export function useTaskList(kind: TaskListKind) {
  return useQuery({
    queryKey: ['tasks', kind],
    queryFn: () =>
      get<{ data: RecordRow[] }>(`/api/v1/tasks/${kind}${query({ limit: 200, today: kind === 'overdue' ? localToday() : undefined })}`),
  });
}

/** Everything that shows a task: the lists, its record, the timeline it is on. */
export async function refreshTasks(client: QueryClient, task?: RecordRow) {
  await client.invalidateQueries({ queryKey: ['tasks'] });
  await client.invalidateQueries({ queryKey: ['timeline'] });
  if (task) await client.invalidateQueries({ queryKey: ['record', 'activities', task.id] });
}

/** Marks a task done (with the version read, so a change made meanwhile is not overwritten). */
export async function completeTask(task: RecordRow): Promise<RecordRow> {
  return (await request<RecordRow>('POST', `/api/v1/tasks/${task.id}/complete`, undefined, { 'if-match': `"${task.version}"` })).data;
}

/** The checklist of a task as a list (an absent one is empty). */
export function checklistOf(task: RecordRow): ChecklistItem[] {
  return Array.isArray(task.checklist) ? (task.checklist as ChecklistItem[]) : [];
}

/** A checklist as a change history shows it: its progress ("2/3 done"), or nothing when empty. */
export function checklistText(value: unknown, t: (key: string, options: Record<string, unknown>) => string): string {
  if (!Array.isArray(value) || value.length === 0) return '';
  const items = value as ChecklistItem[];
  return t('tasks.checklistProgress', { done: items.filter((i) => i?.isDone === true).length, total: items.length });
}

/** Saves a task's checklist at the version given; resolves with the task as saved. */
export async function saveChecklist(id: string, version: number, checklist: ChecklistItem[]): Promise<RecordRow> {
  return (await request<RecordRow>('PATCH', `/api/v1/activities/${id}`, { checklist }, { 'if-match': `"${version}"` })).data;
}

/** Refreshes what shows tasks (see refreshTasks). */
export function useRefreshTasks() {
  const client = useQueryClient();
  return (task?: RecordRow) => refreshTasks(client, task);
}

export interface UserOption {
  id: string;
  name: string;
}

/** Active users whose name starts a word with `text`, for the @mention and assignee pickers. */
export function useUserSearch(text: string | null) {
  return useQuery({
    queryKey: ['users', 'search', text],
    enabled: text !== null,
    staleTime: 30_000,
    queryFn: async () => {
      const escaped = (text ?? '').replace(/'/g, "''");
      const filter = escaped ? `isActive eq true and name contains '${escaped}'` : 'isActive eq true';
      const { data } = await get<{ data: UserOption[] }>(`/api/v1/users${query({ filter, fields: 'id,name', sort: 'name', limit: 8 })}`);
      return data;
    },
  });
}

/** The ids of the people still named in the text (`@Name`): a mention deleted from the text is dropped. */
export function mentionedIn(text: string, picked: UserOption[]): string[] {
  return [...new Set(picked.filter((u) => text.includes(`@${u.name}`)).map((u) => u.id))];
}
