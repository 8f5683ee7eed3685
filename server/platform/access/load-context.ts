// Builds a caller's RequestContext from the database in one query: role(s), teams with their parent
// teams, and the manager hierarchy below the user.
import { sql } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import type { RequestContext, SharingRuleGrant } from '../auth/context.ts';
import type { RolePermissions } from './permissions.ts';

const READ_ONLY: RolePermissions = { objects: { '*': ['read'] } };

/** The context of an active user (optionally through an API key or session), or undefined if disabled. */
export async function loadRequestContext(
  db: Database,
  userId: string,
  via: { apiKeyId?: string; apiKeyRoleId?: string | null; sessionId?: string } = {},
): Promise<RequestContext | undefined> {
  const [row] = await db.rows<{
    locale: string;
    role_id: string | null;
    permissions: RolePermissions | null;
    key_permissions: RolePermissions | null;
    owner_scope_ids: string[];
    team_ids: string[];
    sharing_rules: SharingRuleGrant[];
  }>(sql`
    with recursive below(id) as (
      select ${userId}::uuid
      union select u.id from users u join below b on u.manager_id = b.id where u.deleted_at is null
    ), my_teams(id) as (
      select team_id from team_members where user_id = ${userId}::uuid
      union select t.parent_id from teams t join my_teams m on t.id = m.id where t.parent_id is not null
    )
    select u.locale, u.role_id, r.permissions, kr.permissions as key_permissions,
      array(select id from below) as owner_scope_ids, array(select id from my_teams) as team_ids,
      coalesce((select json_agg(json_build_object('objectName', sr.object_name, 'filter', sr.filter, 'access', sr.access))
        from sharing_rules sr
        where (sr.principal_type = 'team' and sr.principal_id in (select id from my_teams))
           -- Only the user's own role: a key's narrower role may restrict, never widen, access.
           or (sr.principal_type = 'role' and sr.principal_id = u.role_id)), '[]'::json) as sharing_rules
    from users u
    left join roles r on r.id = u.role_id
    left join roles kr on kr.id = ${via.apiKeyRoleId ?? null}::uuid
    where u.id = ${userId}::uuid and u.is_active and u.deleted_at is null`);
  if (!row) return undefined;
  // A key limited to a role that no longer exists must not fall back to the user's full role.
  if (via.apiKeyRoleId && !row.key_permissions) return undefined;
  const roles = [row.permissions ?? READ_ONLY];
  if (row.key_permissions) roles.push(row.key_permissions);
  return {
    userId,
    isAdmin: roles.every((r) => r.isAdmin),
    locale: row.locale === 'en' ? 'en' : 'zh-CN',
    apiKeyId: via.apiKeyId,
    sessionId: via.sessionId,
    roles,
    roleIds: [row.role_id, via.apiKeyRoleId].filter((id): id is string => Boolean(id)),
    teamIds: row.team_ids,
    ownerScopeIds: row.owner_scope_ids,
    sharingRules: row.sharing_rules,
  };
}
