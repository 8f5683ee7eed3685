// Settings → Approvals: every approval process with its entry condition and ordered steps. A process
// and its steps are records: they are created and changed on their own list and record pages.
import { Alert, Anchor, Badge, Card, Group, List, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get, query } from '../../app/api.ts';
import { useLabel, useObjects } from '../../app/metadata.ts';
import type { RecordRow } from '../../records/useRecordList.ts';

export default function ApprovalSettingsScreen() {
  const { t } = useTranslation();
  const pick = useLabel();
  const { data: objects } = useObjects();
  const processes = useQuery({
    queryKey: ['approvals', 'processes'],
    queryFn: () => get<{ data: RecordRow[] }>(`/api/v1/approvalProcesses${query({ sort: 'objectName,priority', limit: 200 })}`),
  });
  const steps = useQuery({
    queryKey: ['approvals', 'steps'],
    queryFn: () => get<{ data: RecordRow[] }>(`/api/v1/approvalSteps${query({ sort: 'position', limit: 500 })}`),
  });
  const approverText = (step: RecordRow) => {
    if (step.approverKind === 'role') return t('approvals.settings.byRole', { role: String(step.roleKey ?? '—') });
    if (step.approverKind === 'user') return t('approvals.settings.byUser');
    return t('approvals.settings.byManagers', { levels: Number(step.managerLevels ?? 1) });
  };

  return (
    <Stack>
      <Title order={2}>{t('approvals.settings.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('approvals.settings.intro')}
      </Text>
      <Group>
        <Anchor component={Link} to="/approvalProcesses">
          {t('approvals.settings.manage')}
        </Anchor>
        <Anchor component={Link} to="/approvalDelegations">
          {t('approvals.settings.delegations')}
        </Anchor>
      </Group>
      {(processes.isPending || steps.isPending) && <Skeleton h={120} />}
      {processes.isError && <Alert color="red">{t('common.error')}</Alert>}
      {processes.data?.data.length === 0 && <Text c="dimmed">{t('approvals.settings.none')}</Text>}
      {processes.data?.data.map((process) => {
        const objectDef = objects?.get(String(process.objectName));
        return (
          <Card key={process.id} withBorder padding="sm">
            <Group justify="space-between" wrap="wrap">
              <Anchor component={Link} to={`/approvalProcesses/${process.id}`} fw={600}>
                {String(process.name)}
              </Anchor>
              <Badge color={process.isActive ? 'teal.9' : 'gray.8'} variant="filled">
                {process.isActive ? t('approvals.settings.active') : t('approvals.settings.inactive')}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {objectDef ? pick(objectDef.label) : String(process.objectName)}
              {process.entryCondition ? ` · ${t('approvals.settings.when', { condition: String(process.entryCondition) })}` : ''}
            </Text>
            <List type="ordered" size="sm" mt="xs">
              {(steps.data?.data ?? [])
                .filter((step) => step.processId === process.id)
                .map((step) => (
                  <List.Item key={step.id}>
                    {String(step.name)} — {approverText(step)}
                    {step.mode === 'all' ? ` · ${t('approvals.settings.allOf')}` : ''}
                    {step.amountField && step.amountAbove !== null ? ` · ${t('approvals.settings.onlyAbove', { amount: Number(step.amountAbove) })}` : ''}
                  </List.Item>
                ))}
            </List>
          </Card>
        );
      })}
    </Stack>
  );
}
