// Reading the customer pool: the pools a caller may see with how many accounts wait in each, and a
// page of their accounts. What the caller may see is part of the SQL (poolRows), and the fields shown
// are those their role may see on accounts.
import { sql } from 'drizzle-orm';
import { toInteger } from '../../platform/db/database.ts';
import { assertObjectAction } from '../../platform/access/index.ts';
import { definitionFor, type Caller } from '../../records/index.ts';
import { poolQuota, poolRows } from './pool.ts';
import type { PoolAccount, PoolAccountPage, PoolOverview } from './pool-shape.ts';

export interface PoolListQuery {
  /** A team's pool, or `company` for the pool of no team. */
  teamId?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

// The account fields a pool row shows, when the caller's role lets them see them.
const shownFields = ['name', 'type', 'industry', 'rating', 'city', 'province', 'pooledAt'] as const;

/** The pools the caller may see (team name, accounts waiting) and their quota. */
export async function poolOverview(c: Caller): Promise<PoolOverview> {
  assertObjectAction(c.ctx, c.registry.get('accounts'), 'read');
  const pools = await c.db.rows<{ team_id: string | null; team_name: string | null; n: unknown }>(sql`select a.pool_team_id as team_id,
      (select t.name from teams t where t.id::text = a.pool_team_id) as team_name, count(*) as n
    from accounts a where ${poolRows(c, 'a')} group by 1 order by 2 nulls first`);
  return {
    ...(await poolQuota(c)),
    pools: pools.map((p) => ({ teamId: p.team_id, teamName: p.team_name, count: toInteger(p.n) })),
  };
}

/** A page of pool accounts the caller may see, newest first (keyset on the id). */
export async function listPoolAccounts(c: Caller, query: PoolListQuery): Promise<PoolAccountPage> {
  const accounts = c.registry.get('accounts');
  assertObjectAction(c.ctx, accounts, 'read');
  const visible = new Set(definitionFor(c, accounts)?.fields.map((f) => f.name));
  const fields = shownFields.filter((f) => visible.has(f));
  const limit = query.limit ?? 50;
  const conditions = [poolRows(c, 'a')];
  if (query.teamId === 'company') conditions.push(sql`a.pool_team_id is null`);
  else if (query.teamId) conditions.push(sql`a.pool_team_id = ${query.teamId}`);
  if (query.q && visible.has('name')) conditions.push(sql`strpos(lower(a.name), lower(${query.q})) > 0`);
  if (query.cursor) conditions.push(sql`a.id < ${query.cursor}::uuid`);
  const rows = await c.db.rows<Record<string, unknown>>(sql`select a.id, a.pool_team_id, a.name, a.type, a.industry, a.rating, a.city, a.province, a.pooled_at
    from accounts a where ${sql.join(conditions, sql` and `)} order by a.id desc limit ${limit + 1}`);
  const page = rows.slice(0, limit);
  const data = page.map((row) => {
    const item: PoolAccount = { id: row.id as string, poolTeamId: (row.pool_team_id as string | null) ?? null };
    for (const field of fields) {
      const value = row[field === 'pooledAt' ? 'pooled_at' : field] ?? null;
      Object.assign(item, { [field]: value instanceof Date ? value.toISOString() : value === null || field !== 'pooledAt' ? value : new Date(String(value)).toISOString() });
    }
    return item;
  });
  return { data, nextCursor: rows.length > limit ? String(page.at(-1)!.id) : null };
}
