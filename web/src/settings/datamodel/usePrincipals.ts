// Teams and roles by id, for naming who a sharing rule shares with and for choosing one.
import { useQuery } from '@tanstack/react-query';
import { get } from '../../app/api.ts';
import type { Label } from '../../app/metadata.ts';

export interface TeamRow {
  id: string;
  name: string;
}

export interface RoleRow {
  id: string;
  key: string;
  name: Label | string;
}

/** Every team and role (the first 500 of each: more than any organisation has). */
export function usePrincipals() {
  return useQuery({
    queryKey: ['settingsData', 'principals'],
    queryFn: async () => {
      const [teams, roles] = await Promise.all([
        get<{ data: TeamRow[] }>('/api/v1/admin/teams?limit=500'),
        get<{ data: RoleRow[] }>('/api/v1/admin/roles?limit=500'),
      ]);
      return { teams: teams.data, roles: roles.data };
    },
  });
}

/** A role's name in the current language (older roles may carry a plain name). */
export const roleName = (role: RoleRow, pick: (label: Label) => string) => (typeof role.name === 'string' ? role.name : pick(role.name));
