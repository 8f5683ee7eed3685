// The quote's line items as an editable grid: product picker, quantity, unit price (the price book's
// unless typed), discount, and the amount the server derived. Errors show on the offending line.
import { ActionIcon, NumberInput, Select, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ScrollRegion } from '../../settings/people/ScrollRegion.tsx';
import type { RecordRow } from '../../records/useRecordList.ts';
import { formatMoney, type DraftLine } from './quote-api.ts';

interface Props {
  lines: DraftLine[];
  products: RecordRow[];
  /** Field errors per line index and field name. */
  errors: Map<number, Map<string, string>>;
  isEditable: boolean;
  onChange: (index: number, patch: Partial<DraftLine>) => void;
  onRemove: (index: number) => void;
}

export function QuoteLinesTable({ lines, products, errors, isEditable, onChange, onRemove }: Props) {
  const { t, i18n } = useTranslation();
  const options = products.map((p) => ({ value: String(p.id), label: p.code ? `${String(p.name)} (${String(p.code)})` : String(p.name) }));
  const nameOf = (id: string | null) => options.find((o) => o.value === id)?.label ?? '—';
  return (
    <ScrollRegion label={t('quotes.lines.title')}>
      <Table miw={760} verticalSpacing="xs" aria-label={t('quotes.lines.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={32}>#</Table.Th>
            <Table.Th>{t('quotes.lines.product')}</Table.Th>
            <Table.Th w={90}>{t('quotes.lines.quantity')}</Table.Th>
            <Table.Th w={130}>{t('quotes.lines.unitPrice')}</Table.Th>
            <Table.Th w={90}>{t('quotes.lines.discount')}</Table.Th>
            <Table.Th w={70}>{t('quotes.lines.tax')}</Table.Th>
            <Table.Th w={120} ta="right">
              {t('quotes.lines.amount')}
            </Table.Th>
            {isEditable && (
              <Table.Th w={40}>
                <VisuallyHidden>{t('quotes.lines.actions')}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line, index) => {
            const lineErrors = errors.get(index);
            const errorOf = (field: string) => lineErrors?.get(field);
            const label = (key: string) => t(key, { line: index + 1 });
            return (
              <Table.Tr key={line.key} data-line={index + 1} bg={lineErrors?.size ? 'var(--mantine-color-red-light)' : undefined}>
                <Table.Td>{index + 1}</Table.Td>
                <Table.Td>
                  {isEditable ? (
                    <Select
                      aria-label={label('quotes.lines.productOf')}
                      placeholder={t('quotes.lines.pickProduct')}
                      searchable
                      data={options}
                      value={line.productId}
                      onChange={(value) => onChange(index, { productId: value, unitPrice: '' })}
                      error={errorOf('productId')}
                      nothingFoundMessage={t('quotes.lines.noProduct')}
                    />
                  ) : (
                    <Text size="sm">{nameOf(line.productId)}</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {isEditable ? (
                    <NumberInput aria-label={label('quotes.lines.quantityOf')} min={0} value={line.quantity} onChange={(value) => onChange(index, { quantity: value })} error={errorOf('quantity')} hideControls />
                  ) : (
                    <Text size="sm">{line.quantity}</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {isEditable ? (
                    <TextInput
                      aria-label={label('quotes.lines.unitPriceOf')}
                      inputMode="decimal"
                      placeholder={line.listPrice?.amount ?? t('quotes.lines.fromBook')}
                      value={line.unitPrice}
                      onChange={(event) => onChange(index, { unitPrice: event.currentTarget.value })}
                      error={errorOf('unitPrice')}
                    />
                  ) : (
                    <Text size="sm">{line.unitPrice || line.listPrice?.amount || '—'}</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {isEditable ? (
                    <NumberInput aria-label={label('quotes.lines.discountOf')} min={0} max={100} suffix="%" value={line.discountPercent} onChange={(value) => onChange(index, { discountPercent: value })} error={errorOf('discountPercent')} hideControls />
                  ) : (
                    <Text size="sm">{line.discountPercent}%</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{line.taxRate === null || line.taxRate === undefined ? '—' : `${line.taxRate}%`}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm">{formatMoney(line.netAmount, i18n.language)}</Text>
                </Table.Td>
                {isEditable && (
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red.9" onClick={() => onRemove(index)} aria-label={label('quotes.lines.remove')}>
                      ×
                    </ActionIcon>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}
