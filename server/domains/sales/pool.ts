// The customer pool (公海): accounts nobody owns. An account enters it when its owner gives it back or
// when the owner logged no activity on it for the days their team allows (the daily job below); reps
// of the pool's team claim accounts from it, each holding at most their team's limit at once. Every
// move is an engine write as the system (so the change log and the timeline show it), and a claim
// locks the account row in its transaction: of two reps racing for one account exactly one wins.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import { assertObjectAction, canDo } from '../../platform/access/index.ts';
import { Problem, notFound } from '../../platform/http/problem.ts';
import { toInteger } from '../../platform/db/database.ts';
import { recordAccessOf, systemCaller, updateRecord, writeTransaction, type Caller, type Registry } from '../../records/index.ts';
import { readPoolSettings, ruleOf, type PoolSettings } from './sales-settings.ts';
import type { PoolQuota } from './pool-shape.ts';

/** The actor of work the system does by itself (the same id boot uses for seeding). */
export const SYSTEM_ACTOR_ID = '00000000-0000-0000-0000-000000000000';
const RETURN_BATCH = 500;

/** The team whose pool a user's accounts go to: their primary team, else their first one. */
function teamOf(userId: SQL): SQL {
  return sql`(select tm.team_id::text from team_members tm where tm.user_id = ${userId} order by tm.is_primary desc, tm.team_id limit 1)`;
}

async function teamOfUser(db: Database, userId: string): Promise<string | null> {
  const [row] = await db.rows<{ team_id: string | null }>(sql`select ${teamOf(sql`${userId}::uuid`)} as team_id`);
  return row?.team_id ?? null;
}

/**
 * The pool accounts a caller may see: those of the pools of their teams (a department's pool reaches
 * its sub-teams' members) and of the company pool (no team); everything for administrators and roles
 * reading every account. Part of every pool query, never left to the screen.
 */
export function poolRows(c: Caller, alias: string): SQL {
  const a = sql.identifier(alias);
  const isInPool = sql`${a}.owner_id is null and ${a}.deleted_at is null`;
  if (!canDo(c.ctx, 'accounts', 'read')) return sql`false`;
  if (c.ctx.isAdmin || canDo(c.ctx, 'accounts', 'readAll')) return isInPool;
  return sql`${isInPool} and (${a}.pool_team_id is null or ${a}.pool_team_id = any(${sql.param(c.ctx.teamIds)}::text[]))`;
}

/** How many accounts claimed from the pool a user holds now. */
async function heldCount(db: Database, userId: string): Promise<number> {
  const [row] = await db.rows<{ n: unknown }>(sql`select count(*) as n from accounts
    where owner_id = ${userId}::uuid and claimed_at is not null and deleted_at is null`);
  return toInteger(row?.n ?? 0);
}

/** The caller's quota: how many pool accounts they may hold, hold, and may still claim. */
export async function poolQuota(c: Caller, settings?: PoolSettings): Promise<PoolQuota> {
  const rules = settings ?? (await readPoolSettings(c.db));
  const { claimLimit } = ruleOf(rules, await teamOfUser(c.db, c.ctx.userId));
  const held = await heldCount(c.db, c.ctx.userId);
  return { claimLimit, held, remaining: Math.max(0, claimLimit - held) };
}

/**
 * Gives an account to the caller from a pool they may see. Their claims run one at a time (their user
 * row is locked), so the quota cannot be overrun by parallel requests; the account row is locked and
 * must still have no owner, so a second claimer finds it taken (409).
 */
export async function claimAccount(c: Caller, id: string) {
  const accounts = c.registry.get('accounts');
  assertObjectAction(c.ctx, accounts, 'edit');
  const settings = await readPoolSettings(c.db);
  return writeTransaction(c, async (t) => {
    await t.db.rows(sql`select id from users where id = ${c.ctx.userId}::uuid for update`);
    const [row] = await t.db.rows<{ id: string }>(sql`select a.id from accounts a
      where a.id = ${id}::uuid and ${poolRows(c, 'a')} for update of a`);
    if (!row) {
      // Someone claimed it first when the caller can still see where it was; otherwise it is not theirs to know.
      if ((await recordAccessOf(t, 'accounts', id)) !== 'none') throw new Problem(409, { key: 'detail.poolAlreadyClaimed' });
      const [taken] = await t.db.rows(sql`select 1 from accounts a where a.id = ${id}::uuid and a.deleted_at is null and a.owner_id is not null
        and a.claimed_at is not null and (a.pool_team_id is null or a.pool_team_id = any(${sql.param(c.ctx.teamIds)}::text[]))`);
      if (taken) throw new Problem(409, { key: 'detail.poolAlreadyClaimed' });
      throw notFound('The account');
    }
    const quota = await poolQuota(t, settings);
    if (quota.remaining <= 0) throw new Problem(409, { key: 'detail.poolClaimLimit', params: { limit: quota.claimLimit } });
    const record = await updateRecord(systemCaller(t, c.ctx.userId), 'accounts', id, {
      ownerId: c.ctx.userId,
      claimedAt: new Date().toISOString(),
      pooledAt: null,
    });
    return { id: record.id as string, name: record.name as string, claimLimit: quota.claimLimit, held: quota.held + 1, remaining: quota.remaining - 1 };
  });
}

/** Moves an account into the pool of its owner's team (the company pool for owners in no team). */
async function moveToPool(c: Caller, id: string, ownerId: string, expectedVersion?: number) {
  const poolTeamId = await teamOfUser(c.db, ownerId);
  return updateRecord(c, 'accounts', id, { ownerId: null, pooledAt: new Date().toISOString(), claimedAt: null, poolTeamId }, expectedVersion);
}

/** Gives an account the caller may edit back to the pool (as the caller, written by the system). */
export async function returnAccount(c: Caller, id: string) {
  const accounts = c.registry.get('accounts');
  assertObjectAction(c.ctx, accounts, 'edit');
  const access = await recordAccessOf(c, 'accounts', id);
  if (access === 'none') throw notFound('The account');
  if (access !== 'edit') throw new Problem(403, { key: 'detail.poolReturnNeedsEdit' });
  return writeTransaction(c, async (t) => {
    const [row] = await t.db.rows<{ owner_id: string | null }>(sql`select owner_id from accounts where id = ${id}::uuid for update`);
    if (!row?.owner_id) throw new Problem(409, { key: 'detail.poolAlreadyInPool' });
    const record = await moveToPool(systemCaller(t, c.ctx.userId), id, row.owner_id);
    return { id: record.id as string, poolTeamId: (record.poolTeamId as string | null) ?? null };
  });
}

/**
 * Returns to the pool every owned account whose owner logged no activity on it (and did not take it
 * over) for their team's number of days at `now`; returns how many moved. An account changed since it
 * was judged (a 412 on its version) is left for the next run.
 */
export async function returnIdleAccounts(db: Database, registry: Registry, now: Date): Promise<number> {
  const settings = await readPoolSettings(db);
  const teamRules = settings.teams.map((r) => sql`(${r.teamId}::text, ${r.idleDays}::int)`);
  const rules = teamRules.length ? sql`(values ${sql.join(teamRules, sql`, `)})` : sql`(select null::text, null::int where false)`;
  // A team without a rule of its own follows the default; a rule's null days (or the default's) mean never.
  const idleDays = sql`(case when r.team_id is null then ${settings.defaultIdleDays}::int else r.idle_days end)`;
  const lastTouch = sql`greatest(coalesce(a.owned_since, a.created_at), (select max(x.created_at) from activities x
    where x.deleted_at is null and x.owner_id = a.owner_id and (x.account_id = a.id or (x.related_object = 'accounts' and x.related_id = a.id))))`;
  const system = systemCaller({ db, registry }, SYSTEM_ACTOR_ID);
  let moved = 0;
  let after = SYSTEM_ACTOR_ID; // the smallest uuid: the keyset starts before every account
  for (;;) {
    const due = await db.rows<{ id: string; owner_id: string; version: unknown }>(sql`select a.id, a.owner_id, a.version
      from accounts a cross join lateral (select ${teamOf(sql`a.owner_id`)} as team_id) o
      left join ${rules} as r(team_id, idle_days) on r.team_id = o.team_id
      where a.deleted_at is null and a.owner_id is not null and a.id > ${after}::uuid
        and ${lastTouch} < ${now.toISOString()}::timestamptz - make_interval(days => ${idleDays})
      order by a.id limit ${RETURN_BATCH}`);
    for (const row of due) {
      try {
        await moveToPool(system, row.id, row.owner_id, toInteger(row.version));
        moved++;
      } catch (error) {
        if (!(error instanceof Problem && error.status === 412)) throw error;
      }
    }
    if (due.length < RETURN_BATCH) return moved;
    after = due.at(-1)!.id;
  }
}
