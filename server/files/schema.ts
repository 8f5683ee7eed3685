// Attachments: the file's facts here, its bytes in the file store (see store.ts).
import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A file attached to a record of any object; readable by whoever may read the record. */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey(),
    objectName: text('object_name').notNull(),
    recordId: uuid('record_id').notNull(),
    fileName: text('file_name').notNull(),
    /** Sniffed from the bytes, never taken from the client. */
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    /** Where the bytes are in the file store. */
    storageKey: text('storage_key').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('attachments_record_idx').on(t.objectName, t.recordId, t.createdAt)],
);
