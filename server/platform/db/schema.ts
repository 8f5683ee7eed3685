// The fixed system tables. Record tables (accounts, contacts, custom objects …) are not here: they are
// created from object definitions by server/records/ddl.ts. Change this file, then `npm run db:generate`.
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** People who sign in. Also exposed read-only as the `users` record object, so it carries record columns. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    version: integer('version').notNull().default(1),
    email: text('email').notNull(),
    name: text('name').notNull(),
    locale: text('locale').notNull().default('zh-CN'),
    timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
    isActive: boolean('is_active').notNull().default(true),
    isAdmin: boolean('is_admin').notNull().default(false),
    passwordHash: text('password_hash'),
    ownerId: uuid('owner_id'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
    updatedBy: uuid('updated_by'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: uuid('deleted_by'),
    searchTokens: text('search_tokens').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)],
);

/** API keys: only a SHA-256 of the secret is kept; the secret is shown once. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_keys_prefix_key').on(t.prefix)],
);

/** Admin-defined objects and fields, stored as definitions; DDL makes them real tables and columns. */
export const customObjects = pgTable('custom_objects', {
  name: text('name').primaryKey(),
  definition: jsonb('definition').notNull(),
  createdAt: createdAt(),
});

export const customFields = pgTable(
  'custom_fields',
  {
    objectName: text('object_name').notNull(),
    name: text('name').notNull(),
    definition: jsonb('definition').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.objectName, t.name] })],
);

/** Field-level change log of every record write: the source of history and the timeline. */
export const recordChanges = pgTable(
  'record_changes',
  {
    id: uuid('id').primaryKey(),
    objectName: text('object_name').notNull(),
    recordId: uuid('record_id').notNull(),
    action: text('action').notNull(),
    actorId: uuid('actor_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    changes: jsonb('changes').notNull(),
  },
  (t) => [index('record_changes_record_idx').on(t.recordId, t.at.desc(), t.id.desc())],
);

/** Administrative and security events (metadata changes, keys …), apart from record changes. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    target: text('target').notNull(),
    details: jsonb('details').notNull().default({}),
  },
  (t) => [index('audit_events_at_idx').on(t.at.desc())],
);

/** Responses to POSTs sent with an Idempotency-Key, replayed on retry. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    responseBody: jsonb('response_body'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
