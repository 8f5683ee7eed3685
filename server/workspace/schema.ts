// Tables of the workspace: saved list and board views, and organisation-wide settings of the app.
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { teams, users } from '../platform/db/schema.ts';

/** A named list or board of one object: filter, sort and columns, private or shared. */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey(),
    objectName: text('object_name').notNull(),
    name: text('name').notNull(),
    ownerId: uuid('owner_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** private: the owner only; team: members of teamId and its sub-teams; everyone: all who read the object. */
    visibility: text('visibility').notNull().default('private'),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    /** The view's settings (kind, filter, sort, columns …) as the API shows them. */
    settings: jsonb('settings').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('saved_views_object_idx').on(t.objectName, t.name)],
);

/** Settings an administrator makes for everyone (e.g. the navigation), one JSON value per key. */
export const orgSettings = pgTable('org_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});
