// Builds a caller's RequestContext from the database in one query: role(s), teams with their parent
// teams, the manager hierarchy below the user and the sharing rules that apply. For an API key the
// same query also finds the key, so a keyed request costs one round trip before its own work.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import type { RequestContext, SharingRuleGrant } from '../auth/context.ts';
import type { RolePermissions } from './permissions.ts';

const READ_ONLY: RolePermissions = { objects: { '*': ['read'] } };

interface ContextRow {
  user_id: string;
  locale: string;
  role_id: string | null;
  permissions: RolePermissions | null;
  key_permissions: RolePermissions | null;
  owner_scope_ids: string[];
  team_ids: string[];
  sharing_rules: SharingRuleGrant[];
}

export interface ApiKeyRow {
  id: string;
  user_id: string;
  role_id: string | null;
  secret_hash: string;
  last_used_at: string | null;
  expires_at: string | null;
}

/** The query, for a user given directly or through the key found by the `api_key` CTE. */
function contextQuery(userId: SQL, keyRoleId: SQL, keyCte: SQL | null): SQL {
  return sql`
    with recursive ${keyCte ? sql`${keyCte}, ` : sql``}below(id) as (
      select ${userId}
      union select u.id from users u join below b on u.manager_id = b.id where u.deleted_at is null
    ), my_teams(id) as (
      select team_id from team_members where user_id = ${userId}
      union select t.parent_id from teams t join my_teams m on t.id = m.id where t.parent_id is not null
    )
    select u.id as user_id, u.locale, u.role_id, r.permissions, kr.permissions as key_permissions,
      array(select id from below) as owner_scope_ids, array(select id from my_teams) as team_ids,
      coalesce((select json_agg(json_build_object('objectName', sr.object_name, 'filter', sr.filter, 'access', sr.access))
        from sharing_rules sr
        where (sr.principal_type = 'team' and sr.principal_id in (select id from my_teams))
           -- Only the user's own role: a key's narrower role may restrict, never widen, access.
           or (sr.principal_type = 'role' and sr.principal_id = u.role_id)), '[]'::json) as sharing_rules
      ${keyCte ? sql`, (select row_to_json(k) from api_key k) as api_key` : sql``}
    from users u
    left join roles r on r.id = u.role_id
    left join roles kr on kr.id = ${keyRoleId}
    where u.id = ${userId} and u.is_active and u.deleted_at is null`;
}

function toContext(row: ContextRow, via: { apiKeyId?: string; apiKeyRoleId?: string | null; sessionId?: string }): RequestContext | undefined {
  // A key limited to a role that no longer exists must not fall back to the user's full role.
  if (via.apiKeyRoleId && !row.key_permissions) return undefined;
  const roles = [row.permissions ?? READ_ONLY];
  if (row.key_permissions) roles.push(row.key_permissions);
  return {
    userId: row.user_id,
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

/** The context of an active user (optionally through an API key or session), or undefined if disabled. */
export async function loadRequestContext(
  db: Database,
  userId: string,
  via: { apiKeyId?: string; apiKeyRoleId?: string | null; sessionId?: string } = {},
): Promise<RequestContext | undefined> {
  const [row] = await db.rows<ContextRow>(
    contextQuery(sql`${userId}::uuid`, sql`${via.apiKeyRoleId ?? null}::uuid`, null),
    'guanxi_user_context',
  );
  return row ? toContext(row, via) : undefined;
}

/**
 * Finds an unrevoked API key by its public prefix together with its user's context. The caller must
 * still check the secret against `key.secret_hash` before trusting the context.
 */
export async function loadApiKeyContext(db: Database, prefix: string): Promise<{ key: ApiKeyRow; ctx: RequestContext } | undefined> {
  const keyCte = sql`api_key as (select id, user_id, role_id, secret_hash, last_used_at, expires_at from api_keys where prefix = ${prefix} and revoked_at is null)`;
  const [row] = await db.rows<ContextRow & { api_key: ApiKeyRow }>(
    contextQuery(sql`(select user_id from api_key)`, sql`(select role_id from api_key)`, keyCte),
    'guanxi_api_key_context', // every request with a key runs it: parse and plan once per connection
  );
  if (!row?.api_key) return undefined;
  const ctx = toContext(row, { apiKeyId: row.api_key.id, apiKeyRoleId: row.api_key.role_id });
  return ctx ? { key: row.api_key, ctx } : undefined;
}
