// The expense report: totals by person, department or period (month or quarter), counting only the
// expenses the user may see (the server's access-aware aggregation), optionally only approved ones.
import { useState } from 'react';
import { Alert, Group, SegmentedControl, Select, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, query } from '../../app/api.ts';
import { useTitles } from '../../app/titles.ts';

type Grouping = 'person' | 'department' | 'month' | 'quarter';
type StatusFilter = 'all' | 'approved' | 'reimbursed';

interface Group {
  key: unknown;
  count: number;
  sums: { amount?: Array<{ amount: string; currency: string }> };
}

const groupBy: Record<Grouping, string> = { person: 'ownerId', department: 'department', month: 'expenseDate:month', quarter: 'expenseDate:quarter' };
const filters: Record<StatusFilter, string | undefined> = {
  all: undefined,
  approved: "approvalStatus eq 'approved'",
  reimbursed: "reimbursementStatus eq 'reimbursed'",
};

export default function ExpenseReportScreen() {
  const { t, i18n } = useTranslation();
  const [grouping, setGrouping] = useState<Grouping>('person');
  const [status, setStatus] = useState<StatusFilter>('all');
  const report = useQuery({
    queryKey: ['approvals', 'expenseReport', grouping, status],
    queryFn: () => get<{ data: Group[] }>(`/api/v1/expenses/aggregate${query({ groupBy: groupBy[grouping], sum: 'amount', filter: filters[status] })}`),
  });
  const groups = report.data?.data ?? [];
  const people = useTitles('users', grouping === 'person' ? groups.map((g) => g.key as string | null) : []);
  const money = (amount: string, currency: string) => new Intl.NumberFormat(i18n.language, { style: 'currency', currency }).format(Number(amount));

  const label = (key: unknown): string => {
    if (key === null || key === undefined || key === '') return t('approvals.report.none');
    if (grouping === 'person') return people.data?.get(String(key)) ?? '…';
    if (grouping === 'month') return String(key).slice(0, 7);
    if (grouping === 'quarter') {
      const [year, month] = String(key).split('-');
      return t('approvals.report.quarterLabel', { year, quarter: Math.floor((Number(month) - 1) / 3) + 1 });
    }
    return String(key);
  };

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('approvals.report.title')}
      </Title>
      <Text c="dimmed" size="sm">
        {t('approvals.report.intro')}
      </Text>
      <Group wrap="wrap" align="flex-end">
        <SegmentedControl
          aria-label={t('approvals.report.groupBy')}
          value={grouping}
          onChange={(v) => setGrouping(v as Grouping)}
          data={(['person', 'department', 'month', 'quarter'] as const).map((g) => ({ value: g, label: t(`approvals.report.by.${g}`) }))}
        />
        <Select
          label={t('approvals.report.status')}
          value={status}
          onChange={(v) => setStatus((v as StatusFilter) ?? 'all')}
          allowDeselect={false}
          data={(['all', 'approved', 'reimbursed'] as const).map((s) => ({ value: s, label: t(`approvals.report.statuses.${s}`) }))}
          w={200}
        />
      </Group>
      {report.isPending && <Skeleton h={160} />}
      {report.isError && <Alert color="red">{t('common.error')}</Alert>}
      {report.data && groups.length === 0 && <Text c="dimmed">{t('approvals.report.empty')}</Text>}
      {groups.length > 0 && (
        <Table.ScrollContainer minWidth={320}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t(`approvals.report.by.${grouping}`)}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('approvals.report.count')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('approvals.report.total')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groups.map((g, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{label(g.key)}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{g.count}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{(g.sums.amount ?? []).map((s) => money(s.amount, s.currency)).join(' + ') || '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
