// A contract's payment plan and the payments received, on its record page: each instalment with what
// was paid and its status, each payment, and (for those who may edit the contract) "Record payment"
// and "Add instalment".
import { useState } from 'react';
import { Badge, Button, Card, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ScrollRegion } from '../../settings/people/ScrollRegion.tsx';
import { get, query } from '../../app/api.ts';
import type { ObjectDef } from '../../app/metadata.ts';
import type { RecordRow } from '../../records/useRecordList.ts';
import { formatAmount, type Money } from './receivables-api.ts';
import { AddInstalmentDialog, RecordPaymentDialog } from './RecordPaymentDialog.tsx';

// Filled dark shades: white text on them meets the contrast ratio.
const statusColors: Record<string, string> = { open: 'gray.8', partlyPaid: 'blue.9', paid: 'teal.9', overdue: 'red.9' };

export function ContractPaymentsPanel({ def, record, canEdit = false }: { def: ObjectDef; record: RecordRow; canEdit?: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [dialog, setDialog] = useState<'payment' | 'instalment' | null>(null);
  const filter = `contractId eq '${record.id}'`;
  const plan = useQuery({ queryKey: ['list', 'paymentPlans', record.id], queryFn: () => get<{ data: RecordRow[] }>(`/api/v1/paymentPlans${query({ filter, sort: 'dueDate,number', limit: 200 })}`) });
  const paid = useQuery({ queryKey: ['list', 'payments', record.id], queryFn: () => get<{ data: RecordRow[] }>(`/api/v1/payments${query({ filter, sort: '-paymentDate', limit: 200 })}`) });
  const money = (value: unknown) => {
    const m = value as Money | null | undefined;
    return m ? formatAmount(m.amount, m.currency, i18n.language) : '—';
  };
  const refresh = async () => {
    await Promise.all([
      client.invalidateQueries({ queryKey: ['list', 'paymentPlans', record.id] }),
      client.invalidateQueries({ queryKey: ['list', 'payments', record.id] }),
      client.invalidateQueries({ queryKey: ['record', def.name, String(record.id)] }),
      client.invalidateQueries({ queryKey: ['timeline', def.name, String(record.id)] }),
      client.invalidateQueries({ queryKey: ['receivables'] }),
    ]);
  };
  const instalments = plan.data?.data ?? [];
  const numberOf = (id: unknown) => instalments.find((i) => i.id === id)?.number;
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Text fw={600} component="h2">
          {t('receivables.plan.title')}
        </Text>
        <Text size="sm">
          {t('receivables.plan.summary', { received: money(record.receivedAmount), outstanding: money(record.outstandingAmount) })}
        </Text>
      </Group>
      {plan.isPending ? (
        <Skeleton h={60} />
      ) : instalments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('receivables.plan.none')}
        </Text>
      ) : (
        <ScrollRegion label={t('receivables.plan.title')}>
          <Table miw={480} withRowBorders={false} aria-label={t('receivables.plan.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('receivables.instalment')}</Table.Th>
                <Table.Th>{t('receivables.dueDate')}</Table.Th>
                <Table.Th ta="right">{t('receivables.amountDue')}</Table.Th>
                <Table.Th ta="right">{t('receivables.paid')}</Table.Th>
                <Table.Th>{t('receivables.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {instalments.map((i) => (
                <Table.Tr key={String(i.id)} data-testid={`instalment-${String(i.number)}`}>
                  <Table.Td>{t('receivables.instalmentNumber', { number: i.number })}</Table.Td>
                  <Table.Td>{String(i.dueDate ?? '')}</Table.Td>
                  <Table.Td ta="right">{money(i.amount)}</Table.Td>
                  <Table.Td ta="right">{money(i.paidAmount)}</Table.Td>
                  <Table.Td>
                    <Badge variant="filled" color={statusColors[String(i.status)] ?? 'gray.8'}>
                      {t(`receivables.statuses.${String(i.status ?? 'open')}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
      <Text fw={600} mt="md" mb="xs" component="h3" size="sm">
        {t('receivables.payments.title')}
      </Text>
      {paid.isPending ? (
        <Skeleton h={40} />
      ) : (paid.data?.data ?? []).length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('receivables.payments.none')}
        </Text>
      ) : (
        <Stack gap={4}>
          {paid.data!.data.map((p) => (
            <Text size="sm" key={String(p.id)}>
              {t('receivables.payments.line', {
                date: p.paymentDate,
                amount: money(p.amount),
                against: p.instalmentId ? t('receivables.instalmentNumber', { number: numberOf(p.instalmentId) ?? '?' }) : t('receivables.payment.wholeContract'),
              })}
              {p.reference ? ` · ${String(p.reference)}` : ''}
            </Text>
          ))}
        </Stack>
      )}
      {canEdit && (
        <Group mt="md">
          <Button onClick={() => setDialog('payment')}>{t('receivables.payment.open')}</Button>
          <Button variant="default" onClick={() => setDialog('instalment')}>
            {t('receivables.plan.add')}
          </Button>
        </Group>
      )}
      {dialog === 'payment' && <RecordPaymentDialog contract={record} instalments={instalments} onClose={() => setDialog(null)} onSaved={refresh} />}
      {dialog === 'instalment' && (
        <AddInstalmentDialog contract={record} next={Math.max(0, ...instalments.map((i) => Number(i.number) || 0)) + 1} onClose={() => setDialog(null)} onSaved={refresh} />
      )}
    </Card>
  );
}

export default ContractPaymentsPanel;
