// The quote editor on a quote's record page: its lines, the totals the server derived, the approval
// state, and the commands (save, new version, PDF, order). Compatibility errors mark their lines.
import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, Group, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get, query } from '../../app/api.ts';
import { useLabel, type ObjectDef } from '../../app/metadata.ts';
import type { RecordRow } from '../../records/useRecordList.ts';
import { createOrder, draftOf, splitErrors, type LineErrors, fetchProducts, fetchQuoteEditor, formatMoney, newLineKey, newVersion, saveLines, type DraftLine, type Money, type QuoteEditorData } from './quote-api.ts';
import { QuoteLinesTable } from './QuoteLinesTable.tsx';

export function QuoteEditorPanel({ def, record, isLocked = false, canEdit: mayEdit = false }: { def: ObjectDef; record: RecordRow; isLocked?: boolean; canEdit?: boolean }) {
  const { t, i18n } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const navigate = useNavigate();
  const quoteId = String(record.id);
  const editor = useQuery({ queryKey: ['quoteEditor', quoteId, record.version], queryFn: () => fetchQuoteEditor(quoteId) });
  const products = useQuery({ queryKey: ['quoteProducts'], queryFn: fetchProducts });
  const orders = useQuery({
    queryKey: ['list', 'orders', 'quote', quoteId],
    queryFn: () => get<{ data: RecordRow[] }>(`/api/v1/orders${query({ filter: `quoteId eq '${quoteId}'`, fields: 'orderNumber', limit: 1 })}`),
  });
  const order = orders.data?.data[0];
  const [lines, setLines] = useState<DraftLine[] | null>(null);
  const [errors, setErrors] = useState<{ lines: LineErrors; message: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [isDirty, setDirty] = useState(false);

  useEffect(() => {
    if (editor.data && !isDirty) setLines(draftOf(editor.data.lines));
  }, [editor.data, isDirty]);

  if (editor.isPending || !lines) return <Skeleton h={200} />;
  if (editor.isError) return <Alert color="red">{t('common.error')}</Alert>;
  const quote = editor.data.quote;
  const isEditable = mayEdit && quote.status === 'draft' && !quote.isSuperseded && quote.approvalStatus !== 'pending' && !isLocked;
  const optionLabel = (field: string, value: unknown) => {
    const option = def.fields.find((f) => f.name === field)?.options?.find((o) => o.value === value);
    return option ? pick(option.label) : String(value ?? '');
  };

  const applySaved = (saved: QuoteEditorData) => {
    client.setQueryData(['quoteEditor', quoteId, saved.quote.version], saved);
    setLines(draftOf(saved.lines));
    setDirty(false);
    void client.invalidateQueries({ queryKey: ['record', 'quotes', quoteId] });
  };
  const run = async (name: string, work: () => Promise<void>) => {
    setBusy(name);
    setErrors(null);
    try {
      await work();
    } catch (caught) {
      setErrors(splitErrors(caught, t('common.error')));
    } finally {
      setBusy(null);
    }
  };
  const change = (index: number, patch: Partial<DraftLine>) => {
    setDirty(true);
    setLines((old) => (old ?? []).map((line, i) => (i === index ? { ...line, ...patch } : line)));
  };
  const remove = (index: number) => {
    setDirty(true);
    setLines((old) => (old ?? []).filter((_, i) => i !== index));
  };
  const add = () => {
    setDirty(true);
    setLines((old) => [...(old ?? []), { key: newLineKey(), productId: null, quantity: 1, discountPercent: 0, unitPrice: '' }]);
  };
  const save = () => run('save', async () => applySaved(await saveLines(quoteId, lines.filter((l): l is DraftLine & { productId: string } => Boolean(l.productId)))));
  const makeVersion = () => run('version', async () => navigate(`/quotes/${String((await newVersion(quoteId)).id)}`));
  const makeOrder = () => run('order', async () => navigate(`/orders/${String((await createOrder(quoteId)).id)}`));

  const totals: Array<[string, Money | null]> = [
    ['quotes.totals.subtotal', quote.subtotal as Money | null],
    ['quotes.totals.discount', quote.discountAmount as Money | null],
    ['quotes.totals.tax', quote.taxAmount as Money | null],
    ['quotes.totals.total', quote.total as Money | null],
  ];
  // Filled in dark shades: small light badges fail the contrast check (yellow text on pale yellow).
  const approvalColor = { approved: 'teal.9', pending: 'blue.9', rejected: 'red.9' }[String(quote.approvalStatus)] ?? 'gray.8';
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Text fw={600}>{t('quotes.lines.title')}</Text>
          <Group gap="xs">
            <Badge variant="light" color="blue">
              {t('quotes.versionBadge', { version: quote.versionNumber ?? 1 })}
            </Badge>
            <Badge variant="filled" color={approvalColor} data-testid="approval-status">
              {t('quotes.approvalBadge', { status: optionLabel('approvalStatus', quote.approvalStatus) })}
            </Badge>
            {quote.needsApproval ? (
              <Badge variant="outline" color="red.9">
                {t('quotes.needsApproval')}
              </Badge>
            ) : null}
          </Group>
        </Group>
        {quote.isSuperseded ? <Alert color="gray">{t('quotes.superseded')}</Alert> : null}
        {quote.approvalStatus === 'pending' ? <Alert color="yellow">{t('quotes.pending')}</Alert> : null}
        <QuoteLinesTable lines={lines} products={products.data?.data ?? []} errors={errors?.lines ?? new Map()} isEditable={isEditable} onChange={change} onRemove={remove} />
        {errors && (
          <Alert color="red" role="alert">
            {errors.message}
          </Alert>
        )}
        {isEditable && (
          <Group>
            <Button variant="default" onClick={add}>
              {t('quotes.lines.add')}
            </Button>
            <Button onClick={save} loading={busy === 'save'} disabled={!isDirty}>
              {t('quotes.lines.save')}
            </Button>
            {isDirty && (
              <Text size="sm" c="dimmed">
                {t('quotes.lines.unsaved')}
              </Text>
            )}
          </Group>
        )}
        <SimpleGrid cols={{ base: 2, sm: 4 }} aria-label={t('quotes.totals.title')} role="group">
          {totals.map(([key, money]) => (
            <div key={key}>
              <Text size="xs" c="dimmed">
                {t(key)}
              </Text>
              <Text fw={key === 'quotes.totals.total' ? 700 : 500} data-testid={key}>
                {formatMoney(money, i18n.language)}
              </Text>
            </div>
          ))}
        </SimpleGrid>
        <Group gap="xs" wrap="wrap">
          <Button component="a" variant="default" href={`/api/v1/quotes/${quoteId}/pdf`} download>
            {t('quotes.downloadPdf')}
          </Button>
          {mayEdit && !quote.isSuperseded && (
            <Button variant="default" onClick={makeVersion} loading={busy === 'version'}>
              {t('quotes.newVersion')}
            </Button>
          )}
          {order ? (
            <Button component={Link} variant="light" to={`/orders/${String(order.id)}`}>
              {t('quotes.openOrder', { number: order.orderNumber })}
            </Button>
          ) : (
            mayEdit &&
            quote.status === 'accepted' &&
            orders.isSuccess && (
              <Button onClick={makeOrder} loading={busy === 'order'}>
                {t('quotes.createOrder')}
              </Button>
            )
          )}
        </Group>
      </Stack>
    </Card>
  );
}

export default QuoteEditorPanel;
