// Creates a team, or renames one and moves it under another parent (never under itself or a team
// below it: those are left out of the choice, and the server refuses them too).
import { useState } from 'react';
import { Select, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../../app/api.ts';
import { useFormAction } from '../../app/form-problem.ts';
import { FormDialog } from '../../components/FormDialog.tsx';
import { adminPath, type Team } from './admin-api.ts';
import { selfAndBelow, teamPath } from './team-tree.ts';

interface Props {
  teams: Team[];
  /** The team to change; without one the dialog creates a team. */
  team?: Team;
  /** The parent a new team starts under. */
  parentId?: string | null;
  onClose: () => void;
}

/** The new-team or edit-team dialog. */
export function TeamDialog({ teams, team, parentId = null, onClose }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState(team?.name ?? '');
  const [parent, setParent] = useState<string | null>(team ? team.parentId : parentId);
  const excluded = team ? selfAndBelow(teams, team.id) : new Set<string>();
  const parentOptions = teams
    .filter((candidate) => !excluded.has(candidate.id))
    .map((candidate) => ({ value: candidate.id, label: teamPath(teams, candidate.id) }));

  const form = useFormAction(async () => {
    const body = { name: name.trim(), parentId: parent };
    if (team) await request('PATCH', `${adminPath}/teams/${team.id}`, body);
    else await request('POST', `${adminPath}/teams`, body);
    await client.invalidateQueries({ queryKey: ['admin'] });
    onClose();
  });

  return (
    <FormDialog
      title={team ? t('settingsPeople.teams.editTitle', { name: team.name }) : t('settingsPeople.teams.new')}
      form={form}
      submitLabel={team ? t('common.save') : t('settingsPeople.teams.create')}
      onClose={onClose}
    >
      <TextInput
        label={t('settingsPeople.teams.name')}
        withAsterisk
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={form.problem?.fields.name}
        data-autofocus
      />
      <Select
        label={t('settingsPeople.teams.parent')}
        placeholder={t('settingsPeople.teams.topLevel')}
        data={parentOptions}
        value={parent}
        onChange={setParent}
        searchable
        clearable
        error={form.problem?.fields.parentId}
      />
    </FormDialog>
  );
}
