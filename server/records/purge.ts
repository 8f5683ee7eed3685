// Records stay in the recycle bin for 30 days, then they are deleted for good.
import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.ts';
import { logChange } from './history.ts';
import type { Registry } from './registry.ts';

export const RETENTION_DAYS = 30;

/**
 * What else goes when records are purged (attachments, say): runs in the purging transaction and may
 * return work for after it commits (removing bytes that must stay if the transaction rolls back).
 */
export type PurgeListener = (tx: Database, objectName: string, ids: string[]) => Promise<(() => Promise<void>) | void>;

/** Permanently deletes records soft-deleted more than 30 days before `now`; returns how many. */
export async function purgeDeletedRecords(db: Database, registry: Registry, now = new Date(), listeners: readonly PurgeListener[] = []): Promise<number> {
  const cutoff = new Date(now.getTime() - RETENTION_DAYS * 86_400_000).toISOString();
  let purged = 0;
  for (const def of registry.all().filter((d) => !d.isReadOnly)) {
    const afterCommit = await db.transaction(async (tx) => {
      const rows = await tx.rows<{ id: string }>(sql`delete from ${sql.identifier(def.table)}
        where deleted_at is not null and deleted_at < ${cutoff}::timestamptz returning id`);
      for (const row of rows) await logChange(tx, def.name, row.id, 'purge', null, {});
      purged += rows.length;
      if (!rows.length) return [];
      const ids = rows.map((r) => r.id);
      const work = [];
      for (const listener of listeners) work.push(await listener(tx, def.name, ids));
      return work;
    });
    for (const work of afterCommit) if (work) await work();
  }
  return purged;
}
