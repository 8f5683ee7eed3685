// Settings › Teams: the department tree, indented under each parent; add a team (at the top or under
// another), rename or move one, delete one after asking (the server refuses a team with sub-teams).
import { useState } from 'react';
import { Alert, Box, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../app/api.ts';
import { adminPath, useTeams, type Team } from './people/admin-api.ts';
import { ConfirmDialog } from './people/ConfirmDialog.tsx';
import { ScrollRegion } from './people/ScrollRegion.tsx';
import { TeamDialog } from './people/TeamDialog.tsx';
import { teamTree } from './people/team-tree.ts';

type Editing = { team?: Team; parentId?: string | null };

export default function TeamsScreen() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const teams = useTeams();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<Team | null>(null);
  const all = teams.data ?? [];

  const remove = async (team: Team) => {
    await request('DELETE', `${adminPath}/teams/${team.id}`);
    await client.invalidateQueries({ queryKey: ['admin'] });
  };

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={3}>{t('settings.sections.teams')}</Title>
        <Button onClick={() => setEditing({})}>{t('settingsPeople.teams.new')}</Button>
      </Group>
      {teams.isPending ? (
        <Loader aria-label={t('settingsPeople.loading')} />
      ) : teams.isError ? (
        <Alert color="red" role="alert">
          <Group justify="space-between">
            <Text size="sm">{t('settingsPeople.loadFailed')}</Text>
            <Button size="compact-sm" variant="default" onClick={() => void teams.refetch()}>
              {t('common.retry')}
            </Button>
          </Group>
        </Alert>
      ) : all.length === 0 ? (
        <Text c="dimmed">{t('settingsPeople.teams.none')}</Text>
      ) : (
        <ScrollRegion label={t('settings.sections.teams')}>
          <Table miw={680} highlightOnHover verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settingsPeople.teams.name')}</Table.Th>
                <Table.Th>{t('settingsPeople.teams.parent')}</Table.Th>
                <Table.Th>{t('settingsPeople.teams.members')}</Table.Th>
                <Table.Th>{t('settingsPeople.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {teamTree(all).map((team) => (
                <Table.Tr key={team.id}>
                  <Table.Th scope="row" fw={team.depth === 0 ? 600 : 400}>
                    <Box pl={team.depth * 24}>
                      {team.depth > 0 && (
                        <Text span c="dimmed" aria-hidden mr={6}>
                          └
                        </Text>
                      )}
                      {team.name}
                    </Box>
                  </Table.Th>
                  <Table.Td>{(team.parentId && all.find((p) => p.id === team.parentId)?.name) || '—'}</Table.Td>
                  <Table.Td>{team.memberCount}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="compact-sm" variant="default" onClick={() => setEditing({ parentId: team.id })} aria-label={t('settingsPeople.teams.addUnder', { name: team.name })}>
                        {t('settingsPeople.teams.addChild')}
                      </Button>
                      <Button size="compact-sm" variant="default" onClick={() => setEditing({ team })} aria-label={t('settingsPeople.teams.editNamed', { name: team.name })}>
                        {t('settingsPeople.teams.renameMove')}
                      </Button>
                      <Button size="compact-sm" variant="outline" color="red.9" onClick={() => setDeleting(team)} aria-label={t('settingsPeople.teams.deleteNamed', { name: team.name })}>
                        {t('settingsPeople.delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
      {editing && <TeamDialog teams={all} team={editing.team} parentId={editing.parentId} onClose={() => setEditing(null)} />}
      {deleting && (
        <ConfirmDialog
          title={t('settingsPeople.teams.deleteTitle', { name: deleting.name })}
          confirmLabel={t('settingsPeople.delete')}
          isDanger
          onConfirm={() => remove(deleting)}
          onClose={() => setDeleting(null)}
        >
          {deleting.memberCount > 0 ? t('settingsPeople.teams.deleteWithMembers', { count: deleting.memberCount }) : t('settingsPeople.teams.deleteText')}
        </ConfirmDialog>
      )}
    </Stack>
  );
}
