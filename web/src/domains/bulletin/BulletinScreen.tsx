// The bulletin board: columns as tabs, the announcements of one (pinned first, then newest, unread
// marked), and the chosen one to read. Publishers also see their drafts and archived ones. On a phone
// the list and the reader stack.
import { useState } from 'react';
import { Badge, Button, Grid, Group, SegmentedControl, Skeleton, Stack, Tabs, Text, Title, UnstyledButton } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, useObjects } from '../../app/metadata.ts';
import { formatRelative } from '../../app/format.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { AnnouncementEditor } from './AnnouncementEditor.tsx';
import { AnnouncementReader } from './AnnouncementReader.tsx';
import { columnName, useBoard, useColumns, useUnreadCount } from './bulletin.ts';

export default function BulletinScreen() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { data: objects } = useObjects();
  const def = objects?.get('announcements');
  const canPublish = can(def, 'create');
  const [params, setParams] = useSearchParams();
  const columnId = params.get('column');
  const announcementId = params.get('announcement');
  const status = params.get('status') ?? 'published';
  const [isCreating, setCreating] = useState(false);
  const columns = useColumns();
  const board = useBoard(columnId, status);
  const unread = useUnreadCount();
  const setParam = (changes: Record<string, string | null>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) if (value === null) next.delete(key);
      else next.set(key, value);
      return next;
    });
  const columnList = columns.data?.data ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={1}>{t('bulletin.title')}</Title>
          {!!unread.data?.count && <Badge color="red.9">{t('bulletin.unreadCount', { count: unread.data.count })}</Badge>}
        </Group>
        {canPublish && <Button onClick={() => setCreating(true)}>{t('bulletin.new')}</Button>}
      </Group>
      <Tabs value={columnId ?? 'all'} onChange={(value) => setParam({ column: value === 'all' || !value ? null : value, announcement: null })}>
        <Tabs.List aria-label={t('bulletin.columns')} style={{ flexWrap: 'nowrap', overflowX: 'auto' }}>
          <Tabs.Tab value="all">{t('bulletin.allColumns')}</Tabs.Tab>
          {columnList.map((c) => (
            <Tabs.Tab key={c.id} value={c.id}>
              {columnName(c, language)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="xs">
            {canPublish && (
              <SegmentedControl
                aria-label={t('bulletin.show')}
                value={status}
                onChange={(value) => setParam({ status: value, announcement: null })}
                data={[
                  { value: 'published', label: t('bulletin.status.published') },
                  { value: 'draft', label: t('bulletin.status.draft') },
                  { value: 'archived', label: t('bulletin.status.archived') },
                ]}
              />
            )}
            {board.isPending && Array.from({ length: 4 }, (_, i) => <Skeleton key={i} h={56} />)}
            {board.data?.length === 0 && (
              <Text c="dimmed" size="sm">
                {t('bulletin.empty')}
              </Text>
            )}
            <Stack gap={4} component="ul" aria-label={t('bulletin.announcements')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {board.data?.map((a) => (
                <li key={a.id} data-announcement={a.title}>
                  <UnstyledButton
                    onClick={() => setParam({ announcement: a.id })}
                    aria-current={a.id === announcementId ? 'true' : undefined}
                    p="xs"
                    w="100%"
                    style={{ borderRadius: 8, background: a.id === announcementId ? 'var(--mantine-color-indigo-light)' : undefined }}
                  >
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      {a.isPinned && (
                        <Badge size="sm" color="red.9" style={{ flexShrink: 0 }}>
                          {t('bulletin.pinned')}
                        </Badge>
                      )}
                      {a.isRead === false && (
                        <Badge size="sm" color="blue.9" variant="filled" style={{ flexShrink: 0 }}>
                          {t('bulletin.unread')}
                        </Badge>
                      )}
                      <Text fw={a.isRead === false ? 700 : 500} size="sm">
                        {a.title}
                      </Text>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {[columnName(columnList.find((c) => c.id === a.columnId), language), formatRelative(a.publishedAt ?? String(a.updatedAt), language)].filter(Boolean).join(' · ')}
                    </Text>
                  </UnstyledButton>
                </li>
              ))}
            </Stack>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {announcementId ? <AnnouncementReader key={announcementId} id={announcementId} columns={columnList} /> : <Text c="dimmed">{t('bulletin.choose')}</Text>}
        </Grid.Col>
      </Grid>
      {isCreating && (
        <AnnouncementEditor
          columnId={columnId}
          onClose={() => setCreating(false)}
          onSaved={(saved) => setParam({ announcement: saved.id, status: saved.status })}
        />
      )}
    </Stack>
  );
}
