// One role opened for editing: its names, its object permissions and its field security, saved
// together. The administrator role keeps every permission: its grid is shown locked, and anything the
// server refuses is shown in its own words.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Group, SimpleGrid, Stack, Tabs, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../../app/api.ts';
import { useLabel, type ObjectDef } from '../../app/metadata.ts';
import { formProblem, type FormProblem } from '../../app/form-problem.ts';
import { adminPath, type Role } from './admin-api.ts';
import { FieldSecurity } from './FieldSecurity.tsx';
import { PermissionGrid } from './PermissionGrid.tsx';
import { toApiPermissions } from './permissions.ts';

interface Props {
  role: Role;
  objects: ObjectDef[];
  onDelete: () => void;
}

/** The editor of one role (give it `key={role.id}` so it starts afresh for another role). */
export function RoleEditor({ role, objects, onDelete }: Props) {
  const { t } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const [name, setName] = useState(role.name);
  const [permissions, setPermissions] = useState(role.permissions);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [isSaved, setIsSaved] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const isAdmin = Boolean(role.permissions.isAdmin);
  const card = useRef<HTMLDivElement>(null);
  // Opened from the list above: bring the editor into view (the list can fill the screen).
  useEffect(() => {
    card.current?.scrollIntoView({ block: 'start' });
  }, []);

  const change = (next: typeof permissions) => {
    setIsSaved(false);
    setPermissions(next);
  };
  const save = async () => {
    setProblem(null);
    setIsSaved(false);
    setIsBusy(true);
    try {
      // The administrator role's permissions are not the client's to send: only its names change.
      const body = isAdmin ? { name } : { name, permissions: toApiPermissions(permissions) };
      await request('PATCH', `${adminPath}/roles/${role.id}`, body);
      await client.invalidateQueries({ queryKey: ['admin', 'roles'] });
      setIsSaved(true);
    } catch (caught) {
      setProblem(formProblem(caught, t('common.error')));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Card withBorder ref={card}>
      <Stack>
        <Group justify="space-between" wrap="wrap">
          <Title order={4}>{t('settingsPeople.roles.editing', { name: pick(role.name) })}</Title>
          <Group gap="xs">
            {!role.isSystem && (
              <Button variant="outline" color="red.9" onClick={onDelete}>
                {t('settingsPeople.roles.delete')}
              </Button>
            )}
            <Button onClick={() => void save()} loading={isBusy}>
              {t('settingsPeople.roles.save')}
            </Button>
          </Group>
        </Group>
        {problem && (
          <Alert color="red" role="alert">
            {problem.message}
          </Alert>
        )}
        {isSaved && (
          <Alert color="green" role="status">
            {t('settingsPeople.roles.saved')}
          </Alert>
        )}
        {isAdmin && <Alert color="blue">{t('settingsPeople.roles.adminLocked')}</Alert>}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('settingsPeople.roles.nameZh')} value={name['zh-CN']} onChange={(e) => setName({ ...name, 'zh-CN': e.currentTarget.value })} error={problem?.fields['name.zh-CN']} />
          <TextInput label={t('settingsPeople.roles.nameEn')} value={name.en} onChange={(e) => setName({ ...name, en: e.currentTarget.value })} error={problem?.fields['name.en']} />
        </SimpleGrid>
        <Tabs defaultValue="objects" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="objects">{t('settingsPeople.roles.objectPermissions')}</Tabs.Tab>
            <Tabs.Tab value="fields">{t('settingsPeople.roles.fieldSecurity')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="objects" pt="sm">
            <PermissionGrid objects={objects} permissions={permissions} isLocked={isAdmin} onChange={change} />
          </Tabs.Panel>
          <Tabs.Panel value="fields" pt="sm">
            <FieldSecurity objects={objects} permissions={permissions} isLocked={isAdmin} onChange={change} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Card>
  );
}
