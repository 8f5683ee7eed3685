// A price book's entries on its record page: each product's unit price; the catalogue's keepers add
// and remove them.
import { useState } from 'react';
import { ActionIcon, Button, Card, Group, Select, Skeleton, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, get, query, request } from '../../app/api.ts';
import { can, useObjects, type ObjectDef } from '../../app/metadata.ts';
import type { RecordRow } from '../../records/useRecordList.ts';
import { fetchProducts, formatMoney, type Money } from './quote-api.ts';

export function PriceBookEntriesPanel({ record }: { def: ObjectDef; record: RecordRow }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const { data: objects } = useObjects();
  const bookId = String(record.id);
  const entries = useQuery({
    queryKey: ['list', 'priceBookEntries', bookId],
    queryFn: () => get<{ data: RecordRow[] }>(`/api/v1/priceBookEntries${query({ filter: `priceBookId eq '${bookId}'`, limit: 500 })}`),
  });
  const products = useQuery({ queryKey: ['quoteProducts'], queryFn: fetchProducts });
  const [productId, setProductId] = useState<string | null>(null);
  const [price, setPrice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const canEdit = can(objects?.get('products'), 'edit');
  const nameOf = (id: unknown) => String(products.data?.data.find((p) => p.id === id)?.name ?? '—');
  const refresh = () => client.invalidateQueries({ queryKey: ['list', 'priceBookEntries', bookId] });
  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await refresh();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('common.error'));
    }
  };
  const add = () =>
    act(async () => {
      await request('POST', '/api/v1/priceBookEntries', { priceBookId: bookId, productId, unitPrice: price.trim() });
      setProductId(null);
      setPrice('');
    });
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {t('quotes.priceBook.entries')}
      </Text>
      {entries.isPending ? (
        <Skeleton h={80} />
      ) : (
        <Table aria-label={t('quotes.priceBook.entries')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('quotes.lines.product')}</Table.Th>
              <Table.Th ta="right">{t('quotes.lines.unitPrice')}</Table.Th>
              {canEdit && (
                <Table.Th>
                  <VisuallyHidden>{t('quotes.lines.actions')}</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(entries.data?.data ?? []).map((entry) => (
              <Table.Tr key={String(entry.id)}>
                <Table.Td>{nameOf(entry.productId)}</Table.Td>
                <Table.Td ta="right">{formatMoney(entry.unitPrice as Money | null, i18n.language)}</Table.Td>
                {canEdit && (
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red.9" aria-label={t('quotes.priceBook.remove', { name: nameOf(entry.productId) })} onClick={() => act(() => request('DELETE', `/api/v1/priceBookEntries/${String(entry.id)}`, undefined, { 'if-match': `"${String(entry.version)}"` }))}>
                      ×
                    </ActionIcon>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canEdit && (
        <Group align="flex-end" mt="sm" wrap="wrap">
          <Select label={t('quotes.lines.product')} searchable data={(products.data?.data ?? []).map((p) => ({ value: String(p.id), label: String(p.name) }))} value={productId} onChange={setProductId} />
          <TextInput label={t('quotes.lines.unitPrice')} inputMode="decimal" value={price} onChange={(e) => setPrice(e.currentTarget.value)} />
          <Button variant="default" onClick={add} disabled={!productId || !price.trim()}>
            {t('quotes.priceBook.add')}
          </Button>
        </Group>
      )}
      {error && (
        <Text c="red" size="sm" role="alert" mt="xs">
          {error}
        </Text>
      )}
    </Card>
  );
}

export default PriceBookEntriesPanel;
