// Who an announcement is for. Announcements are private records; publishing shares one with everyone
// or with each chosen team (a team share reaches the members of its sub-teams too), withdrawing it
// (draft, archived) takes the shares away. So every read path of the engine — list, get, search,
// counts, notifications — shows an announcement to its audience and to nobody else.
import { sql } from 'drizzle-orm';
import { notify } from '../../notifications/service.ts';
import { addShare, EVERYONE_PRINCIPAL_ID, listShares, removeShare, systemCaller, type Caller, type FieldError, type ObjectHooks, type RecordValues, type WrittenRecord } from '../../records/index.ts';

const MAX_TEAMS = 100;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The chosen team ids of an announcement (none when its audience is everyone). */
export function chosenTeamIds(record: RecordValues): string[] {
  if (record.audience !== 'teams' || !Array.isArray(record.audienceTeamIds)) return [];
  return record.audienceTeamIds.filter((id): id is string => typeof id === 'string');
}

/** Checks the chosen teams: a list of existing team ids, at least one when the audience is teams. */
async function validateAudience(c: Caller, proposed: RecordValues): Promise<FieldError[]> {
  const ids = proposed.audienceTeamIds;
  if (ids === null || ids === undefined) {
    return proposed.audience === 'teams' ? [{ field: 'audienceTeamIds', code: 'required', message: 'Choose at least one team.' }] : [];
  }
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || !uuidPattern.test(id))) {
    return [{ field: 'audienceTeamIds', code: 'invalid', message: 'A list of team ids.' }];
  }
  if (ids.length > MAX_TEAMS) return [{ field: 'audienceTeamIds', code: 'maxItems', message: `At most ${MAX_TEAMS} teams.`, params: { limit: MAX_TEAMS } }];
  if (proposed.audience === 'teams' && ids.length === 0) return [{ field: 'audienceTeamIds', code: 'required', message: 'Choose at least one team.' }];
  const [{ found }] = (await c.db.rows<{ found: number }>(sql`select count(*)::int as found from teams where id = any(${sql.param(ids)}::uuid[])`)) as [{ found: number }];
  return found === new Set(ids).size ? [] : [{ field: 'audienceTeamIds', code: 'not_found', message: 'One of the teams does not exist.' }];
}

/** The shares an announcement should have: its audience while published, none otherwise. */
function wantedShares(record: RecordValues): Array<{ principalType: 'everyone' | 'team'; principalId: string }> {
  if (record.status !== 'published') return [];
  if (record.audience === 'everyone') return [{ principalType: 'everyone', principalId: EVERYONE_PRINCIPAL_ID }];
  return chosenTeamIds(record).map((principalId) => ({ principalType: 'team', principalId }));
}

const shareKey = (s: { principalType: string; principalId: string }) => `${s.principalType}:${s.principalId}`;

/** Makes the announcement's audience shares what its status and audience say (hand-made user shares stay). */
async function syncShares(c: Caller, id: string, record: RecordValues): Promise<void> {
  const system = systemCaller(c, c.ctx.userId);
  const wanted = wantedShares(record);
  const wantedKeys = new Set(wanted.map(shareKey));
  const current = (await listShares(system, 'announcements', id)).data.filter((s) => s.principalType !== 'user');
  for (const share of current) {
    if (!wantedKeys.has(shareKey(share))) await removeShare(system, 'announcements', id, share.principalType, share.principalId);
  }
  const currentKeys = new Set(current.map(shareKey));
  for (const share of wanted) {
    if (!currentKeys.has(shareKey(share))) await addShare(system, 'announcements', id, { ...share, access: 'read' });
  }
}

/**
 * The active users an announcement is for: everyone, or the members of the chosen teams and of their
 * sub-teams (a team share reaches those too). As SQL, to be joined with reads.
 */
export function audienceUsersSql(record: RecordValues) {
  if (record.audience === 'everyone') return sql`select u.id, u.name from users u where u.is_active`;
  return sql`select u.id, u.name from users u where u.is_active and exists (
    select 1 from team_members m where m.user_id = u.id and m.team_id in (
      with recursive chosen(id) as (
        select unnest(${sql.param(chosenTeamIds(record))}::uuid[])
        union select t.id from teams t join chosen on t.parent_id = chosen.id)
      select id from chosen))`;
}

/**
 * Tells the audience (but the author) of a newly published announcement, in the publishing transaction;
 * when a published one reaches more people, only those it did not reach before.
 */
async function notifyAudience({ caller, id, before, record }: WrittenRecord): Promise<void> {
  // Work the system does by itself (the demo) gives no one a notice.
  if (caller.isSystem || !record) return;
  const toldBefore = before?.status === 'published' ? sql` and a.id not in (select b.id from (${audienceUsersSql(before)}) b)` : sql``;
  const readers = await caller.db.rows<{ id: string }>(sql`select a.id from (${audienceUsersSql(record)}) a where a.id <> ${caller.ctx.userId}::uuid${toldBefore}`);
  for (const reader of readers) {
    await notify(caller.db, { userId: reader.id, kind: 'announcement.published', objectName: 'announcements', recordId: id, actorId: caller.ctx.userId, isEmailSkipped: record.isEmailed !== true });
  }
}

/** Announcement hooks: the publication time, the audience checked, shared and told on publishing. */
export const announcementHooks: ObjectHooks = {
  beforeWrite: ({ proposed }) => {
    const derived: RecordValues = {};
    if (proposed.status === 'published' && !proposed.publishedAt) derived.publishedAt = new Date().toISOString();
    if (proposed.audience === 'everyone' && proposed.audienceTeamIds !== null && proposed.audienceTeamIds !== undefined) derived.audienceTeamIds = null;
    return derived;
  },
  validate: ({ caller, proposed }) => validateAudience(caller, proposed),
  afterWrite: async (write) => {
    const { caller, action, id, before, record } = write;
    if (!record || action === 'delete') return;
    await syncShares(caller, id, record);
    const isAudienceChanged = before?.audience !== record.audience || JSON.stringify(chosenTeamIds(before ?? {})) !== JSON.stringify(chosenTeamIds(record));
    if ((action === 'create' || action === 'update') && record.status === 'published' && (before?.status !== 'published' || isAudienceChanged)) {
      await notifyAudience(write);
    }
  },
};

/** Read receipts are written by the system when a reader opens an announcement, never by hand. */
export const readHooks: ObjectHooks = {
  validate: ({ caller }) => (caller.isSystem ? undefined : [{ field: 'announcementId', code: 'read_only', message: 'read receipts are written by the system' }]),
};
