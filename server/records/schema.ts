// The records engine's own system table: the counters behind auto-number fields.
import { bigint, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * One counter per auto-number field and period (`quotes.number.2026`). Incremented with a row lock
 * held to the end of the creating transaction: two creates never get the same number, and a create
 * that rolls back gives its number back.
 */
export const recordCounters = pgTable('record_counters', {
  key: text('key').primaryKey(),
  value: bigint('value', { mode: 'number' }).notNull(),
});
