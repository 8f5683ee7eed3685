// The overdue list: instalments of the contracts the user may read that were due before the chosen
// day and are not fully paid, longest overdue first.
import { useState } from 'react';
import { Anchor, Badge, Card, Group, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatAmount, todayUtc, useOverdue } from './receivables-api.ts';

export function OverdueScreen() {
  const { t, i18n } = useTranslation();
  const [asOf, setAsOf] = useState(todayUtc);
  const overdue = useOverdue(asOf);
  const rows = overdue.data?.data ?? [];
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap" align="flex-end">
        <Title order={1} size="h2">
          {t('receivables.overdue.title')}
        </Title>
        <TextInput type="date" label={t('receivables.asOf')} value={asOf} onChange={(e) => e.currentTarget.value && setAsOf(e.currentTarget.value)} w={170} />
      </Group>
      <Text c="dimmed" size="sm">
        {t('receivables.overdue.intro')}
      </Text>
      <Card withBorder p={0}>
        {overdue.isPending ? (
          <Skeleton h={160} />
        ) : overdue.isError ? (
          <Text p="md" c="red" role="alert">
            {t('receivables.loadError')}
          </Text>
        ) : rows.length === 0 ? (
          <Text p="md" c="dimmed">
            {t('receivables.overdue.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table striped aria-label={t('receivables.overdue.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('receivables.contract')}</Table.Th>
                  <Table.Th>{t('receivables.customer')}</Table.Th>
                  <Table.Th>{t('receivables.instalment')}</Table.Th>
                  <Table.Th>{t('receivables.dueDate')}</Table.Th>
                  <Table.Th ta="right">{t('receivables.amountDue')}</Table.Th>
                  <Table.Th ta="right">{t('receivables.outstanding')}</Table.Th>
                  <Table.Th ta="right">{t('receivables.overdue.days')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.instalmentId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/contracts/${row.contractId}`}>
                        {[row.contractNumber, row.contractTitle].filter(Boolean).join(' ') || t('receivables.hidden')}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{row.accountName ?? t('receivables.hidden')}</Table.Td>
                    <Table.Td>{t('receivables.instalmentNumber', { number: row.number })}</Table.Td>
                    <Table.Td>{row.dueDate}</Table.Td>
                    <Table.Td ta="right">{formatAmount(row.amount, row.currency, i18n.language)}</Table.Td>
                    <Table.Td ta="right">{formatAmount(row.outstanding, row.currency, i18n.language)}</Table.Td>
                    <Table.Td ta="right">
                      <Badge color={row.daysOverdue > 60 ? 'red.9' : row.daysOverdue > 30 ? 'grape.9' : 'gray.8'} variant="filled">
                        {t('receivables.overdue.daysCount', { count: row.daysOverdue })}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </Stack>
  );
}

export default OverdueScreen;
