// Subscribe and import: the private iCalendar feed (made, shown once, copied, revoked) and an .ics file
// read into events.
import { useState } from 'react';
import { Alert, Button, CopyButton, FileInput, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { createFeed, importIcs, refreshCalendar, revokeFeed, useFeed } from './calendar-api.ts';

const MAX_FILE_BYTES = 1_000_000;

export function FeedDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const feed = useFeed();
  const [url, setUrl] = useState<string | null>(null);
  const [message, setMessage] = useState<{ color: string; text: string } | null>(null);

  const run = async (work: () => Promise<void>) => {
    setMessage(null);
    try {
      await work();
    } catch (caught) {
      setMessage({ color: 'red', text: caught instanceof ApiError ? (caught.problem.errors?.[0]?.message ?? caught.message) : t('common.error') });
    }
  };
  const make = () =>
    run(async () => {
      setUrl(await createFeed());
      await client.invalidateQueries({ queryKey: ['calendar', 'feed'] });
    });
  const revoke = () =>
    run(async () => {
      await revokeFeed();
      setUrl(null);
      await client.invalidateQueries({ queryKey: ['calendar', 'feed'] });
      setMessage({ color: 'green', text: t('calendar.feed.revoked') });
    });
  const upload = (file: File | null) =>
    run(async () => {
      if (!file) return;
      if (file.size > MAX_FILE_BYTES) throw new Error('too large');
      const result = await importIcs(await file.text());
      await refreshCalendar(client);
      setMessage({ color: 'green', text: t('calendar.import.done', { created: result.created, updated: result.updated }) });
    });

  return (
    <Modal opened={opened} onClose={onClose} title={t('calendar.feed.title')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack>
        {message && <Alert color={message.color}>{message.text}</Alert>}
        <Text size="sm">{t('calendar.feed.intro')}</Text>
        {url && (
          <Stack gap="xs">
            <TextInput label={t('calendar.feed.address')} description={t('calendar.feed.once')} value={url} readOnly onFocus={(e) => e.currentTarget.select()} />
            <CopyButton value={url}>{({ copied, copy }) => <Button variant="light" onClick={copy}>{copied ? t('calendar.feed.copied') : t('calendar.feed.copy')}</Button>}</CopyButton>
          </Stack>
        )}
        <Group gap="xs" wrap="wrap">
          <Button onClick={make}>{feed.data?.isActive ? t('calendar.feed.renew') : t('calendar.feed.make')}</Button>
          {feed.data?.isActive && (
            <Button variant="default" color="red.9" onClick={revoke}>
              {t('calendar.feed.revoke')}
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {feed.data?.isActive ? t('calendar.feed.active') : t('calendar.feed.none')}
        </Text>
        <FileInput label={t('calendar.import.label')} description={t('calendar.import.hint')} accept=".ics,text/calendar" clearable onChange={upload} />
      </Stack>
    </Modal>
  );
}
