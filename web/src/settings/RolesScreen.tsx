// Settings › Roles and field security: the roles, a new one, and the one opened (its object
// permissions and field security). The opened role is in the address (?role=…), so it can be linked.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { request } from '../app/api.ts';
import { useLabel, useObjects } from '../app/metadata.ts';
import { adminPath, useRoles, type Role } from './people/admin-api.ts';
import { ConfirmDialog } from './people/ConfirmDialog.tsx';
import { RoleDialog } from './people/RoleDialog.tsx';
import { RoleEditor } from './people/RoleEditor.tsx';
import { ScrollRegion } from './people/ScrollRegion.tsx';

export default function RolesScreen() {
  const { t } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const roles = useRoles();
  const objects = useObjects();
  const [params, setParams] = useSearchParams();
  const [isCreating, setIsCreating] = useState(false);
  const [deleting, setDeleting] = useState<Role | null>(null);
  const openId = params.get('role');
  const open = roles.data?.find((role) => role.id === openId);
  const openRole = (id: string | null) => setParams(id ? { role: id } : {});

  const remove = async (role: Role) => {
    await request('DELETE', `${adminPath}/roles/${role.id}`);
    openRole(null);
    await client.invalidateQueries({ queryKey: ['admin', 'roles'] });
  };

  if (roles.isPending || objects.isPending) return <Loader aria-label={t('settingsPeople.loading')} />;
  if (roles.isError || objects.isError) {
    return (
      <Alert color="red" role="alert">
        <Group justify="space-between">
          <Text size="sm">{t('settingsPeople.loadFailed')}</Text>
          <Button size="compact-sm" variant="default" onClick={() => void Promise.all([roles.refetch(), objects.refetch()])}>
            {t('common.retry')}
          </Button>
        </Group>
      </Alert>
    );
  }
  const objectList = [...objects.data.values()];
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={3}>{t('settings.sections.roles')}</Title>
        <Button onClick={() => setIsCreating(true)}>{t('settingsPeople.roles.new')}</Button>
      </Group>
      <ScrollRegion label={t('settingsPeople.roles.list')}>
        <Table miw={480} highlightOnHover verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('settingsPeople.roles.name')}</Table.Th>
              <Table.Th>{t('settingsPeople.roles.key')}</Table.Th>
              <Table.Th>{t('settingsPeople.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {roles.data.map((role) => (
              <Table.Tr key={role.id}>
                <Table.Th scope="row" fw={500}>
                  {pick(role.name)}{' '}
                  {role.isSystem && (
                    <Badge variant="outline" color="gray.8" size="sm">
                      {t('settingsPeople.roles.builtIn')}
                    </Badge>
                  )}
                </Table.Th>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {role.key}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant={role.id === openId ? 'filled' : 'default'} onClick={() => openRole(role.id)} aria-label={t('settingsPeople.roles.openNamed', { name: pick(role.name) })} aria-pressed={role.id === openId}>
                    {t('settingsPeople.edit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
      {open && <RoleEditor key={open.id} role={open} objects={objectList} onDelete={() => setDeleting(open)} />}
      {isCreating && (
        <RoleDialog
          onClose={() => setIsCreating(false)}
          onCreated={(role) => {
            setIsCreating(false);
            openRole(role.id);
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t('settingsPeople.roles.deleteTitle', { name: pick(deleting.name) })}
          confirmLabel={t('settingsPeople.delete')}
          isDanger
          onConfirm={() => remove(deleting)}
          onClose={() => setDeleting(null)}
        >
          {t('settingsPeople.roles.deleteText')}
        </ConfirmDialog>
      )}
    </Stack>
  );
}
