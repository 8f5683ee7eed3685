// Module hooks on the write path, and the write transaction that runs after-commit work exactly once:
// when the outermost transaction (a single write, a bulk request, an upsert) has committed.
import { Problem, type FieldError } from '../platform/http/problem.ts';
import type { AfterCommitTask, Caller, ErrorLog } from './caller.ts';
import type { CommittedWrite, GuardedWrite, WriteEvent } from './modules.ts';
import type { ObjectDefinition, RecordValues } from './types.ts';
import { uniqueViolationProblem } from './unique-violation.ts';

const consoleLog: ErrorLog = { error: (details, message) => console.error(message, details) };

/**
 * Runs `work` in a transaction whose after-commit tasks run once it commits. Inside another write
 * transaction it is a savepoint, and its tasks join the outer one's: they run only if that commits.
 */
export async function writeTransaction<T>(c: Caller, work: (t: Caller) => Promise<T>): Promise<T> {
  const tasks: AfterCommitTask[] = [];
  let result: T;
  try {
    result = await c.db.transaction((tx) => work({ ...c, db: tx, afterCommit: tasks }));
  } catch (error) {
    // Named once, by the outermost write, after its transaction has rolled back.
    throw (!c.afterCommit && (await uniqueViolationProblem(c, error))) || error;
  }
  if (c.afterCommit) {
    c.afterCommit.push(...tasks);
    return result;
  }
  const root: Caller = { ...c, afterCommit: undefined };
  for (const task of tasks) {
    try {
      await task(root);
    } catch (error) {
      // The write is committed: report, never turn it into a failed request.
      (c.log ?? consoleLog).error({ err: error }, 'work after a committed write failed');
    }
  }
  return result;
}

/**
 * Runs the object's beforeWrite hooks, then its validate hooks on the result; returns the values to
 * write (the input with what hooks derived). Validation errors are one 400 naming every field.
 */
export async function runWriteHooks(
  t: Caller,
  def: ObjectDefinition,
  write: { action: WriteEvent['action']; id: string; before: RecordValues | undefined; changes: RecordValues },
  prefix = '',
): Promise<RecordValues> {
  const hooks = t.registry.modules.hooksOf(def.name);
  if (hooks.length === 0) return write.changes;
  let changes = write.changes;
  const event = (): WriteEvent => ({ ...write, caller: t, object: def, changes, proposed: { ...write.before, ...changes } });
  for (const hook of hooks) {
    const derived = await hook.beforeWrite?.(event());
    if (derived) changes = { ...changes, ...derived };
  }
  const errors: FieldError[] = [];
  for (const hook of hooks) {
    for (const error of (await hook.validate?.(event())) ?? []) errors.push({ ...error, field: prefix + error.field });
  }
  if (errors.length) throw new Problem(400, { key: 'detail.validation' }, errors);
  return changes;
}

/**
 * Runs the object's afterWrite hooks in the write transaction, then queues its afterCommit hooks for
 * when the outermost transaction has committed. Every write path calls it once per record written.
 */
export async function recordWritten(t: Caller, write: Omit<CommittedWrite, 'caller'>): Promise<void> {
  for (const hook of t.registry.modules.hooksOf(write.object.name)) await hook.afterWrite?.({ ...write, caller: t });
  queueAfterCommit(t, write);
}

/** Queues the object's afterCommit hooks for a write made inside `writeTransaction`. */
function queueAfterCommit(t: Caller, write: Omit<CommittedWrite, 'caller'>): void {
  const hooks = t.registry.modules.hooksOf(write.object.name).filter((h) => h.afterCommit);
  if (hooks.length === 0) return;
  if (!t.afterCommit) throw new Error('A write with after-commit hooks ran outside writeTransaction.');
  for (const hook of hooks) {
    t.afterCommit.push(async (root) => {
      try {
        await hook.afterCommit!({ ...write, caller: root });
      } catch (error) {
        (root.log ?? consoleLog).error({ err: error, module: hook.module, object: write.object.name, id: write.id }, 'an afterCommit hook failed');
      }
    });
  }
}

/** Runs the object's write guards (its own and those under '*'); the system's writes are never guarded. */
export async function guardWrite(t: Caller, write: Omit<GuardedWrite, 'caller'>): Promise<void> {
  if (t.isSystem) return;
  for (const hook of t.registry.modules.hooksOf(write.object.name)) await hook.guardWrite?.({ ...write, caller: t });
}
