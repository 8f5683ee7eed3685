// An order's lines on its record page, as copied from the quote, and the way to its contract.
import { Card, Group, Skeleton, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ScrollRegion } from '../../settings/people/ScrollRegion.tsx';
import { get, query } from '../../app/api.ts';
import { useTitles } from '../../app/titles.ts';
import type { ObjectDef } from '../../app/metadata.ts';
import type { RecordRow } from '../../records/useRecordList.ts';
import { formatMoney, type Money } from './quote-api.ts';
import { OrderContractButton } from './OrderContractButton.tsx';

export function OrderLinesPanel({ record }: { def: ObjectDef; record: RecordRow }) {
  const { t, i18n } = useTranslation();
  const lines = useQuery({
    queryKey: ['list', 'orderLines', record.id],
    queryFn: () => get<{ data: RecordRow[] }>(`/api/v1/orderLines${query({ filter: `orderId eq '${String(record.id)}'`, sort: 'position', limit: 500 })}`),
  });
  const names = useTitles('products', (lines.data?.data ?? []).map((l) => l.productId as string));
  return (
    <Card withBorder>
      <Group justify="space-between" wrap="wrap" mb="xs">
        <Text fw={600}>{t('quotes.order.lines')}</Text>
        <OrderContractButton order={record} />
      </Group>
      {lines.isPending ? (
        <Skeleton h={80} />
      ) : (
        <ScrollRegion label={t('quotes.order.lines')}>
          <Table miw={640} aria-label={t('quotes.order.lines')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>{t('quotes.lines.product')}</Table.Th>
                <Table.Th>{t('quotes.lines.quantity')}</Table.Th>
                <Table.Th>{t('quotes.lines.unitPrice')}</Table.Th>
                <Table.Th>{t('quotes.lines.discount')}</Table.Th>
                <Table.Th>{t('quotes.lines.tax')}</Table.Th>
                <Table.Th ta="right">{t('quotes.lines.amount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(lines.data?.data ?? []).map((line) => (
                <Table.Tr key={String(line.id)}>
                  <Table.Td>{String(line.position ?? '')}</Table.Td>
                  <Table.Td>{String(line.description ?? names.data?.get(String(line.productId)) ?? '—')}</Table.Td>
                  <Table.Td>{String(line.quantity ?? '')}</Table.Td>
                  <Table.Td>{formatMoney(line.unitPrice as Money | null, i18n.language)}</Table.Td>
                  <Table.Td>{`${Number(line.discountPercent ?? 0)}%`}</Table.Td>
                  <Table.Td>{`${Number(line.taxRate ?? 0)}%`}</Table.Td>
                  <Table.Td ta="right">{formatMoney(line.netAmount as Money | null, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
    </Card>
  );
}

export default OrderLinesPanel;
