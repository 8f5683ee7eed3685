// One user in the users table, with what an administrator may do to them.
import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AdminUser } from './admin-api.ts';

interface Props {
  user: AdminUser;
  roleName: string;
  managerName: string;
  teamNames: string;
  onEdit: () => void;
  onToggleActive: () => void;
}

/** A row of the users table. */
export function UserRow({ user, roleName, managerName, teamNames, onEdit, onToggleActive }: Props) {
  const { t } = useTranslation();
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {user.name}
      </Table.Th>
      <Table.Td>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {user.email}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{roleName}</Table.Td>
      <Table.Td>{managerName || '—'}</Table.Td>
      <Table.Td>{teamNames || '—'}</Table.Td>
      <Table.Td>
        <Badge color={user.isActive ? 'teal.9' : 'gray.7'} variant="filled" tt="none" styles={{ label: { overflow: 'visible' } }}>
          {user.isActive ? t('settingsPeople.users.active') : t('settingsPeople.users.disabled')}
        </Badge>
        <Text size="xs" c="dimmed" mt={4} style={{ whiteSpace: 'nowrap' }}>
          {t('settingsPeople.users.mfaState', { state: user.isMfaEnabled ? t('settingsPeople.users.mfaOn') : t('settingsPeople.users.mfaOff') })}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Button size="compact-sm" variant="default" onClick={onEdit} aria-label={t('settingsPeople.users.editNamed', { name: user.name })}>
            {t('settingsPeople.edit')}
          </Button>
          <Button
            size="compact-sm"
            variant={user.isActive ? 'outline' : 'default'}
            color={user.isActive ? 'red.9' : undefined}
            onClick={onToggleActive}
            aria-label={t(user.isActive ? 'settingsPeople.users.disableNamed' : 'settingsPeople.users.enableNamed', { name: user.name })}
          >
            {user.isActive ? t('settingsPeople.users.disable') : t('settingsPeople.users.enable')}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
