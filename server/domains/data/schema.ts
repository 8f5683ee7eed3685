// Tables of imports: each import (its file, settings and progress), what it did to each row (the
// checkpoint a resumed run skips, and what undo restores), and mappings saved for the next file.
import { bigint, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/db/schema.ts';

// PGlite hands bytea back as a Uint8Array, pg as a Buffer: callers always get a Buffer.
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({ dataType: () => 'bytea', fromDriver: (value) => Buffer.from(value) });

/** One import of one file into one object, from upload to undo. */
export const importRuns = pgTable(
  'import_runs',
  {
    id: uuid('id').primaryKey(),
    objectName: text('object_name').notNull(),
    createdBy: uuid('created_by').notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** uploaded → queued → running → completed | failed; completed → undoing → undone. */
    status: text('status').notNull(),
    fileName: text('file_name').notNull(),
    /** The uploaded bytes (the error file is made from them), emptied by the clean-up after the retention period. */
    content: bytea('content').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** How the file is read: format, encoding, delimiter (detected, then as the user chose). */
    source: jsonb('source').notNull(),
    /** Mapping, transforms and matching (see import-settings.ts). */
    settings: jsonb('settings'),
    totalRows: integer('total_rows').notNull().default(0),
    /** Rows handled by committed batches: the checkpoint. */
    processedRows: integer('processed_rows').notNull().default(0),
    /** created, updated, unchanged, skipped, failed. */
    counts: jsonb('counts').notNull().default({}),
    /** Why a run stopped, when it failed as a whole. */
    failure: text('failure'),
    /** The last dry run of a large file, run as a job: its progress, then what it found (import-dry-run.ts). */
    dryRun: jsonb('dry_run'),
    /** When the uploaded bytes were removed by the clean-up (content is then empty; see import-cleanup.ts). */
    contentRemovedAt: timestamp('content_removed_at', { withTimezone: true }),
    /** After undo: the records left alone because they changed since the import. */
    undoConflicts: jsonb('undo_conflicts'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [index('import_runs_creator_idx').on(t.createdBy, t.createdAt)],
);

/** What one row of an import did; written in the batch's transaction, with the records. */
export const importRows = pgTable(
  'import_rows',
  {
    runId: uuid('run_id').notNull().references(() => importRuns.id, { onDelete: 'cascade' }),
    /** 1-based data row (the header is row 0). */
    rowNumber: integer('row_number').notNull(),
    /** created, updated, unchanged, skipped, failed. */
    outcome: text('outcome').notNull(),
    recordId: uuid('record_id'),
    /** The record's version right after the import wrote it: undo leaves it alone if it moved on. */
    version: integer('version'),
    /** Updated rows: the previous values of the fields the import changed. */
    previous: jsonb('previous'),
    /** Failed and skipped rows: why, as catalogue key and parameters. */
    reason: jsonb('reason'),
    /** After undo: done, or conflict (changed since the import, left alone). */
    undo: text('undo'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.rowNumber] })],
);

/** A column mapping saved for files of the same shape. */
export const importMappings = pgTable(
  'import_mappings',
  {
    id: uuid('id').primaryKey(),
    objectName: text('object_name').notNull(),
    name: text('name').notNull(),
    createdBy: uuid('created_by').notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** Column title → field name, and the transforms (import-settings.ts). */
    settings: jsonb('settings').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('import_mappings_object_idx').on(t.objectName, t.name)],
);
