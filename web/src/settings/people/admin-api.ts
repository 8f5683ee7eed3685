// The administration API as the people screens use it: users, teams and roles, their shapes, and
// problem+json errors turned into one message plus errors per form field.
import { useQuery } from '@tanstack/react-query';
import { get, query } from '../../app/api.ts';
import type { Label } from '../../app/metadata.ts';

export interface AdminUser {
  id: string;
  email: string;
  name: string;
  roleId: string | null;
  managerId: string | null;
  locale: string;
  timeZone: string;
  isActive: boolean;
  isMfaEnabled: boolean;
  teamIds: string[];
  primaryTeamId: string | null;
}

export interface Team {
  id: string;
  name: string;
  parentId: string | null;
  memberCount: number;
}

export type FieldRestriction = 'hidden' | 'readOnly';

export interface RolePermissions {
  isAdmin?: boolean;
  objects: Record<string, string[]>;
  fields?: Record<string, Record<string, FieldRestriction>>;
}

export interface Role {
  id: string;
  key: string;
  name: Label;
  permissions: RolePermissions;
  isSystem: boolean;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export const adminPath = '/api/v1/admin';

/** Every row of a paged admin list, page after page (teams and roles are few). */
export async function fetchAll<T>(path: string): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await get<Page<T>>(`${adminPath}/${path}${query({ limit: 500, cursor })}`);
    rows.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

/** All teams, in name order. */
export function useTeams() {
  return useQuery({ queryKey: ['admin', 'teams'], queryFn: () => fetchAll<Team>('teams') });
}

/** All roles, in creation order. */
export function useRoles() {
  return useQuery({ queryKey: ['admin', 'roles'], queryFn: () => fetchAll<Role>('roles') });
}
