// A person's private iCalendar feed: a secret URL a calendar client (Outlook, Apple, Google) subscribes
// to. The secret is 32 random bytes shown once; only its SHA-256 is stored (a `calendarFeeds` record of
// the person's), so a database dump opens no calendar. Making a new one replaces the old; revoking
// deletes it. The feed holds what its owner may read now, through the engine with their own access.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import { loadRequestContext } from '../../platform/access/load-context.ts';
import { createRecord, listRecords, systemCaller, type Caller, type Registry, type RecordValues } from '../../records/index.ts';
import { whoseFilter } from './occurrences.ts';
import { writeCalendar } from './ics-write.ts';

/** How far back the feed reaches: clients keep what they already have, and a feed must stay small. */
const FEED_PAST_MS = 90 * 86_400_000;
const FEED_MAX_EVENTS = 5000;

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Removes the caller's feed, if any (as the system: nobody else writes feeds); returns whether there was one. */
export async function revokeFeed(c: Caller): Promise<boolean> {
  const removed = await c.db.rows(sql`delete from calendar_feeds where owner_id = ${c.ctx.userId}::uuid returning id`);
  return removed.length > 0;
}

/** Makes a new secret feed for the caller (replacing an old one); returns the secret, shown only now. */
export async function createFeed(c: Caller): Promise<{ secret: string; path: string }> {
  const secret = randomBytes(32).toString('base64url');
  await c.db.transaction(async (tx) => {
    const t = { ...c, db: tx };
    await revokeFeed(t);
    await createRecord(systemCaller(t, c.ctx.userId), 'calendarFeeds', { label: 'iCalendar', tokenHash: hashOf(secret), ownerId: c.ctx.userId });
  });
  return { secret, path: `/api/v1/calendar/feed/${secret}.ics` };
}

/** Whether the caller has a feed now (the secret itself cannot be shown again). */
export async function hasFeed(c: Caller): Promise<boolean> {
  const rows = await c.db.rows(sql`select 1 from calendar_feeds where owner_id = ${c.ctx.userId}::uuid and deleted_at is null limit 1`);
  return rows.length > 0;
}

/** The feed's text for a secret, or null when no live feed has it (or its owner was disabled). */
export async function feedFor(db: Database, registry: Registry, secret: string, now: number): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) return null;
  const [feed] = await db.rows<{ owner_id: string }>(sql`select owner_id from calendar_feeds where token_hash = ${hashOf(secret)} and deleted_at is null`);
  if (!feed) return null;
  const ctx = await loadRequestContext(db, feed.owner_id);
  if (!ctx) return null;
  const owner: Caller = { db, registry, ctx };
  const since = new Date(now - FEED_PAST_MS).toISOString();
  const events: RecordValues[] = [];
  let cursor: string | undefined;
  do {
    const page = await listRecords(owner, 'calendarEvents', {
      filter: `${whoseFilter(owner, undefined)} and (endAt gte '${since}' or seriesEndAt gte '${since}')`,
      sort: 'startAt',
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    events.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && events.length < FEED_MAX_EVENTS);
  return writeCalendar(events, { name: 'Guanxi', now });
}
