// The team directory every signed-in user may read: the names of teams, so that records and views
// can be shared with one. Team names are not secret inside a company; members and rules are admin-only.
import { asc, ilike } from 'drizzle-orm';
import { Type } from 'typebox';
import type { Database } from '../platform/db/index.ts';
import { teams } from '../platform/db/schema.ts';

export const teamDirectoryQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  limit: Type.Optional(Type.Integer({ format: 'int32', minimum: 1, maximum: 100, default: 50 })),
});

/** Teams whose name contains `q` (all when empty), by name, at most `limit` (a typeahead, not a list to page). */
export async function findTeams(db: Database, q = '', limit = 50) {
  const pattern = `%${q.trim().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const rows = await db.orm
    .select({ id: teams.id, name: teams.name, parentId: teams.parentId })
    .from(teams)
    .where(ilike(teams.name, pattern))
    .orderBy(asc(teams.name), asc(teams.id))
    .limit(limit);
  return { data: rows };
}
