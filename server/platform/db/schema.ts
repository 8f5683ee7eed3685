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
    passwordHash: text('password_hash'),
    /** The user's role (permissions); null means the read-only role. */
    roleId: uuid('role_id'),
    /** The user's manager: managers see and edit their subordinates' records. */
    managerId: uuid('manager_id'),
    /** TOTP secret (base32) once MFA is enrolled; confirmed when mfaEnabledAt is set. */
    mfaSecret: text('mfa_secret'),
    mfaEnabledAt: timestamp('mfa_enabled_at', { withTimezone: true }),
    /** SHA-256 hashes of unused recovery codes. */
    mfaRecoveryCodes: text('mfa_recovery_codes').array().notNull().default(sql`'{}'::text[]`),
    /** The last TOTP time step accepted, so a code cannot be replayed within its validity window. */
    mfaLastUsedStep: integer('mfa_last_used_step'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
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
    /** An optional narrower role: the key may do only what both it and its user's role allow. */
    roleId: uuid('role_id'),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** After this time the key authenticates no request; null: it does not expire. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
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
    /** The ETag and Location of the first response, replayed with it. */
    responseHeaders: jsonb('response_headers'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/** Roles: object and field permissions as JSON (see server/platform/access/permissions.ts). */
export const roles = pgTable('roles', {
  id: uuid('id').primaryKey(),
  key: text('key').notNull().unique(),
  name: jsonb('name').notNull(),
  isSystem: boolean('is_system').notNull().default(false),
  permissions: jsonb('permissions').notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Teams form the department tree. */
export const teams = pgTable('teams', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  parentId: uuid('parent_id'),
  createdAt: createdAt(),
});

/** Membership of users in teams; exactly one membership per user is primary. */
export const teamMembers = pgTable(
  'team_members',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    isPrimary: boolean('is_primary').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId] }),
    index('team_members_user_idx').on(t.userId),
    uniqueIndex('team_members_primary_key').on(t.userId).where(sql`${t.isPrimary}`),
  ],
);

/** Org-wide default record access per object, when an admin overrides the definition's default. */
export const objectAccessDefaults = pgTable('object_access_defaults', {
  objectName: text('object_name').primaryKey(),
  access: text('access').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Records matching a filter are shared with a team or a role. */
export const sharingRules = pgTable('sharing_rules', {
  id: uuid('id').primaryKey(),
  objectName: text('object_name').notNull(),
  name: text('name').notNull(),
  filter: text('filter').notNull(),
  principalType: text('principal_type').notNull(),
  principalId: uuid('principal_id').notNull(),
  access: text('access').notNull(),
  createdAt: createdAt(),
});

/** One record shared by hand with a user or a team. */
export const recordShares = pgTable(
  'record_shares',
  {
    objectName: text('object_name').notNull(),
    recordId: uuid('record_id').notNull(),
    principalType: text('principal_type').notNull(),
    principalId: uuid('principal_id').notNull(),
    access: text('access').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.recordId, t.principalType, t.principalId] }),
    index('record_shares_principal_idx').on(t.principalId, t.objectName),
  ],
);

/** Web sessions: only a SHA-256 of the cookie value is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** When the user last proved who they are in this session (password or code), for security actions. */
    reauthenticatedAt: timestamp('reauthenticated_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** One-time password-reset links: only a SHA-256 of the token is stored. */
export const passwordResets = pgTable('password_resets', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: createdAt(),
});

/** Fixed-window counters for throttling (login attempts per account and per IP). */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  count: integer('count').notNull(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
});
