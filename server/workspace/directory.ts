// The team directory every signed-in user may read: the names of teams, so that records and views
// can be shared with one. Team names are not secret inside a company; members and rules are admin-only.
import { and, asc, ilike, inArray } from 'drizzle-orm';
import { Type } from 'typebox';
import type { Database } from '../platform/db/index.ts';
import { teams } from '../platform/db/schema.ts';

export const teamDirectoryQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  limit: Type.Optional(Type.Integer({ format: 'int32', minimum: 1, maximum: 100, default: 50 })),
  ids: Type.Optional(Type.String({ maxLength: 3800, description: 'comma-separated team ids: names for ids a record holds' })),
});

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Teams whose name contains `q` (all when empty), by name, at most `limit` (a typeahead, not a list to
 * page); with `ids` (comma-separated), only those teams: the names of the teams a record holds ids of.
 */
export async function findTeams(db: Database, q = '', limit = 50, ids?: string) {
  const pattern = `%${q.trim().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const wanted =
    ids === undefined
      ? undefined
      : ids
          .split(',')
          .map((id) => id.trim())
          .filter((id) => uuidPattern.test(id));
  if (wanted?.length === 0) return { data: [] };
  const rows = await db.orm
    .select({ id: teams.id, name: teams.name, parentId: teams.parentId })
    .from(teams)
    .where(and(ilike(teams.name, pattern), wanted ? inArray(teams.id, wanted) : undefined))
    .orderBy(asc(teams.name), asc(teams.id))
    .limit(limit);
  return { data: rows };
}
