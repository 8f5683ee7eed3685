// Administrative and security events (who changed the data model, keys created …).
import { and, desc, eq, gte, like, lt } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { auditEvents } from '../db/schema.ts';
import { newId } from '../ids.ts';

/** Records one event, inside the caller's transaction when given one. */
export async function logAuditEvent(
  db: Database,
  event: { actorId: string | null; action: string; target: string; details?: Record<string, unknown> },
): Promise<void> {
  await db.orm.insert(auditEvents).values({ id: newId(), ...event, details: event.details ?? {} });
}

/** The newest events first. */
export async function listAuditEvents(db: Database, limit = 100, filter: AuditFilter = {}) {
  return db.orm
    .select()
    .from(auditEvents)
    .where(
      and(
        filter.beforeId ? lt(auditEvents.id, filter.beforeId) : undefined,
        filter.action ? (filter.action.endsWith('.*') ? like(auditEvents.action, `${filter.action.slice(0, -1)}%`) : eq(auditEvents.action, filter.action)) : undefined,
        filter.actorId ? eq(auditEvents.actorId, filter.actorId) : undefined,
        filter.from ? gte(auditEvents.at, new Date(filter.from)) : undefined,
        filter.to ? lt(auditEvents.at, new Date(filter.to)) : undefined,
      ),
    )
    // Ids are UUIDv7, so id order is time order, and a page continues after the last id.
    .orderBy(desc(auditEvents.id))
    .limit(limit);
}

/** What the audit log can be narrowed to: an action (or `auth.*`), an actor, a time range [from, to). */
export interface AuditFilter {
  beforeId?: string;
  action?: string;
  actorId?: string;
  from?: string;
  to?: string;
}
