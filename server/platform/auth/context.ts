// Who is calling. Every service takes this instead of reading the request, so the same code serves
// HTTP, the CLI and jobs, and access control has one place to look. Built per request by
// loadRequestContext (server/platform/access/load-context.ts) and kept by access/context-cache.ts
// until access changes anywhere, so a changed role, team, manager or share takes effect at once.
import type { RolePermissions } from '../access/permissions.ts';

export interface RequestContext {
  userId: string;
  /** Holds the administrator role (and no narrower API-key role): full access everywhere. */
  isAdmin: boolean;
  locale: 'en' | 'zh-CN';
  /** The API key used, when the caller authenticated with one. */
  apiKeyId?: string;
  /** The web session used, when the caller authenticated with a cookie. */
  sessionId?: string;
  /** Every one of these must allow an action: the user's role, and an API key's narrower role. */
  roles: RolePermissions[];
  roleIds: string[];
  /** The user's teams and their parent teams (a share with a department reaches its sub-teams). */
  teamIds: string[];
  /** The user and everyone below them in the manager hierarchy: owners whose records they manage. */
  ownerScopeIds: string[];
  /** Sharing rules that apply to the caller (by team or role). */
  sharingRules: SharingRuleGrant[];
}

export interface SharingRuleGrant {
  objectName: string;
  filter: string;
  access: 'read' | 'edit';
}

/** The context of work the system does by itself (seeding, purging, migrations). */
export function systemContext(userId: string): RequestContext {
  return {
    userId,
    isAdmin: true,
    locale: 'en',
    roles: [{ isAdmin: true, objects: {} }],
    roleIds: [],
    teamIds: [],
    ownerScopeIds: [userId],
    sharingRules: [],
  };
}
