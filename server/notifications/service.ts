// The notification center: telling a person about a record, listing what they were told (only what
// they may still see), read and unread, and their preferences per kind.
import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.ts';
import { invalidField, notFound } from '../platform/http/problem.ts';
import { newId } from '../platform/ids.ts';
import { users } from '../platform/db/schema.ts';
import { decodeCursor, encodeCursor, type Caller, type SortKey } from '../records/index.ts';
import { isKind, kindNames, notificationKinds, renderMessage, type Locale, type NotificationKind } from './kinds.ts';
import { notificationPreferences, notifications } from './schema.ts';
import { recordKey, visibleRecords } from './visibility.ts';

export const NOTIFICATIONS_CHANNEL = 'guanxi_notifications';
const MAX_PAGE = 100;
// How many unread notifications are counted at most (a badge shows 99+ long before).
const MAX_UNREAD_COUNTED = 1000;

type Row = typeof notifications.$inferSelect;

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  objectName?: string;
  recordId?: string;
  actorId?: string | null;
  params?: Record<string, unknown>;
  /** No e-mail this time, whatever the person chose (e.g. an announcement its author sends in-app only). */
  isEmailSkipped?: boolean;
}

/** The kind's channels for a person: their own choice, or the kind's defaults. */
async function channelsOf(db: Database, userId: string, kind: NotificationKind) {
  const [choice] = await db.orm
    .select()
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.kind, kind)));
  return choice ? { isInApp: choice.isInApp, isEmail: choice.isEmail } : notificationKinds[kind].defaults;
}

/**
 * Tells a person about something, by the channels they chose; returns the notification's id, or null
 * when they want neither. Streams in every process hear of it once the transaction commits.
 */
export async function notify(db: Database, note: NewNotification): Promise<string | null> {
  const channels = await channelsOf(db, note.userId, note.kind);
  const isInApp = channels.isInApp;
  const isEmail = channels.isEmail && !note.isEmailSkipped;
  if (!isInApp && !isEmail) return null;
  const id = newId();
  await db.transaction(async (tx) => {
    await tx.orm.insert(notifications).values({
      id,
      userId: note.userId,
      kind: note.kind,
      objectName: note.objectName ?? null,
      recordId: note.recordId ?? null,
      actorId: note.actorId ?? null,
      params: note.params ?? {},
      // Read already when only e-mail is wanted: it then never shows in the center.
      readAt: isInApp ? null : new Date(),
      emailStatus: isEmail ? 'pending' : null,
    });
    if (isInApp) await tx.rows(sql`select pg_notify(${NOTIFICATIONS_CHANNEL}, ${JSON.stringify({ id, userId: note.userId })})`);
  });
  return id;
}

/** Notifications as their reader sees them: worded in the reader's language, with visible titles. */
export async function present(c: Caller, rows: Row[], locale: Locale) {
  const visible = await visibleRecords(c, rows);
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => Boolean(id)))];
  const actors = actorIds.length ? await c.db.orm.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, actorIds)) : [];
  const nameOf = new Map(actors.map((a) => [a.id, a.name]));
  const unknownActor = locale === 'en' ? 'Someone' : '有人';
  return rows.flatMap((row) => {
    const record = row.objectName && row.recordId ? visible.get(recordKey(row.objectName, row.recordId)) : undefined;
    // A notification about a record the reader can no longer see is not shown at all.
    if (row.recordId && !record) return [];
    const def = row.objectName && c.registry.has(row.objectName) ? c.registry.get(row.objectName) : undefined;
    const parts = { actor: (row.actorId && nameOf.get(row.actorId)) || unknownActor, objectLabel: def?.label[locale] ?? '', title: record?.title ?? null };
    return [
      {
        id: row.id,
        kind: row.kind,
        message: renderMessage(row.kind, locale, parts),
        object: row.objectName,
        recordId: row.recordId,
        title: parts.title,
        actorId: row.actorId,
        createdAt: row.createdAt.toISOString(),
        readAt: row.readAt?.toISOString() ?? null,
      },
    ];
  });
}

const idKey: SortKey[] = [{ field: { name: 'id', type: 'lookup', label: { en: 'ID', 'zh-CN': 'ID' } }, isDescending: true }];

/** The caller's notifications, newest first, keyset-paginated; `unread` lists unread ones only. */
export async function listNotifications(c: Caller, query: { unread?: boolean; limit?: number; cursor?: string }) {
  const limit = query.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw invalidField('limit', 'out_of_range', `limit must be from 1 to ${MAX_PAGE}.`);
  let after = query.cursor ? (decodeCursor(idKey, query.cursor)[0] as string) : undefined;
  const data: Awaited<ReturnType<typeof present>> = [];
  let hasMore = false;
  // Entries the reader may no longer see are skipped, so a page is filled from the next rows.
  for (let round = 0; round < 5 && data.length < limit; round++) {
    const rows = await c.db.orm
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, c.ctx.userId), query.unread ? isNull(notifications.readAt) : undefined, after ? lt(notifications.id, after) : undefined))
      .orderBy(desc(notifications.id))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    const shown = await present(c, page, c.ctx.locale);
    const room = limit - data.length;
    hasMore = rows.length > limit || shown.length > room;
    data.push(...shown.slice(0, room));
    // Resume after the last entry shown when the page filled up mid-batch, else after the batch.
    after = shown.length > room ? data.at(-1)!.id : page.at(-1)?.id;
    if (!hasMore) break;
  }
  return { data, nextCursor: hasMore && after ? encodeCursor(idKey, [after]) : null };
}

/** How many unread notifications the caller may see (at most 1,000 are counted). */
export async function countUnread(c: Caller) {
  const rows = await c.db.orm
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, c.ctx.userId), isNull(notifications.readAt)))
    .orderBy(desc(notifications.id))
    .limit(MAX_UNREAD_COUNTED);
  return { count: (await present(c, rows, c.ctx.locale)).length };
}

/** Marks one of the caller's notifications read (someone else's is a 404). */
export async function markRead(c: Caller, id: string) {
  const [row] = await c.db.orm
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, c.ctx.userId)))
    .returning({ id: notifications.id });
  if (!row) throw notFound('The notification');
}

/** Marks all of the caller's notifications read; returns how many were unread. */
export async function markAllRead(c: Caller) {
  const rows = await c.db.orm
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, c.ctx.userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { updated: rows.length };
}

/** The caller's channel per kind (their choice or the default). */
export async function getPreferences(c: Caller) {
  const chosen = await c.db.orm.select().from(notificationPreferences).where(eq(notificationPreferences.userId, c.ctx.userId));
  return {
    data: kindNames.map((kind) => {
      const choice = chosen.find((p) => p.kind === kind);
      return { kind, ...(choice ? { isInApp: choice.isInApp, isEmail: choice.isEmail } : notificationKinds[kind].defaults) };
    }),
  };
}

/** Sets the caller's channels for the kinds given. */
export async function setPreferences(c: Caller, items: Array<{ kind: string; isInApp: boolean; isEmail: boolean }>) {
  items.forEach((item, i) => {
    if (!isKind(item.kind)) throw invalidField(`items.${i}.kind`, 'unknown_kind', `"${item.kind}" is not a kind of notification.`);
  });
  await c.db.transaction(async (tx) => {
    for (const item of items) {
      await tx.orm
        .insert(notificationPreferences)
        .values({ userId: c.ctx.userId, ...item })
        .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { isInApp: item.isInApp, isEmail: item.isEmail } });
    }
  });
  return getPreferences(c);
}
