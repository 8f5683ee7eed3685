// The approval panel of every record that can be approved: its status, the current step and who must
// act, the history of decisions, and the actions open to the user (submit, decide, withdraw).
import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import type { ObjectDef } from '../../app/metadata.ts';
import type { RecordRow } from '../../records/useRecordList.ts';
import { refreshApprovals, statusColors, submitForApproval, useRecordApproval, withdraw } from './approvals.ts';
import { DecisionForm } from './DecisionForm.tsx';
import { DecisionHistory } from './DecisionHistory.tsx';

export default function ApprovalPanel({ def, record }: { def: ObjectDef; record: RecordRow }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const approval = useRecordApproval(def.name, record.id);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const status = String(record.approvalStatus ?? 'none');
  const state = approval.data;
  const request = state?.request;

  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    setBusy(true);
    try {
      await work();
      setComment('');
      await refreshApprovals(client, def.name, record.id);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Text fw={600} component="h2" size="md" m={0}>
            {t('approvals.panelTitle')}
          </Text>
          <Badge color={statusColors[status] ?? 'gray.8'} variant="filled">
            {t(`approvals.recordStatus.${status}`, { defaultValue: status })}
          </Badge>
        </Group>
        {approval.isPending && <Skeleton h={60} />}
        {request?.status === 'pending' && (
          <Text size="sm">
            {t('approvals.waitingOn', {
              step: request.stepName ?? '',
              names: request.currentApprovers.map((a) => a.name ?? '—').join(t('approvals.listSeparator')),
            })}
          </Text>
        )}
        {request?.status === 'pending' && <Text size="sm" c="dimmed">{t('approvals.lockedNote')}</Text>}
        {request?.decisions && request.decisions.length > 0 && <DecisionHistory decisions={request.decisions} />}
        {state?.canDecide && request && <DecisionForm request={request} />}
        {(state?.canSubmit || state?.canWithdraw) && (
          <Stack gap="xs">
            <Textarea label={t('approvals.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} autosize minRows={2} maxLength={2000} />
            <Group gap="xs">
              {state.canSubmit && (
                <Button loading={busy} onClick={() => run(() => submitForApproval(def.name, record.id, comment))}>
                  {t('approvals.submit')}
                </Button>
              )}
              {state.canWithdraw && request && (
                <Button variant="outline" color="gray.8" loading={busy} onClick={() => run(() => withdraw(request.id, comment))}>
                  {t('approvals.withdraw')}
                </Button>
              )}
            </Group>
          </Stack>
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
