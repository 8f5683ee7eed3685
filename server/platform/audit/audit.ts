// Administrative and security events (who changed the data model, keys created …).
import { desc } from 'drizzle-orm';
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
export async function listAuditEvents(db: Database, limit = 100) {
  return db.orm.select().from(auditEvents).orderBy(desc(auditEvents.at), desc(auditEvents.id)).limit(limit);
}
