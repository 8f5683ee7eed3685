// The sharing rules: which records of an object are shared with which team or role, and how; rules
// are added in a dialog and deleted after a confirmation.
import { useState } from 'react';
import { ActionIcon, Alert, Button, Code, Group, Modal, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, request } from '../../app/api.ts';
import { useLabel, type ObjectDef } from '../../app/metadata.ts';
import { formProblem } from '../../app/form-problem.ts';
import { Empty, LoadError, Loading } from './QueryStatus.tsx';
import { RuleDialog } from './RuleDialog.tsx';
import { roleName, usePrincipals } from './usePrincipals.ts';

interface SharingRule {
  id: string;
  objectName: string;
  name: string;
  filter: string;
  principalType: 'team' | 'role';
  principalId: string;
  access: 'read' | 'edit';
}

const RULES_KEY = ['settingsData', 'sharingRules'];

export function SharingRules({ objects }: { objects: ObjectDef[] }) {
  const { t } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const rules = useQuery({ queryKey: RULES_KEY, queryFn: () => get<{ data: SharingRule[] }>('/api/v1/admin/sharing-rules?limit=500') });
  const principals = usePrincipals();
  const [isCreating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<SharingRule | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  if (rules.isPending || principals.isPending) return <Loading />;
  if (rules.isError || principals.isError) return <LoadError onRetry={() => void Promise.all([rules.refetch(), principals.refetch()])} />;
  const { teams, roles } = principals.data;
  const objectLabel = (name: string) => {
    const def = objects.find((o) => o.name === name);
    return def ? pick(def.labelPlural) : name;
  };
  const principalName = (rule: SharingRule) => {
    if (rule.principalType === 'team') return teams.find((team) => team.id === rule.principalId)?.name ?? '—';
    const role = roles.find((r) => r.id === rule.principalId);
    return role ? roleName(role, pick) : '—';
  };
  const remove = async (rule: SharingRule) => {
    try {
      await request('DELETE', `/api/v1/admin/sharing-rules/${rule.id}`);
      setDeleting(null);
      await client.invalidateQueries({ queryKey: RULES_KEY });
    } catch (caught) {
      setMessage(formProblem(caught, t('common.error')).message);
    }
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('settingsData.rule.hint')}
        </Text>
        <Button variant="light" onClick={() => setCreating(true)}>
          {t('settingsData.rule.createTitle')}
        </Button>
      </Group>
      {rules.data.data.length === 0 ? (
        <Empty>{t('settingsData.rule.none')}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label={t('settingsData.sharing.rulesTitle')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settingsData.rule.name')}</Table.Th>
                <Table.Th>{t('settingsData.sharing.object')}</Table.Th>
                <Table.Th>{t('settingsData.rule.records')}</Table.Th>
                <Table.Th>{t('settingsData.rule.sharedWith')}</Table.Th>
                <Table.Th>{t('settingsData.rule.access')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('settingsData.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.data.data.map((rule) => (
                <Table.Tr key={rule.id}>
                  <Table.Td>{rule.name}</Table.Td>
                  <Table.Td>{objectLabel(rule.objectName)}</Table.Td>
                  <Table.Td>
                    <Code>{rule.filter}</Code>
                  </Table.Td>
                  <Table.Td>
                    {principalName(rule)} ({t(`settingsData.rule.${rule.principalType}`)})
                  </Table.Td>
                  <Table.Td>{rule.access === 'edit' ? t('settingsData.rule.accessEdit') : t('settingsData.rule.accessRead')}</Table.Td>
                  <Table.Td w={48}>
                    <ActionIcon variant="subtle" color="red.9" onClick={() => setDeleting(rule)} aria-label={t('settingsData.rule.deleteTitle', { name: rule.name })}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {isCreating && (
        <RuleDialog
          objects={objects}
          teams={teams}
          roles={roles}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            void client.invalidateQueries({ queryKey: RULES_KEY });
          }}
        />
      )}
      {deleting && (
        <Modal opened onClose={() => setDeleting(null)} closeButtonProps={{ 'aria-label': t('common.close') }} title={t('settingsData.rule.deleteTitle', { name: deleting.name })}>
          <Stack>
            {message && (
              <Alert color="red" role="alert">
                {message}
              </Alert>
            )}
            <Text size="sm">{t('settingsData.rule.deleteText')}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDeleting(null)} data-autofocus>
                {t('common.cancel')}
              </Button>
              <Button color="red.9" onClick={() => void remove(deleting)}>
                {t('settingsData.rule.delete')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}
