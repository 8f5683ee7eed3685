// Deciding a request: an optional comment (needed to reject or send back), then approve, reject or
// send back. Used in the inbox and on the record's approval panel.
import { useState } from 'react';
import { Alert, Button, Group, Stack, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { decide, refreshApprovals, type ApprovalRequest, type DecisionKind } from './approvals.ts';

export function DecisionForm({ request }: { request: ApprovalRequest }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<DecisionKind | null>(null);

  const act = async (decision: DecisionKind) => {
    setError(null);
    if (decision !== 'approve' && !comment.trim()) {
      setError(t('approvals.commentNeeded'));
      return;
    }
    setBusy(decision);
    try {
      await decide(request.id, decision, comment);
      setComment('');
      await refreshApprovals(client, request.objectName, request.recordId);
    } catch (caught) {
      setError(caught instanceof ApiError ? (caught.problem.errors?.[0]?.message ?? caught.message) : t('common.error'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="xs">
      <Textarea
        label={t('approvals.comment')}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        autosize
        minRows={2}
        maxLength={2000}
      />
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group gap="xs" wrap="wrap">
        <Button color="teal.9" loading={busy === 'approve'} onClick={() => act('approve')}>
          {t('approvals.approve')}
        </Button>
        <Button color="grape.9" variant="outline" loading={busy === 'sendBack'} onClick={() => act('sendBack')}>
          {t('approvals.sendBack')}
        </Button>
        <Button color="red.9" variant="outline" loading={busy === 'reject'} onClick={() => act('reject')}>
          {t('approvals.reject')}
        </Button>
      </Group>
    </Stack>
  );
}
