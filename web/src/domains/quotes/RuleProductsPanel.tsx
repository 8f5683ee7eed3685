// A product rule's other products (required, excluded or bundled), chosen on the rule's record page:
// the generic form has no input for links to many records.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Group, MultiSelect, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../app/api.ts';
import type { ObjectDef } from '../../app/metadata.ts';
import type { RecordRow } from '../../records/useRecordList.ts';
import { fetchProducts } from './quote-api.ts';

export function RuleProductsPanel({ record, canEdit: mayEdit = false }: { def: ObjectDef; record: RecordRow; canEdit?: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const products = useQuery({ queryKey: ['quoteProducts'], queryFn: fetchProducts });
  const stored = (record.relatedProductIds as string[] | null) ?? [];
  const [chosen, setChosen] = useState<string[]>(stored);
  const [message, setMessage] = useState<{ isError: boolean; text: string } | null>(null);
  const storedKey = stored.join(',');
  useEffect(() => setChosen(storedKey ? storedKey.split(',') : []), [storedKey]);
  const options = (products.data?.data ?? []).filter((p) => p.id !== record.productId).map((p) => ({ value: String(p.id), label: String(p.name) }));
  const save = async () => {
    setMessage(null);
    try {
      await request('PATCH', `/api/v1/quoteRules/${String(record.id)}`, { relatedProductIds: chosen }, { 'if-match': `"${String(record.version)}"` });
      await client.invalidateQueries({ queryKey: ['record', 'quoteRules', String(record.id)] });
      setMessage({ isError: false, text: t('quotes.rules.saved') });
    } catch (caught) {
      setMessage({ isError: true, text: caught instanceof ApiError ? caught.message : t('common.error') });
    }
  };
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={600}>{t('quotes.rules.title')}</Text>
        <Text size="sm" c="dimmed">
          {t('quotes.rules.intro')}
        </Text>
        <MultiSelect label={t('quotes.rules.products')} searchable data={options} value={chosen} onChange={setChosen} disabled={!mayEdit} />
        {message && (
          <Alert color={message.isError ? 'red' : 'green'} role={message.isError ? 'alert' : 'status'}>
            {message.text}
          </Alert>
        )}
        {mayEdit && (
          <Group>
            <Button variant="default" onClick={save} disabled={chosen.join(',') === storedKey}>
              {t('quotes.rules.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

export default RuleProductsPanel;
