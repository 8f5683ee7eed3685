// Tables of the notification center: what each person was told, and how they want to be told.
import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../platform/db/schema.ts';

/** One notification for one person, stored as a kind and parameters and worded when read. */
export const notifications = pgTable(
  'notifications',
  {
    /** UUIDv7: newest first is id order, and Last-Event-ID resumes a stream by it. */
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    objectName: text('object_name'),
    recordId: uuid('record_id'),
    actorId: uuid('actor_id'),
    params: jsonb('params').notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
    /**
     * pending: to be e-mailed by the mail job; sending: claimed by a worker (since emailClaimedAt);
     * sent; skipped (the record is no longer visible, or no SMTP); failed (the server refused it for good).
     */
    emailStatus: text('email_status'),
    emailClaimedAt: timestamp('email_claimed_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.id.desc()),
    index('notifications_email_pending_idx').on(t.id).where(sql`${t.emailStatus} in ('pending', 'sending')`),
  ],
);

/** A person's choice per kind: in the app, by e-mail, both or neither (defaults per kind otherwise). */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    isInApp: boolean('is_in_app').notNull(),
    isEmail: boolean('is_email').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);
