// The ageing report: what customers still owe on the chosen day, per currency, in buckets by days past
// due (not yet due, 0–30, 31–60, 61–90, over 90), as a table and a bar per bucket.
import { useState } from 'react';
import { Card, Group, Progress, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ScrollRegion } from '../../settings/people/ScrollRegion.tsx';
import { bucketNames, formatAmount, todayUtc, useAgeing, type AgeingReport } from './receivables-api.ts';

const bucketColors = { notYetDue: 'teal.8', days0to30: 'yellow.8', days31to60: 'orange.8', days61to90: 'red.7', days90plus: 'red.9' } as const;

function TotalsBars({ total }: { total: AgeingReport['totals'][number] }) {
  const { t, i18n } = useTranslation();
  const all = Number(total.total) || 1;
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {t('receivables.ageing.totalIn', { currency: total.currency, amount: formatAmount(total.total, total.currency, i18n.language) })}
      </Text>
      <Stack gap={6}>
        {bucketNames.map((bucket) => (
          <div key={bucket}>
            <Group justify="space-between" gap="xs">
              <Text size="sm">{t(`receivables.ageing.buckets.${bucket}`)}</Text>
              <Text size="sm">{formatAmount(total.buckets[bucket], total.currency, i18n.language)}</Text>
            </Group>
            <Progress value={(Number(total.buckets[bucket]) / all) * 100} color={bucketColors[bucket]} aria-label={t(`receivables.ageing.buckets.${bucket}`)} />
          </div>
        ))}
      </Stack>
    </Card>
  );
}

export function AgeingScreen() {
  const { t, i18n } = useTranslation();
  const [asOf, setAsOf] = useState(todayUtc);
  const ageing = useAgeing(asOf);
  const report = ageing.data;
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap" align="flex-end">
        <Title order={1} size="h2">
          {t('receivables.ageing.title')}
        </Title>
        <TextInput type="date" label={t('receivables.asOf')} value={asOf} onChange={(e) => e.currentTarget.value && setAsOf(e.currentTarget.value)} w={170} />
      </Group>
      <Text c="dimmed" size="sm">
        {t('receivables.ageing.intro')}
      </Text>
      {ageing.isPending ? (
        <Skeleton h={200} />
      ) : ageing.isError || !report ? (
        <Text c="red" role="alert">
          {t('receivables.loadError')}
        </Text>
      ) : report.rows.length === 0 ? (
        <Text c="dimmed">{t('receivables.ageing.empty')}</Text>
      ) : (
        <>
          {report.totals.map((total) => (
            <TotalsBars key={total.currency} total={total} />
          ))}
          <Card withBorder p={0}>
            <ScrollRegion label={t('receivables.ageing.byCustomer')}>
              <Table miw={760} striped aria-label={t('receivables.ageing.byCustomer')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('receivables.customer')}</Table.Th>
                    {bucketNames.map((bucket) => (
                      <Table.Th key={bucket} ta="right">
                        {t(`receivables.ageing.buckets.${bucket}`)}
                      </Table.Th>
                    ))}
                    <Table.Th ta="right">{t('receivables.ageing.total')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.rows.map((row) => (
                    <Table.Tr key={`${row.accountId}-${row.currency}`}>
                      <Table.Td>{row.accountName ?? t('receivables.hidden')}</Table.Td>
                      {bucketNames.map((bucket) => (
                        <Table.Td key={bucket} ta="right">
                          {Number(row.buckets[bucket]) ? formatAmount(row.buckets[bucket], row.currency, i18n.language) : '—'}
                        </Table.Td>
                      ))}
                      <Table.Td ta="right" fw={600}>
                        {formatAmount(row.total, row.currency, i18n.language)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          </Card>
        </>
      )}
    </Stack>
  );
}

export default AgeingScreen;
