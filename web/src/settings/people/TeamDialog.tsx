// Creates a team, or renames one and moves it under another parent (never under itself or a team
// below it: those are left out of the choice, and the server refuses them too).
import { useState } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../../app/api.ts';
import { adminPath, formProblem, type FormProblem, type Team } from './admin-api.ts';
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
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const excluded = team ? selfAndBelow(teams, team.id) : new Set<string>();
  const parentOptions = teams.filter((candidate) => !excluded.has(candidate.id)).map((candidate) => ({ value: candidate.id, label: teamPath(teams, candidate.id) }));

  const save = async () => {
    setProblem(null);
    setIsBusy(true);
    try {
      const body = { name: name.trim(), parentId: parent };
      if (team) await request('PATCH', `${adminPath}/teams/${team.id}`, body);
      else await request('POST', `${adminPath}/teams`, body);
      await client.invalidateQueries({ queryKey: ['admin'] });
      onClose();
    } catch (caught) {
      setProblem(formProblem(caught, t('common.error')));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={team ? t('settingsPeople.teams.editTitle', { name: team.name }) : t('settingsPeople.teams.new')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Stack>
          {problem && (
            <Alert color="red" role="alert">
              {problem.message}
            </Alert>
          )}
          <TextInput label={t('settingsPeople.teams.name')} withAsterisk value={name} onChange={(e) => setName(e.currentTarget.value)} error={problem?.fields.name} data-autofocus />
          <Select
            label={t('settingsPeople.teams.parent')}
            placeholder={t('settingsPeople.teams.topLevel')}
            data={parentOptions}
            value={parent}
            onChange={setParent}
            searchable
            clearable
            error={problem?.fields.parentId}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isBusy}>
              {team ? t('common.save') : t('settingsPeople.teams.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
