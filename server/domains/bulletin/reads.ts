// Read receipts and the board: a read is recorded once per reader when they open an announcement;
// the board lists what the caller may see (pinned first, then newest) with what they have not read;
// the author (and administrators) see who has read an announcement and who in its audience has not.
import { sql } from 'drizzle-orm';
import { Problem } from '../../platform/http/problem.ts';
import { baseConditions, createRecord, getRecord, listRecords, recordAccessOf, systemCaller, writeTransaction, type Caller, type RecordValues } from '../../records/index.ts';
import { audienceUsersSql } from './audience.ts';
import type { Receipts } from './bulletin-shape.ts';

const MAX_BOARD = 200;
const MAX_RECEIPTS = 5000;
const readsTable = (c: Caller) => sql.identifier(c.registry.get('announcementReads').table);

/** Live: published and not expired at `now` (columns of the announcement aliased `a`). */
const isLive = (now: Date) => sql`a.status = 'published' and (a.expires_at is null or a.expires_at > ${now.toISOString()}::timestamptz)`;

/**
 * Records that the caller opened an announcement they may read (404 otherwise); a second open keeps
 * the first read. Drafts and archived announcements are not counted as read.
 */
export async function markRead(c: Caller, announcementId: string, now = new Date()): Promise<{ readAt: string | null }> {
  const announcement = await getRecord(c, 'announcements', announcementId);
  if (announcement.status !== 'published') return { readAt: null };
  const readerId = c.ctx.userId;
  const readKey = `${announcementId}:${readerId}`;
  return writeTransaction(c, async (t) => {
    // Two opens at once: the second waits here and then finds the first's read.
    await t.db.rows(sql`select pg_advisory_xact_lock(hashtext(${readKey}))`);
    const [existing] = await t.db.rows<{ read_at: Date | string }>(sql`select read_at from ${readsTable(t)} where read_key = ${readKey} and deleted_at is null`);
    if (existing) return { readAt: new Date(existing.read_at).toISOString() };
    const readAt = now.toISOString();
    await createRecord(systemCaller(t, readerId), 'announcementReads', { announcementId, readerId, readAt, readKey, ownerId: readerId });
    return { readAt };
  });
}

/** Of these announcements, the ones the caller has read. */
async function readIds(c: Caller, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await c.db.rows<{ announcement_id: string }>(
    sql`select announcement_id from ${readsTable(c)} where reader_id = ${c.ctx.userId}::uuid and deleted_at is null and announcement_id = any(${sql.param(ids)}::uuid[])`,
  );
  return new Set(rows.map((r) => r.announcement_id));
}

/**
 * The board as the caller may see it: published, unexpired announcements (of one column, or all),
 * pinned first, then newest, each marked read or not; with the caller's unread count.
 */
export async function board(c: Caller, query: { columnId?: string; now?: Date }) {
  const now = query.now ?? new Date();
  const def = c.registry.get('announcements');
  // Which ones and in what order is the module's rule, whatever fields the caller's role may see; so it
  // is chosen in SQL (with the engine's access conditions) and the records are then read as the caller.
  const column = query.columnId ? sql` and a.column_id = ${query.columnId}::uuid` : sql``;
  const chosen = await c.db.rows<{ id: string }>(sql`select a.id from ${sql.identifier(def.table)} a
    where ${sql.join(baseConditions(c, def, 'a'), sql` and `)} and ${isLive(now)}${column}
    order by a.is_pinned desc nulls last, a.published_at desc nulls last, a.id desc limit ${MAX_BOARD}`);
  const ids = chosen.map((row) => row.id);
  const { data: rows } = ids.length ? await listRecords(c, 'announcements', { filter: `id in (${ids.map((id) => `'${id}'`).join(', ')})`, limit: MAX_BOARD }) : { data: [] };
  const byId = new Map(rows.map(({ body: _body, ...rest }) => [rest.id as string, rest]));
  const read = await readIds(c, ids);
  // Authors have read what they wrote.
  const isRead = (a: RecordValues) => read.has(a.id as string) || a.ownerId === c.ctx.userId;
  const data = ids.flatMap((id) => (byId.has(id) ? [{ ...byId.get(id)!, isRead: isRead(byId.get(id)!) }] : []));
  return { data, unreadCount: await unreadCount(c, now) };
}

/** How many live announcements of others the caller may see and has not opened (the menu's badge). */
export async function unreadCount(c: Caller, now = new Date()): Promise<number> {
  const def = c.registry.get('announcements');
  const [row] = await c.db.rows<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(def.table)} a
    where ${sql.join(baseConditions(c, def, 'a'), sql` and `)} and ${isLive(now)} and a.owner_id <> ${c.ctx.userId}::uuid
      and not exists (select 1 from ${readsTable(c)} r where r.announcement_id = a.id and r.reader_id = ${c.ctx.userId}::uuid and r.deleted_at is null)`);
  return Number(row?.n ?? 0);
}

export type { Receipts } from './bulletin-shape.ts';

/**
 * Who has read an announcement and who of its audience (its author aside) has not, for those who may
 * edit it (its author, their managers, administrators): 404 when invisible, 403 when only readable.
 */
export async function receipts(c: Caller, announcementId: string): Promise<Receipts> {
  await getRecord(c, 'announcements', announcementId);
  if ((await recordAccessOf(c, 'announcements', announcementId)) !== 'edit') throw new Problem(403, { key: 'bulletin.receiptsAuthorOnly' });
  // The audience as stored, even where the caller's role hides its fields.
  const announcement: RecordValues = await getRecord(systemCaller(c, c.ctx.userId), 'announcements', announcementId);
  const reads = readsTable(c);
  const read = await c.db.rows<{ user_id: string; name: string; read_at: Date | string }>(sql`select r.reader_id as user_id, u.name, r.read_at
    from ${reads} r join users u on u.id = r.reader_id
    where r.announcement_id = ${announcementId}::uuid and r.reader_id <> ${announcement.ownerId as string}::uuid and r.deleted_at is null order by r.read_at, u.name limit ${MAX_RECEIPTS}`);
  const notRead = await c.db.rows<{ id: string; name: string }>(sql`select a.id, a.name from (${audienceUsersSql(announcement)}) a
    where a.id <> ${announcement.ownerId as string}::uuid
      and not exists (select 1 from ${reads} r where r.announcement_id = ${announcementId}::uuid and r.reader_id = a.id and r.deleted_at is null)
    order by a.name, a.id limit ${MAX_RECEIPTS}`);
  return {
    read: read.map((r) => ({ userId: r.user_id, name: r.name, readAt: new Date(r.read_at).toISOString() })),
    notRead: notRead.map((r) => ({ userId: r.id, name: r.name })),
  };
}
