// Win/loss by competitor: for every competitor met on the deals the user may read, the deals won,
// lost and open, the win rate, the amounts won and lost, and the most frequent loss reasons.
import { Anchor, Card, Group, Progress, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatMoney, useCompetitorAnalysis } from './pool-api.ts';

export function WinLossScreen() {
  const { t, i18n } = useTranslation();
  const analysis = useCompetitorAnalysis();
  const percent = (rate: number | null) => (rate === null ? '—' : new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 }).format(rate));
  const rows = analysis.data?.data ?? [];
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">
          {t('pool.winLoss.title')}
        </Title>
        <Anchor component={Link} to="/competitors" size="sm">
          {t('pool.winLoss.toCompetitors')}
        </Anchor>
      </Group>
      <Text c="dimmed" size="sm">
        {t('pool.winLoss.intro')}
      </Text>
      <Card withBorder p={0}>
        {analysis.isPending ? (
          <Skeleton h={160} />
        ) : rows.length === 0 ? (
          <Text p="md" c="dimmed">
            {t('pool.winLoss.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table striped aria-label={t('pool.winLoss.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('pool.winLoss.competitor')}</Table.Th>
                  <Table.Th ta="right">{t('pool.winLoss.deals')}</Table.Th>
                  <Table.Th ta="right">{t('pool.winLoss.won')}</Table.Th>
                  <Table.Th ta="right">{t('pool.winLoss.lost')}</Table.Th>
                  <Table.Th ta="right">{t('pool.winLoss.open')}</Table.Th>
                  <Table.Th>{t('pool.winLoss.winRate')}</Table.Th>
                  <Table.Th>{t('pool.winLoss.amountWon')}</Table.Th>
                  <Table.Th>{t('pool.winLoss.amountLost')}</Table.Th>
                  <Table.Th>{t('pool.winLoss.reasons')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.competitorId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/competitors/${row.competitorId}`}>
                        {row.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ta="right">{row.deals}</Table.Td>
                    <Table.Td ta="right">{row.won}</Table.Td>
                    <Table.Td ta="right">{row.lost}</Table.Td>
                    <Table.Td ta="right">{row.open}</Table.Td>
                    <Table.Td miw={110}>
                      <Text size="sm">{percent(row.winRate)}</Text>
                      {row.winRate !== null && <Progress value={row.winRate * 100} color="teal.9" size="sm" aria-hidden />}
                    </Table.Td>
                    <Table.Td>{formatMoney(row.amountWon, i18n.language)}</Table.Td>
                    <Table.Td>{formatMoney(row.amountLost, i18n.language)}</Table.Td>
                    <Table.Td>{row.topLossReasons.length ? row.topLossReasons.map((r) => t('pool.winLoss.reason', { reason: r.reason, count: r.count })).join(t('common.listSeparator')) : '—'}</Table.Td>
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

export default WinLossScreen;
