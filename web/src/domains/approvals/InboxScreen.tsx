// The approval inboxes: "Waiting for me" (requests whose current step waits for the user, also as a
// delegate, each decided right here) and "My requests" (what the user submitted and where it stands).
import { Alert, Anchor, Badge, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLabel, useObjects } from '../../app/metadata.ts';
import { statusColors, useInbox, type ApprovalRequest, type InboxKind } from './approvals.ts';
import { DecisionForm } from './DecisionForm.tsx';

function RequestCard({ request, kind }: { request: ApprovalRequest; kind: InboxKind }) {
  const { t, i18n } = useTranslation();
  const pick = useLabel();
  const { data: objects } = useObjects();
  const objectDef = objects?.get(request.objectName);
  const onBehalfOf = request.onBehalfOfId ? request.currentApprovers.find((a) => a.id === request.onBehalfOfId)?.name : null;
  const submitted = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(request.submittedAt));
  return (
    <Card withBorder padding="sm" component="article" aria-label={request.recordTitle ?? t('common.untitled')}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Anchor component={Link} to={`/${request.objectName}/${request.recordId}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
            {request.recordTitle || t('common.untitled')}
          </Anchor>
          <Badge color={statusColors[request.status] ?? 'gray.8'} variant="filled">
            {t(`approvals.requestStatus.${request.status}`)}
          </Badge>
        </Group>
        <Group gap="md" wrap="wrap">
          {objectDef && (
            <Text size="sm" c="dimmed">
              {pick(objectDef.label)}
            </Text>
          )}
          {kind === 'waiting' && <Text size="sm">{t('approvals.requestedBy', { name: request.requesterName ?? '—' })}</Text>}
          <Text size="sm" c="dimmed">
            {t('approvals.submittedAt', { date: submitted })}
          </Text>
          {request.status === 'pending' && request.stepName && <Text size="sm">{t('approvals.step', { step: request.stepName })}</Text>}
        </Group>
        {onBehalfOf && (
          <Text size="sm" fw={600}>
            {t('approvals.asDelegate', { name: onBehalfOf })}
          </Text>
        )}
        {kind === 'waiting' && <DecisionForm request={request} />}
      </Stack>
    </Card>
  );
}

function Inbox({ kind }: { kind: InboxKind }) {
  const { t } = useTranslation();
  const inbox = useInbox(kind);
  const requests = inbox.data?.data ?? [];
  return (
    <Stack>
      <Title order={1} size="h2">
        {t(`approvals.${kind}.title`)}
      </Title>
      <Text c="dimmed" size="sm">
        {t(`approvals.${kind}.intro`)}
      </Text>
      {/* Delegations are records of their own: set one before going away. */}
      <Anchor component={Link} to="/approvalDelegations" size="sm">
        {t('approvals.settings.delegations')}
      </Anchor>
      {inbox.isPending && <Skeleton h={160} />}
      {inbox.isError && <Alert color="red">{t('common.error')}</Alert>}
      {inbox.data && requests.length === 0 && <Text c="dimmed">{t(`approvals.${kind}.none`)}</Text>}
      {requests.map((request) => (
        <RequestCard key={request.id} request={request} kind={kind} />
      ))}
    </Stack>
  );
}

export function WaitingForMeScreen() {
  return <Inbox kind="waiting" />;
}

export function MyRequestsScreen() {
  return <Inbox kind="mine" />;
}
