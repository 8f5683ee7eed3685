// Attachments go with their record when the recycle bin is purged: the rows in the purging
// transaction, the bytes once it has committed (so a rolled-back purge keeps them).
import { and, eq, inArray } from 'drizzle-orm';
import type { PurgeListener } from '../records/index.ts';
import { attachments } from './schema.ts';
import type { FileStore } from './store.ts';

/** The purge listener that removes purged records' attachments from the database and the store. */
export function purgeAttachments(store: FileStore, onError: (error: unknown) => void = () => {}): PurgeListener {
  return async (tx, objectName, ids) => {
    const removed = await tx.orm
      .delete(attachments)
      .where(and(eq(attachments.objectName, objectName), inArray(attachments.recordId, ids)))
      .returning({ storageKey: attachments.storageKey });
    if (!removed.length) return;
    return async () => {
      // A file already gone is not an error worth stopping the purge for; it is reported.
      for (const { storageKey } of removed) await store.remove(storageKey).catch(onError);
    };
  };
}
