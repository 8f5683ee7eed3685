// What tasks do on every write of an activity: the checklist is checked item by item, and a task that
// becomes done records when (cleared again if it is reopened).
import type { ObjectHooks, RecordValues } from '../../records/index.ts';
import { checklistErrors } from './checklist.ts';

/** The completion time a write implies: set when the status becomes done, cleared when it leaves done. */
function completionOf(before: RecordValues | undefined, proposed: RecordValues): RecordValues | void {
  const wasDone = before?.status === 'done';
  const isDone = proposed.status === 'done';
  if (isDone && !wasDone) return { completedAt: new Date().toISOString() };
  if (!isDone && wasDone && proposed.completedAt) return { completedAt: null };
}

export const taskHooks: ObjectHooks = {
  beforeWrite: ({ before, proposed }) => (proposed.type === 'task' ? completionOf(before, proposed) : undefined),
  validate: ({ changes }) => ('checklist' in changes ? checklistErrors(changes.checklist) : undefined),
};
