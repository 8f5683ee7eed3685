// Settings › Users: find people by name or e-mail, page through them, add one, change one, and
// disable or enable one (disabling ends their sessions at once; the server refuses the last admin).
import { useState } from 'react';
import { Alert, Button, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { IconSearch } from '@tabler/icons-react';
import { get, query, request } from '../app/api.ts';
import { useLabel } from '../app/metadata.ts';
import { useTitles } from '../app/titles.ts';
import { adminPath, useRoles, useTeams, type AdminUser, type Page } from './people/admin-api.ts';
import { ConfirmDialog } from './people/ConfirmDialog.tsx';
import { ScrollRegion } from './people/ScrollRegion.tsx';
import { UserDialog } from './people/UserDialog.tsx';
import { UserRow } from './people/UserRow.tsx';

const PAGE_SIZE = 50;

export default function UsersScreen() {
  const { t } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const [typed, setTyped] = useState('');
  const [q] = useDebouncedValue(typed.trim(), 250);
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [toggling, setToggling] = useState<AdminUser | null>(null);
  const pages = useInfiniteQuery({
    queryKey: ['admin', 'users', 'list', q],
    queryFn: ({ pageParam }) => get<Page<AdminUser>>(`${adminPath}/users${query({ q, limit: PAGE_SIZE, cursor: pageParam })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const roles = useRoles();
  const teams = useTeams();
  const users = pages.data?.pages.flatMap((page) => page.data) ?? [];
  const managers = useTitles('users', users.map((u) => u.managerId));
  const roleName = (id: string | null) => pick(roles.data?.find((r) => r.id === id)?.name) || '—';
  const teamNames = (user: AdminUser) =>
    user.teamIds
      .map((id) => teams.data?.find((team) => team.id === id)?.name)
      .filter(Boolean)
      .join(t('common.listSeparator'));

  const setActive = async (user: AdminUser) => {
    await request('PATCH', `${adminPath}/users/${user.id}`, { isActive: !user.isActive });
    await client.invalidateQueries({ queryKey: ['admin', 'users'] });
  };

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={3}>{t('settings.sections.users')}</Title>
        <Button onClick={() => setEditing('new')}>{t('settingsPeople.users.new')}</Button>
      </Group>
      <TextInput
        label={t('settingsPeople.users.search')}
        placeholder={t('settingsPeople.users.searchHint')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        type="search"
        maw={420}
      />
      {pages.isPending ? (
        <Loader aria-label={t('settingsPeople.loading')} />
      ) : pages.isError ? (
        <Alert color="red" role="alert">
          <Group justify="space-between">
            <Text size="sm">{t('settingsPeople.loadFailed')}</Text>
            <Button size="compact-sm" variant="default" onClick={() => void pages.refetch()}>
              {t('common.retry')}
            </Button>
          </Group>
        </Alert>
      ) : users.length === 0 ? (
        <Text c="dimmed">{q ? t('settingsPeople.users.noMatch') : t('settingsPeople.users.none')}</Text>
      ) : (
        <ScrollRegion label={t('settings.sections.users')}>
          <Table miw={800} styles={{ th: { whiteSpace: 'nowrap' } }} highlightOnHover verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settingsPeople.users.name')}</Table.Th>
                <Table.Th>{t('settingsPeople.users.email')}</Table.Th>
                <Table.Th>{t('settingsPeople.users.role')}</Table.Th>
                <Table.Th>{t('settingsPeople.users.manager')}</Table.Th>
                <Table.Th>{t('settingsPeople.users.teams')}</Table.Th>
                <Table.Th>{t('settingsPeople.users.status')}</Table.Th>
                <Table.Th>{t('settingsPeople.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.map((user) => (
                <UserRow
                  key={user.id}
                  user={user}
                  roleName={roleName(user.roleId)}
                  managerName={(user.managerId && managers.data?.get(user.managerId)) || ''}
                  teamNames={teamNames(user)}
                  onEdit={() => setEditing(user)}
                  onToggleActive={() => setToggling(user)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
      {pages.hasNextPage && (
        <Button variant="default" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage} w="fit-content">
          {t('settingsPeople.more')}
        </Button>
      )}
      {editing && (
        <UserDialog
          user={editing === 'new' ? undefined : editing}
          managerName={editing !== 'new' && editing.managerId ? (managers.data?.get(editing.managerId) ?? '') : ''}
          onClose={() => setEditing(null)}
        />
      )}
      {toggling && (
        <ConfirmDialog
          title={t(toggling.isActive ? 'settingsPeople.users.disableTitle' : 'settingsPeople.users.enableTitle', { name: toggling.name })}
          confirmLabel={toggling.isActive ? t('settingsPeople.users.disable') : t('settingsPeople.users.enable')}
          isDanger={toggling.isActive}
          onConfirm={() => setActive(toggling)}
          onClose={() => setToggling(null)}
        >
          {toggling.isActive ? t('settingsPeople.users.disableText') : t('settingsPeople.users.enableText')}
        </ConfirmDialog>
      )}
    </Stack>
  );
}
