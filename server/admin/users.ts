// Users: create, change role / manager / teams, disable. Users are also readable as records
// (GET /api/v1/users), so their search tokens are kept current here.
import { and, asc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../platform/db/index.ts';
import { apiKeys, roles, teamMembers, teams, users } from '../platform/db/schema.ts';
import { endAllSessions } from '../platform/auth/sessions.ts';
import { newId } from '../platform/ids.ts';
import { Problem, invalidField, notFound } from '../platform/http/problem.ts';
import { logAuditEvent } from '../platform/audit/audit.ts';
import { indexTokens } from '../platform/search/tokens.ts';
import type { RequestContext } from '../platform/auth/context.ts';
import { uuidSchema } from './guard.ts';
import { keysetPage, pageKeys, type PageQuery } from './paging.ts';

const userProperties = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  roleId: uuidSchema,
  managerId: { anyOf: [uuidSchema, { type: 'null' }] },
  locale: { type: 'string', enum: ['en', 'zh-CN'] },
  timeZone: { type: 'string', minLength: 1, maxLength: 64 },
  isActive: { type: 'boolean' },
  teamIds: { type: 'array', uniqueItems: true, maxItems: 100, items: uuidSchema },
  primaryTeamId: { anyOf: [uuidSchema, { type: 'null' }] },
} as const;

export const userBodySchema = {
  type: 'object',
  required: ['email', 'name', 'roleId'],
  additionalProperties: false,
  properties: { email: { type: 'string', format: 'email', maxLength: 254 }, ...userProperties },
} as const;

export const userPatchSchema = { type: 'object', additionalProperties: false, minProperties: 1, properties: userProperties } as const;

export interface UserInput {
  email?: string;
  name?: string;
  roleId?: string;
  managerId?: string | null;
  locale?: string;
  timeZone?: string;
  isActive?: boolean;
  teamIds?: string[];
  primaryTeamId?: string | null;
}

const publicColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  roleId: users.roleId,
  managerId: users.managerId,
  locale: users.locale,
  timeZone: users.timeZone,
  isActive: users.isActive,
  isMfaEnabled: sql<boolean>`${users.mfaEnabledAt} is not null`,
  createdAt: users.createdAt,
};

const userKeys = pageKeys('name');

/** One page of users with their teams, in name order; `q` finds a name or e-mail containing it. */
export async function pageUsers(db: Database, query: PageQuery & { q?: string }) {
  const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : undefined;
  return keysetPage(userKeys, query, (after, limit) =>
    listUsers(db, undefined, {
      limit,
      where: and(
        after ? sql`(${users.name}, ${users.id}) > (${after[0]}::text, ${after[1]}::uuid)` : undefined,
        pattern ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined,
      ),
    }),
    (u) => u.name,
  );
}

/** Users with their teams, in name order. */
export async function listUsers(db: Database, ids?: string[], page?: { limit: number; where?: SQL }) {
  const rows = await db.orm
    .select(publicColumns)
    .from(users)
    .where(and(sql`${users.deletedAt} is null`, ids ? inArray(users.id, ids) : undefined, page?.where))
    .orderBy(asc(users.name), asc(users.id))
    .limit(page?.limit ?? 10_000);
  const memberships = rows.length
    ? await db.orm.select().from(teamMembers).where(inArray(teamMembers.userId, rows.map((r) => r.id)))
    : [];
  return rows.map((u) => ({
    ...u,
    teamIds: memberships.filter((m) => m.userId === u.id).map((m) => m.teamId),
    primaryTeamId: memberships.find((m) => m.userId === u.id && m.isPrimary)?.teamId ?? null,
  }));
}

async function getUser(db: Database, id: string) {
  const [user] = await listUsers(db, [id]);
  if (!user) throw notFound('The user');
  return user;
}

async function checkReferences(db: Database, userId: string | null, input: UserInput) {
  if (input.roleId) {
    const [role] = await db.orm.select({ id: roles.id }).from(roles).where(eq(roles.id, input.roleId));
    if (!role) throw invalidField('roleId', 'not_found', 'No role with this id.');
  }
  if (input.managerId) {
    const [manager] = await db.orm.select({ id: users.id }).from(users).where(eq(users.id, input.managerId));
    if (!manager) throw invalidField('managerId', 'not_found', 'No user with this id.');
    if (userId) {
      // The new manager must not report (directly or not) to this user.
      const [loop] = await db.rows(sql`with recursive below(id) as (select ${userId}::uuid union select u.id from users u join below b on u.manager_id = b.id)
        select 1 from below where id = ${input.managerId}::uuid`);
      if (loop) throw invalidField('managerId', 'cycle', 'A user cannot report to someone who reports to them.');
    }
  }
  const teamIds = [...(input.teamIds ?? []), ...(input.primaryTeamId ? [input.primaryTeamId] : [])];
  if (teamIds.length) {
    const found = await db.orm.select({ id: teams.id }).from(teams).where(inArray(teams.id, teamIds));
    if (found.length !== new Set(teamIds).size) throw invalidField('teamIds', 'not_found', 'Some teams do not exist.');
  }
}

async function setTeams(db: Database, userId: string, teamIds: string[], primaryTeamId: string | null) {
  const all = [...new Set([...teamIds, ...(primaryTeamId ? [primaryTeamId] : [])])];
  await db.orm.delete(teamMembers).where(eq(teamMembers.userId, userId));
  if (all.length) {
    await db.orm.insert(teamMembers).values(all.map((teamId) => ({ teamId, userId, isPrimary: teamId === (primaryTeamId ?? all[0]) })));
  }
}

/** Creates a user (they set a password through the reset link). */
export async function createUser(db: Database, ctx: RequestContext, input: UserInput & { email: string; name: string; roleId: string }) {
  await checkReferences(db, null, input);
  const email = input.email.trim().toLowerCase();
  const [taken] = await db.orm.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
  if (taken) throw new Problem(409, { key: 'detail.emailTaken' }, [{ field: 'email', code: 'exists', message: 'is taken' }]);
  const id = newId();
  await db.transaction(async (tx) => {
    await tx.orm.insert(users).values({
      id,
      email,
      name: input.name,
      roleId: input.roleId,
      managerId: input.managerId ?? null,
      locale: input.locale ?? 'zh-CN',
      timeZone: input.timeZone ?? 'Asia/Shanghai',
      isActive: input.isActive ?? true,
      createdBy: ctx.userId,
      searchTokens: indexTokens([input.name, email]),
    });
    await setTeams(tx, id, input.teamIds ?? [], input.primaryTeamId ?? null);
    await logAuditEvent(tx, { actorId: ctx.userId, action: 'user.create', target: id, details: { ...input, email } });
  });
  return getUser(db, id);
}

/** Refuses (409) to disable or demote the last active administrator: only the CLI could undo it. */
async function assertAnotherAdminRemains(db: Database, user: { id: string; roleId: string | null; isActive: boolean }, input: UserInput) {
  const [adminRole] = await db.orm.select({ id: roles.id }).from(roles).where(eq(roles.key, 'administrator'));
  const isLosingAdmin = user.roleId === adminRole?.id && user.isActive && (input.isActive === false || (input.roleId && input.roleId !== adminRole.id));
  if (!isLosingAdmin) return;
  const [other] = await db.orm
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.roleId, adminRole!.id), eq(users.isActive, true), sql`${users.id} <> ${user.id}`, sql`${users.deletedAt} is null`))
    .limit(1);
  if (!other) throw new Problem(409, { key: 'detail.lastAdministrator' });
}

/** Changes a user; disabling one ends all their sessions at once. Takes effect on the next request. */
export async function updateUser(db: Database, ctx: RequestContext, id: string, input: UserInput) {
  const before = await getUser(db, id);
  await checkReferences(db, id, input);
  if (id === ctx.userId && input.isActive === false) throw new Problem(409, { key: 'detail.cannotDisableSelf' });
  await assertAnotherAdminRemains(db, before, input);
  const { teamIds, primaryTeamId, ...columns } = input;
  await db.transaction(async (tx) => {
    if (Object.keys(columns).length) {
      await tx.orm
        .update(users)
        .set({
          ...columns,
          version: sql`${users.version} + 1`,
          updatedAt: new Date(),
          updatedBy: ctx.userId,
          searchTokens: indexTokens([columns.name ?? before.name, before.email]),
        })
        .where(eq(users.id, id));
    }
    if (teamIds !== undefined || primaryTeamId !== undefined) {
      await setTeams(tx, id, teamIds ?? before.teamIds, primaryTeamId === undefined ? before.primaryTeamId : primaryTeamId);
    }
    if (input.isActive === false) {
      await endAllSessions(tx, id);
      // Keys die with the disabling: enabling the user again must not bring old, possibly leaked keys back.
      await tx.orm.update(apiKeys).set({ revokedAt: new Date() }).where(and(eq(apiKeys.userId, id), isNull(apiKeys.revokedAt)));
    }
    await logAuditEvent(tx, { actorId: ctx.userId, action: input.isActive === false ? 'user.disable' : 'user.update', target: id, details: { before, changes: input } });
  });
  return getUser(db, id);
}

/** One user. */
export { getUser };
