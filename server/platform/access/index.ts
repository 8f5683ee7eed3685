// Access control as SQL. Read paths ask `visibleRows` for a condition and put it inside their query,
// so lists, counts, lookups, search and timelines can never show what a direct read would not.
// Today every caller is an administrator (single-user mode until roles and sharing land); the
// functions below are where those rules will go, and every read and write path already calls them.
import { sql, type SQL } from 'drizzle-orm';
import type { RequestContext } from '../auth/context.ts';
import { Problem } from '../http/problem.ts';

export type ObjectAction = 'read' | 'create' | 'edit' | 'delete' | 'restore';

/** The minimum an access rule needs to know about an object. */
export interface AccessTarget {
  name: string;
  isReadOnly?: boolean;
}

/** The condition a row of `target` (aliased `alias`) must meet for the caller to see it. */
export function visibleRows(ctx: RequestContext, _target: AccessTarget, _alias: string): SQL {
  return ctx.isAdmin ? sql`true` : sql`false`;
}

/** Throws 403 unless the caller may perform `action` on the object at all. */
export function assertObjectAction(ctx: RequestContext, target: AccessTarget, action: ObjectAction): void {
  if (target.isReadOnly && action !== 'read') {
    throw new Problem(405, `${target.name} are read-only through this API.`);
  }
  if (!ctx.isAdmin) throw new Problem(403, `You may not ${action} ${target.name}.`);
}
