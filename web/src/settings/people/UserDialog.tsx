// The dialog that creates a user or changes one: name, role, manager, teams (one of them primary),
// language and time zone. The server checks everything; its field errors show on their fields.
import { useState } from 'react';
import { Divider, MultiSelect, Select, SimpleGrid, TextInput } from '@mantine/core';
import { InviteLinkButton } from '../../app/account/InviteLinkButton.tsx';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../../app/api.ts';
import { useLabel } from '../../app/metadata.ts';
import { useFormAction } from '../../app/form-problem.ts';
import { FormDialog } from '../../components/FormDialog.tsx';
import { adminPath, useRoles, useTeams, type AdminUser } from './admin-api.ts';
import { ManagerSelect } from './ManagerSelect.tsx';
import { localeOptions, timeZoneOptions } from './options.ts';
import { teamPath } from './team-tree.ts';

interface Props {
  /** The user to change; without one the dialog creates a user. */
  user?: AdminUser;
  managerName?: string;
  onClose: () => void;
}

interface Draft {
  email: string;
  name: string;
  roleId: string | null;
  managerId: string | null;
  managerName: string;
  teamIds: string[];
  primaryTeamId: string | null;
  locale: string;
  timeZone: string;
}

function draftOf(user: AdminUser | undefined, managerName: string): Draft {
  return {
    email: user?.email ?? '',
    name: user?.name ?? '',
    roleId: user?.roleId ?? null,
    managerId: user?.managerId ?? null,
    managerName,
    teamIds: user?.teamIds ?? [],
    primaryTeamId: user?.primaryTeamId ?? null,
    locale: user?.locale ?? 'zh-CN',
    timeZone: user?.timeZone ?? 'Asia/Shanghai',
  };
}

/** The new-user or edit-user dialog. */
export function UserDialog({ user, managerName = '', onClose }: Props) {
  const { t } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const roles = useRoles();
  const teams = useTeams();
  const [draft, setDraft] = useState(() => draftOf(user, managerName));
  const set = (changes: Partial<Draft>) => setDraft((d) => ({ ...d, ...changes }));
  const isNew = !user;
  const allTeams = teams.data ?? [];
  const teamOptions = allTeams.map((team) => ({ value: team.id, label: teamPath(allTeams, team.id) }));
  const fieldError = (name: string) => form.problem?.fields[name];

  const setTeams = (teamIds: string[]) =>
    set({
      teamIds,
      primaryTeamId: draft.primaryTeamId && teamIds.includes(draft.primaryTeamId) ? draft.primaryTeamId : (teamIds[0] ?? null),
    });

  const form = useFormAction(async () => {
    const body = {
      name: draft.name.trim(),
      ...(draft.roleId ? { roleId: draft.roleId } : {}),
      managerId: draft.managerId,
      teamIds: draft.teamIds,
      primaryTeamId: draft.primaryTeamId,
      locale: draft.locale,
      timeZone: draft.timeZone,
    };
    if (isNew) await request('POST', `${adminPath}/users`, { email: draft.email.trim(), ...body });
    else await request('PATCH', `${adminPath}/users/${user.id}`, body);
    await client.invalidateQueries({ queryKey: ['admin'] });
    onClose();
  });

  const title = isNew ? t('settingsPeople.users.new') : t('settingsPeople.users.editTitle', { name: user.name });
  return (
    <FormDialog
      title={title}
      size="lg"
      form={form}
      submitLabel={isNew ? t('settingsPeople.users.create') : t('common.save')}
      onClose={onClose}
      after={
        user && (
          <>
            <Divider my="md" />
            <InviteLinkButton userId={user.id} />
          </>
        )
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {isNew ? (
          <TextInput
            label={t('settingsPeople.users.email')}
            type="email"
            withAsterisk
            value={draft.email}
            onChange={(e) => set({ email: e.currentTarget.value })}
            error={fieldError('email')}
            autoComplete="off"
          />
        ) : (
          <TextInput label={t('settingsPeople.users.email')} value={draft.email} readOnly />
        )}
        <TextInput
          label={t('settingsPeople.users.name')}
          withAsterisk
          value={draft.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          error={fieldError('name')}
        />
        <Select
          label={t('settingsPeople.users.role')}
          withAsterisk
          data={(roles.data ?? []).map((role) => ({ value: role.id, label: pick(role.name) }))}
          value={draft.roleId}
          onChange={(roleId) => set({ roleId })}
          error={fieldError('roleId')}
          allowDeselect={false}
        />
        <ManagerSelect
          value={draft.managerId}
          currentName={draft.managerName}
          excludeId={user?.id}
          error={fieldError('managerId')}
          onChange={(managerId, name) => set({ managerId, managerName: name })}
        />
        <MultiSelect
          label={t('settingsPeople.users.teams')}
          data={teamOptions}
          value={draft.teamIds}
          onChange={setTeams}
          searchable
          error={fieldError('teamIds')}
        />
        <Select
          label={t('settingsPeople.users.primaryTeam')}
          data={teamOptions.filter((o) => draft.teamIds.includes(o.value))}
          value={draft.primaryTeamId}
          onChange={(primaryTeamId) => set({ primaryTeamId })}
          disabled={draft.teamIds.length === 0}
          error={fieldError('primaryTeamId')}
          allowDeselect={false}
        />
        <Select
          label={t('settingsPeople.users.language')}
          data={localeOptions}
          value={draft.locale}
          onChange={(locale) => locale && set({ locale })}
          error={fieldError('locale')}
          allowDeselect={false}
        />
        <Select
          label={t('settingsPeople.users.timeZone')}
          data={timeZoneOptions.includes(draft.timeZone) ? timeZoneOptions : [draft.timeZone, ...timeZoneOptions]}
          value={draft.timeZone}
          onChange={(timeZone) => timeZone && set({ timeZone })}
          searchable
          error={fieldError('timeZone')}
          allowDeselect={false}
        />
      </SimpleGrid>
    </FormDialog>
  );
}
