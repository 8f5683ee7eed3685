// Teams: the department tree.
import { eq, sql } from 'drizzle-orm';
import { keysetPage, pageKeys, type PageQuery } from './paging.ts';
import type { Database } from '../platform/db/index.ts';
import { teamMembers, teams } from '../platform/db/schema.ts';
import { newId } from '../platform/ids.ts';
import { Problem, invalidField, notFound } from '../platform/http/problem.ts';
import { logAuditEvent } from '../platform/audit/audit.ts';
import type { RequestContext } from '../platform/auth/context.ts';

export interface TeamInput {
  name?: string;
  parentId?: string | null;
}

/** All teams with their parent and member count, in name order. */
export async function listTeams(db: Database, query: PageQuery = {}) {
  return keysetPage(pageKeys('name'), query, (after, limit) =>
    db.orm
      .select({ id: teams.id, name: teams.name, parentId: teams.parentId, memberCount: sql<number>`(select count(*)::int from team_members m where m.team_id = ${teams.id})` })
      .from(teams)
      .where(after ? sql`(${teams.name}, ${teams.id}) > (${after[0]}::text, ${after[1]}::uuid)` : undefined)
      .orderBy(teams.name, teams.id)
      .limit(limit),
    (team) => team.name,
  );
}

async function assertParentAllowed(db: Database, teamId: string | null, parentId: string | null | undefined) {
  if (!parentId) return;
  const [parent] = await db.orm.select({ id: teams.id }).from(teams).where(eq(teams.id, parentId));
  if (!parent) throw invalidField('parentId', 'not_found', 'No team with this id.');
  if (!teamId) return;
  // The new parent must not be the team itself or one of its descendants.
  const [loop] = await db.rows(sql`with recursive below(id) as (select ${teamId}::uuid union select t.id from teams t join below b on t.parent_id = b.id)
    select 1 from below where id = ${parentId}::uuid`);
  if (loop) throw invalidField('parentId', 'cycle', 'A team cannot sit below itself.');
}

/** Creates a team under an optional parent. */
export async function createTeam(db: Database, ctx: RequestContext, input: Required<Pick<TeamInput, 'name'>> & TeamInput) {
  await assertParentAllowed(db, null, input.parentId);
  const team = { id: newId(), name: input.name, parentId: input.parentId ?? null };
  await db.transaction(async (tx) => {
    await tx.orm.insert(teams).values(team);
    await logAuditEvent(tx, { actorId: ctx.userId, action: 'team.create', target: team.id, details: team });
  });
  return team;
}

/** Renames or moves a team. */
export async function updateTeam(db: Database, ctx: RequestContext, id: string, input: TeamInput) {
  const [existing] = await db.orm.select().from(teams).where(eq(teams.id, id));
  if (!existing) throw notFound('The team');
  await assertParentAllowed(db, id, input.parentId);
  const [team] = await db.transaction(async (tx) => {
    await logAuditEvent(tx, { actorId: ctx.userId, action: 'team.update', target: id, details: { before: existing, changes: input } });
    return tx.orm.update(teams).set(input).where(eq(teams.id, id)).returning();
  });
  return team;
}

/** Deletes a team without sub-teams; its memberships go with it. */
export async function deleteTeam(db: Database, ctx: RequestContext, id: string) {
  const [child] = await db.orm.select({ id: teams.id }).from(teams).where(eq(teams.parentId, id)).limit(1);
  if (child) throw new Problem(409, { key: 'detail.teamHasSubteams' });
  await db.transaction(async (tx) => {
    const deleted = await tx.orm.delete(teams).where(eq(teams.id, id)).returning();
    if (!deleted.length) throw notFound('The team');
    await tx.orm.delete(teamMembers).where(eq(teamMembers.teamId, id));
    await logAuditEvent(tx, { actorId: ctx.userId, action: 'team.delete', target: id, details: deleted[0] });
  });
}
