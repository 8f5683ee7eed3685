// Quote settings for administrators: the discount above which a quote needs approval, and the
// company name and colour printed on quote PDFs.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, ColorInput, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, get, request } from '../../app/api.ts';
import type { QuoteSettings } from './quote-api.ts';

const PATH = '/api/v1/sales/settings/quotes';

export function QuoteSettingsScreen() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const stored = useQuery({ queryKey: ['quoteSettings'], queryFn: () => get<QuoteSettings>(PATH) });
  const [draft, setDraft] = useState<QuoteSettings | null>(null);
  const [message, setMessage] = useState<{ isError: boolean; text: string } | null>(null);
  useEffect(() => setDraft(stored.data ?? null), [stored.data]);
  if (!draft) return null;
  const save = async () => {
    setMessage(null);
    try {
      await request('PUT', PATH, draft);
      await client.invalidateQueries({ queryKey: ['quoteSettings'] });
      setMessage({ isError: false, text: t('quotes.settings.saved') });
    } catch (caught) {
      setMessage({ isError: true, text: caught instanceof ApiError ? caught.message : t('common.error') });
    }
  };
  return (
    <Stack>
      <Title order={2}>{t('quotes.settings.title')}</Title>
      <Card withBorder>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('quotes.settings.intro')}
          </Text>
          <NumberInput label={t('quotes.settings.threshold')} min={0} max={100} suffix="%" value={draft.discountApprovalThreshold} onChange={(v) => setDraft({ ...draft, discountApprovalThreshold: Number(v) || 0 })} />
          <TextInput label={t('quotes.settings.companyName')} maxLength={100} value={draft.companyName} onChange={(e) => setDraft({ ...draft, companyName: e.currentTarget.value })} />
          <ColorInput withEyeDropper={false} label={t('quotes.settings.brandColor')} format="hex" value={draft.brandColor} onChange={(value) => setDraft({ ...draft, brandColor: value })} />
          {message && (
            <Alert color={message.isError ? 'red' : 'green'} role={message.isError ? 'alert' : 'status'}>
              {message.text}
            </Alert>
          )}
          <Button onClick={save} style={{ alignSelf: 'flex-start' }}>
            {t('quotes.settings.save')}
          </Button>
        </Stack>
      </Card>
    </Stack>
  );
}

export default QuoteSettingsScreen;
