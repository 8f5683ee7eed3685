// An approved expense's reimbursement, for finance: the reimburse command, or who reimbursed it when.
import { useState } from 'react';
import { Alert, Button, Card, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { can, type ObjectDef } from '../../app/metadata.ts';
import type { RecordRow } from '../../records/useRecordList.ts';
import { refreshApprovals, reimburse } from './approvals.ts';

export default function ExpensePanel({ def, record }: { def: ObjectDef; record: RecordRow }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const isReimbursed = record.reimbursementStatus === 'reimbursed';
  // Finance may change every expense; the server checks the same right.
  const isFinance = can(def, 'editAll');

  const pay = async () => {
    setError(null);
    setBusy(true);
    try {
      await reimburse(record.id);
      await refreshApprovals(client, def.name, record.id);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };

  if (!isReimbursed && !isFinance) return null;
  return (
    <Card withBorder>
      <Group justify="space-between" wrap="wrap">
        <Text fw={600} component="h2" size="md" m={0}>
          {t('approvals.expenses.reimbursement')}
        </Text>
        {isReimbursed ? (
          <Text size="sm">
            {t('approvals.expenses.reimbursedOn', {
              date: typeof record.reimbursedAt === 'string' ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(record.reimbursedAt)) : '—',
            })}
          </Text>
        ) : (
          <Button color="teal.9" loading={busy} onClick={pay}>
            {t('approvals.expenses.reimburse')}
          </Button>
        )}
      </Group>
      {error && (
        <Alert color="red" role="alert" mt="sm">
          {error}
        </Alert>
      )}
    </Card>
  );
}
