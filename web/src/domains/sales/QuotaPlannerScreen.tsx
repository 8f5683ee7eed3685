// The quota planner: a target for a person over a month, quarter or year, split by region and month
// (evenly, by last year's seasonality or by hand), and what it takes at the average deal size and win
// rate (from the history, or typed in): won deals and prospects per region and month, against what the
// pipeline holds now, with the gap to target. Saving keeps it as a quota record.
import { useState } from 'react';
import { Alert, Button, Card, Grid, Group, NumberInput, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { periodStartOf, useQuotaPlan, type PeriodType, type PlanInput } from './forecast-data.ts';
import { useMoney } from './ForecastScreen.tsx';
import { QuotaFunnel } from './QuotaFunnel.tsx';

const isDecimal = (v: string) => /^\d{1,15}(\.\d{1,4})?$/.test(v.trim());
const regionsOf = (text: string) => [...new Set(text.split(/[,，、]/).map((r) => r.trim()).filter(Boolean))];

export function QuotaPlannerScreen() {
  const { t, i18n } = useTranslation();
  const me = useSession().user;
  const [name, setName] = useState('');
  const [amount, setAmount] = useState('');
  const [periodType, setPeriodType] = useState<PeriodType>('quarter');
  const [periodStart, setPeriodStart] = useState(() => periodStartOf('quarter', new Date().toISOString().slice(0, 10)));
  const [regionText, setRegionText] = useState('');
  const [splitMethod, setSplitMethod] = useState<PlanInput['splitMethod']>('even');
  const [manual, setManual] = useState<Record<string, Record<string, string>>>({});
  const [dealSize, setDealSize] = useState('');
  const [winRate, setWinRate] = useState<number | string>('');
  const [saved, setSaved] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);

  const regions = regionsOf(regionText);
  const start = /^\d{4}-\d{2}-\d{2}$/.test(periodStart) ? periodStartOf(periodType, periodStart) : '';
  const manualClean = Object.fromEntries(regions.map((r) => [r, Object.fromEntries(Object.entries(manual[r] ?? {}).filter(([, v]) => isDecimal(v)))]));
  const input: PlanInput = {
    amount: amount.trim(),
    periodType,
    periodStart: start,
    regions,
    splitMethod,
    ...(splitMethod === 'manual' ? { manual: manualClean } : {}),
    averageDealSize: isDecimal(dealSize) && Number(dealSize) > 0 ? dealSize.trim() : null,
    winRate: typeof winRate === 'number' && winRate > 0 && winRate <= 100 ? winRate : null,
  };
  const [debounced] = useDebouncedValue(input, 300);
  const isReady = isDecimal(debounced.amount) && debounced.regions.length > 0 && debounced.periodStart !== '';
  const plan = useQuotaPlan(debounced, isReady);
  const data = plan.data;
  const money = useMoney(data?.currency);
  const exactMoney = (value: string) => new Intl.NumberFormat(i18n.language, { style: 'currency', currency: data?.currency ?? 'CNY' }).format(Number(value));
  const monthLabel = (month: string) => new Intl.DateTimeFormat(i18n.language, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}T00:00:00Z`));

  const save = async () => {
    setSaved(null);
    setSaveError(null);
    try {
      await request('POST', '/api/v1/quotas', {
        name: name.trim() || t('forecast.planner.defaultName', { start }),
        assigneeId: me.id,
        periodType,
        periodStart: start,
        amount: input.amount,
        splitMethod,
        plan: { regions, ...(splitMethod === 'manual' ? { manual: manualClean } : {}) },
        averageDealSize: input.averageDealSize,
        winRate: input.winRate,
      });
      setSaved(t('forecast.planner.saved'));
    } catch (caught) {
      setSaveError(caught instanceof ApiError ? caught.message : t('common.error'));
    }
  };
  const totals = data?.plan.totals;
  const openNow = totals?.openCount ?? 0;

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('forecast.planner.title')}
      </Title>
      <Text c="dimmed" size="sm">
        {t('forecast.planner.intro')}
      </Text>
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder component="section" aria-label={t('forecast.planner.inputs')}>
            <Stack gap="sm">
              <TextInput label={t('forecast.planner.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
              <TextInput
                label={t('forecast.planner.amount')}
                inputMode="decimal"
                value={amount}
                onChange={(e) => setAmount(e.currentTarget.value)}
                error={amount && !isDecimal(amount) ? t('forecast.planner.amountInvalid') : undefined}
              />
              <Select
                label={t('forecast.periodType')}
                value={periodType}
                onChange={(v) => v && setPeriodType(v as PeriodType)}
                data={(['month', 'quarter', 'year'] as const).map((p) => ({ value: p, label: t(`forecast.period.${p}`) }))}
                allowDeselect={false}
              />
              <TextInput type="date" label={t('forecast.planner.periodStart')} value={periodStart} onChange={(e) => setPeriodStart(e.currentTarget.value)} />
              <TextInput label={t('forecast.planner.regions')} description={t('forecast.planner.regionsHint')} value={regionText} onChange={(e) => setRegionText(e.currentTarget.value)} />
              <div>
                <Text size="sm" fw={500} id="split-label">
                  {t('forecast.planner.split')}
                </Text>
                <SegmentedControl
                  aria-labelledby="split-label"
                  fullWidth
                  value={splitMethod}
                  onChange={(v) => setSplitMethod(v as PlanInput['splitMethod'])}
                  data={(['even', 'seasonal', 'manual'] as const).map((m) => ({ value: m, label: t(`forecast.planner.splitMethod.${m}`) }))}
                />
              </div>
              <TextInput
                label={t('forecast.planner.dealSize')}
                inputMode="decimal"
                value={dealSize}
                onChange={(e) => setDealSize(e.currentTarget.value)}
                description={t('forecast.planner.fromHistory', { value: data?.history.averageDealSize ? money(data.history.averageDealSize) : '—' })}
              />
              <NumberInput
                label={t('forecast.planner.winRate')}
                value={winRate}
                onChange={setWinRate}
                min={0.01}
                max={100}
                suffix="%"
                description={t('forecast.planner.fromHistory', { value: data?.history.winRate !== null && data?.history.winRate !== undefined ? `${data.history.winRate}%` : '—' })}
              />
              <Button onClick={save} disabled={!isReady}>
                {t('forecast.planner.save')}
              </Button>
              {saved && (
                <Alert color="teal" role="status">
                  {saved}
                </Alert>
              )}
              {saveError && (
                <Alert color="red" role="alert">
                  {saveError}
                </Alert>
              )}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {!isReady && <Alert color="blue">{t('forecast.planner.fillIn')}</Alert>}
          {plan.error && (
            <Alert color="red" role="alert">
              {plan.error instanceof ApiError ? plan.error.message : t('common.error')}
            </Alert>
          )}
          {data && isReady && (
            <Stack>
              <Group gap="xl" wrap="wrap">
                <div>
                  <Text size="sm" c="dimmed">
                    {t('forecast.planner.target')}
                  </Text>
                  <Text fw={700} size="lg">
                    {exactMoney(data.plan.target)}
                  </Text>
                </div>
                <div>
                  <Text size="sm" c="dimmed">
                    {t('forecast.planner.winsNeeded')}
                  </Text>
                  <Text fw={700} size="lg" data-testid="wins-needed">
                    {totals?.winsNeeded ?? '—'}
                  </Text>
                </div>
                <div>
                  <Text size="sm" c="dimmed">
                    {t('forecast.planner.prospectsNeeded')}
                  </Text>
                  <Text fw={700} size="lg" data-testid="prospects-needed">
                    {totals?.prospectsNeeded ?? '—'}
                  </Text>
                </div>
                <div>
                  <Text size="sm" c="dimmed">
                    {t('forecast.gap')}
                  </Text>
                  <Text fw={700} size="lg">
                    {exactMoney(data.plan.totals.gap)}
                  </Text>
                </div>
              </Group>
              {data.plan.plannedTotal !== data.plan.target && (
                <Alert color="yellow" role="status">
                  {t('forecast.planner.plannedTotal', { planned: exactMoney(data.plan.plannedTotal), target: exactMoney(data.plan.target) })}
                </Alert>
              )}
              <Table.ScrollContainer minWidth={640}>
                <Table withTableBorder withColumnBorders aria-label={t('forecast.planner.grid')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('forecast.planner.region')}</Table.Th>
                      {data.period.months.map((m) => (
                        <Table.Th key={m} scope="col">
                          {monthLabel(m)}
                        </Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.plan.regions.map((region) => (
                      <Table.Tr key={region.region}>
                        <Table.Th scope="row">
                          {region.region}
                          <Text size="xs" c="dimmed">
                            {exactMoney(region.target)}
                          </Text>
                        </Table.Th>
                        {region.months.map((cell) => (
                          <Table.Td key={cell.month} data-testid={`cell-${region.region}-${cell.month}`}>
                            {splitMethod === 'manual' ? (
                              <TextInput
                                size="xs"
                                aria-label={`${region.region} ${monthLabel(cell.month)}`}
                                value={manual[region.region]?.[cell.month] ?? ''}
                                onChange={(e) => {
                                  const value = e.currentTarget.value;
                                  setManual((m) => ({ ...m, [region.region]: { ...m[region.region], [cell.month]: value } }));
                                }}
                              />
                            ) : (
                              <Text fw={600} size="sm">
                                {exactMoney(cell.target)}
                              </Text>
                            )}
                            <Text size="xs">{t('forecast.planner.cellWins', { wins: cell.winsNeeded ?? '—', exact: cell.exactWins ?? '—' })}</Text>
                            <Text size="xs">{t('forecast.planner.cellProspects', { prospects: cell.prospectsNeeded ?? '—', exact: cell.exactProspects ?? '—' })}</Text>
                            <Text size="xs" c="dimmed">
                              {t('forecast.planner.cellOpen', { count: cell.openCount, amount: money(cell.openAmount) })}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {t('forecast.planner.cellGap', { gap: money(cell.gap) })}
                            </Text>
                          </Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <QuotaFunnel
                steps={[
                  { key: 'prospects', label: t('forecast.planner.prospectsNeeded'), value: totals?.prospectsNeeded ?? 0 },
                  { key: 'open', label: t('forecast.planner.openNow'), value: openNow },
                  { key: 'wins', label: t('forecast.planner.winsNeeded'), value: totals?.winsNeeded ?? 0 },
                ]}
              />
            </Stack>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

export default QuotaPlannerScreen;
