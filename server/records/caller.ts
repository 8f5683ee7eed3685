// Who a records operation runs for. A request's caller carries the user's access; `systemCaller` is
// the one way code acting for the system (seeding, jobs, the engine reading back its own writes)
// sees every record and writes read-only fields.
import type { Database } from '../platform/db/index.ts';
import { systemContext, type RequestContext } from '../platform/auth/context.ts';
import type { Registry } from './registry.ts';

/** Where failures that must not fail a request are reported (a Fastify logger fits). */
export interface ErrorLog {
  error(details: object, message: string): void;
}

/** Work queued by a write to run once its outermost transaction commits (see transaction.ts). */
export type AfterCommitTask = (root: Caller) => Promise<void>;

/** Everything a records operation needs: the database, the definitions and who is asking. */
export interface Caller {
  db: Database;
  registry: Registry;
  ctx: RequestContext;
  /** Set only by systemCaller: every record is visible and read-only fields are writable. */
  isSystem?: boolean;
  log?: ErrorLog;
  /** Present inside a write transaction: the tasks to run after it commits. */
  afterCommit?: AfterCommitTask[];
}

/**
 * A caller acting as the system, recorded as `actorId` (created_by, the change log). Pass an existing
 * caller to stay inside its transaction.
 */
export function systemCaller(base: Pick<Caller, 'db' | 'registry'> & Partial<Caller>, actorId: string): Caller {
  return { ...base, ctx: systemContext(actorId), isSystem: true };
}
