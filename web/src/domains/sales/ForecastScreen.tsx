// The forecast: the deals the user may see closing in a month, quarter or year, per person and
// category, weighted by probability, rolled up the manager hierarchy, against quota, beside last week's
// snapshot. Every figure links to the opportunities list filtered to its deals.
import { useState } from 'react';
import { Alert, Anchor, Button, Card, Group, SegmentedControl, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { dealsLink, forecastCategories, periodStartOf, shiftPeriod, treeRows, useForecast, type Figures, type ForecastCategory, type PeriodType } from './forecast-data.ts';

/** Money in the forecast's currency, in the reader's language. */
export function useMoney(currency: string | undefined) {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language, { style: 'currency', currency: currency ?? 'CNY', maximumFractionDigits: 0 });
  return (amount: string | null | undefined) => (amount === null || amount === undefined ? '—' : format.format(Number(amount)));
}

function periodLabel(type: PeriodType, start: string, language: string): string {
  const date = new Date(`${start}T00:00:00Z`);
  if (type === 'year') return start.slice(0, 4);
  if (type === 'quarter') return language.startsWith('zh') ? `${start.slice(0, 4)}年第${Math.floor(date.getUTCMonth() / 3) + 1}季度` : `Q${Math.floor(date.getUTCMonth() / 3) + 1} ${start.slice(0, 4)}`;
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(date);
}

function Change({ now, before, money }: { now: string; before: string | undefined; money: (amount: string) => string }) {
  if (before === undefined) return null;
  const delta = Number(now) - Number(before);
  if (delta === 0) return <Text size="xs" c="dimmed">±0</Text>;
  return (
    <Text size="xs" c={delta > 0 ? 'teal.9' : 'red.9'}>
      {delta > 0 ? '+' : '−'}
      {money(String(Math.abs(delta)))}
    </Text>
  );
}

export function ForecastScreen() {
  const { t, i18n } = useTranslation();
  const [type, setType] = useState<PeriodType>('quarter');
  const [start, setStart] = useState(() => periodStartOf('quarter', new Date().toISOString().slice(0, 10)));
  // A manager looks into one person's team; the address keeps it, so the view can be shared.
  const [params, setParams] = useSearchParams();
  const ownerId = params.get('ownerId');
  const forecast = useForecast(type, start, ownerId);
  const data = forecast.data;
  const money = useMoney(data?.currency);
  const period = data?.period ?? { start, end: shiftPeriod(type, start, 1) };
  const categoryLabel = (c: ForecastCategory) => t(`forecast.category.${c}`);

  const choose = (next: PeriodType) => {
    setType(next);
    setStart(periodStartOf(next, start));
  };
  const figureLink = (ownerIds: string[], figures: Figures, category?: ForecastCategory) => {
    const cell = category ? figures.categories[category] : figures.total;
    return (
      <Anchor component={Link} to={dealsLink(ownerIds, period, category)} aria-label={`${category ? categoryLabel(category) : t('forecast.total')}: ${money(cell.amount)}, ${t('forecast.deals', { count: cell.count })}`}>
        {money(cell.amount)}
      </Anchor>
    );
  };

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">
          {t('forecast.title')}
        </Title>
        <Anchor component={Link} to="/sales/quota-planner" size="sm">
          {t('forecast.toPlanner')}
        </Anchor>
      </Group>
      <Group wrap="wrap">
        <SegmentedControl
          aria-label={t('forecast.periodType')}
          value={type}
          onChange={(v) => choose(v as PeriodType)}
          data={(['month', 'quarter', 'year'] as const).map((p) => ({ value: p, label: t(`forecast.period.${p}`) }))}
        />
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={() => setStart(shiftPeriod(type, start, -1))} aria-label={t('forecast.previousPeriod')}>
            ‹
          </Button>
          <Text fw={600} aria-live="polite" data-testid="forecast-period">
            {periodLabel(type, start, i18n.language)}
          </Text>
          <Button variant="default" size="xs" onClick={() => setStart(shiftPeriod(type, start, 1))} aria-label={t('forecast.nextPeriod')}>
            ›
          </Button>
        </Group>
      </Group>
      {ownerId && (
        <Group gap="xs">
          <Text size="sm">{t('forecast.viewingTeam', { name: data?.rows.find((r) => r.id === ownerId)?.name ?? '' })}</Text>
          <Button variant="subtle" size="xs" onClick={() => setParams({})}>
            {t('forecast.backToMine')}
          </Button>
        </Group>
      )}
      {forecast.error && (
        <Alert color="red" role="alert">
          {forecast.error instanceof ApiError ? forecast.error.message : t('common.error')}
        </Alert>
      )}
      {forecast.isPending && <Skeleton h={240} />}
      {data && data.missingRates.length > 0 && (
        <Alert color="yellow" role="status">
          {t('forecast.missingRates', { currencies: data.missingRates.join(', ') })}
        </Alert>
      )}
      {data && (
        <>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
            {forecastCategories.map((c) => (
              <Card key={c} withBorder padding="sm" component="section" aria-label={categoryLabel(c)}>
                <Text size="sm" c="dimmed">
                  {categoryLabel(c)}
                </Text>
                <Text fw={700} size="lg">
                  {figureLink(data.rootIds.flatMap((id) => data.teamOwnerIds[id] ?? []), data.totals, c)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('forecast.weightedValue', { amount: money(data.totals.categories[c].weighted) })}
                </Text>
                <Change now={data.totals.categories[c].amount} before={data.previousTotals?.categories[c].amount} money={money} />
              </Card>
            ))}
            <Card withBorder padding="sm" component="section" aria-label={t('forecast.quota')}>
              <Text size="sm" c="dimmed">
                {t('forecast.quota')}
              </Text>
              <Text fw={700} size="lg">
                {money(data.quota)}
              </Text>
            </Card>
            <Card withBorder padding="sm" component="section" aria-label={t('forecast.gap')}>
              <Text size="sm" c="dimmed">
                {t('forecast.gap')}
              </Text>
              <Text fw={700} size="lg" data-testid="forecast-gap">
                {money(data.gap)}
              </Text>
            </Card>
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {data.previousTotals ? t('forecast.comparedWith', { week: data.previousWeekOf }) : t('forecast.noSnapshot')}
          </Text>
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover aria-label={t('forecast.byPerson')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('forecast.person')}</Table.Th>
                  {forecastCategories.map((c) => (
                    <Table.Th key={c} scope="col" ta="right">
                      {categoryLabel(c)}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col" ta="right">
                    {t('forecast.weighted')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('forecast.quota')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('forecast.gap')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {treeRows(data).map(({ row, depth }) => {
                  const ownerIds = data.teamOwnerIds[row.id] ?? [row.id];
                  return (
                    <Table.Tr key={row.id}>
                      <Table.Th scope="row" style={{ paddingInlineStart: `calc(var(--mantine-spacing-xs) + ${depth * 1.25}rem)` }}>
                        {row.reportIds.length > 0 && row.id !== data.viewerId ? (
                          <Anchor component="button" type="button" fw={700} onClick={() => setParams({ ownerId: row.id })}>
                            {row.name}
                          </Anchor>
                        ) : (
                          row.name || t('forecast.noOwner')
                        )}
                        {row.reportIds.length > 0 && (
                          <Text span size="xs" c="dimmed">
                            {' '}
                            {t('forecast.team')}
                          </Text>
                        )}
                      </Table.Th>
                      {forecastCategories.map((c) => (
                        <Table.Td key={c} ta="right">
                          {figureLink(ownerIds, row.team, c)}
                        </Table.Td>
                      ))}
                      <Table.Td ta="right">
                        {money(row.team.total.weighted)}
                        <Change now={row.team.total.weighted} before={row.previous?.total.weighted} money={money} />
                      </Table.Td>
                      <Table.Td ta="right">{money(row.quota)}</Table.Td>
                      <Table.Td ta="right">{money(row.gap)}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}

export default ForecastScreen;
