// One announcement as a reader sees it: title, column, author and date, the text and its files. Opening
// it records the read; its author (and administrators) also get Edit, Archive and the read receipts.
import { useEffect, useState } from 'react';
import { Badge, Button, Group, Skeleton, Stack, Text, Title, Typography } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { useTeamNames, useTitles } from '../../app/titles.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { AnnouncementEditor } from './AnnouncementEditor.tsx';
import { AttachmentList } from '../../records/AttachmentList.tsx';
import { ReadReceipts } from './ReadReceipts.tsx';
import { columnName, markRead, useAnnouncement, type Column } from './bulletin.ts';

/** The reading view of announcement `id`. */
export function AnnouncementReader({ id, columns }: { id: string; columns: Column[] }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { user } = useSession();
  const client = useQueryClient();
  const announcement = useAnnouncement(id);
  const authors = useTitles('users', [announcement.data?.ownerId]);
  // The chosen teams by name (the announcement keeps their ids).
  const teamIds = announcement.data?.audience === 'teams' ? (announcement.data.audienceTeamIds ?? []) : [];
  const teamNames = useTeamNames(teamIds);
  const [isEditing, setEditing] = useState(false);
  const [isShowingReceipts, setShowingReceipts] = useState(false);
  const status = announcement.data?.status;
  useEffect(() => {
    if (status !== 'published') return;
    // The board's unread marks and the menu's count change once the read is stored.
    void markRead(id).then(() => client.invalidateQueries({ queryKey: ['list', 'announcements'] }));
  }, [id, status, client]);

  if (announcement.isPending) return <Skeleton h={240} />;
  if (!announcement.data) return <Text c="dimmed">{t('bulletin.notFound')}</Text>;
  const a = announcement.data;
  const isAuthor = a.ownerId === user.id || user.isAdmin;
  const date = new Date(a.publishedAt ?? String(a.updatedAt)).toLocaleString(language === 'en' ? 'en-GB' : 'zh-CN', {
    dateStyle: 'long',
    timeStyle: 'short',
  });
  const archive = async () => {
    await request('PATCH', `/api/v1/announcements/${a.id}`, { status: 'archived' }, { 'if-match': `"${a.version}"` });
    await client.invalidateQueries({ queryKey: ['list', 'announcements'] });
    await announcement.refetch();
  };

  return (
    <Stack component="article" aria-labelledby="announcement-title" gap="sm">
      <Group justify="space-between" align="flex-start">
        <Title id="announcement-title" order={2}>
          {a.title}
        </Title>
        {isAuthor && (
          <Group gap="xs">
            <Button variant="default" size="compact-sm" onClick={() => setShowingReceipts(true)}>
              {t('bulletin.reader.receipts')}
            </Button>
            {a.status !== 'archived' && (
              <Button variant="default" size="compact-sm" onClick={() => void archive()}>
                {t('bulletin.reader.archive')}
              </Button>
            )}
            <Button size="compact-sm" onClick={() => setEditing(true)}>
              {t('bulletin.reader.edit')}
            </Button>
          </Group>
        )}
      </Group>
      <Group gap="xs">
        {a.isPinned && <Badge color="red.9">{t('bulletin.pinned')}</Badge>}
        {a.status !== 'published' && <Badge color="gray.7">{t(`bulletin.status.${a.status}`)}</Badge>}
        <Badge variant="outline" color="indigo.9">
          {a.audience === 'everyone'
            ? t('bulletin.audience.everyone')
            : teamIds.length > 0
              ? t('bulletin.audience.teamsNamed', {
                  names: teamIds.map((teamId) => teamNames.data?.get(teamId) ?? '…').join(t('common.listSeparator')),
                })
              : t('bulletin.audience.teams')}
        </Badge>
        <Text size="sm" c="dimmed">
          {[
            columnName(
              columns.find((c) => c.id === a.columnId),
              language,
            ),
            authors.data?.get(a.ownerId),
            date,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </Group>
      <Typography>
        {/* Stored HTML is cleaned by the server's allow-list on every write. */}
        <div dangerouslySetInnerHTML={{ __html: a.body ?? '' }} />
      </Typography>
      <AttachmentList object="announcements" id={a.id} canEdit={isAuthor} heading={t('bulletin.reader.attachments')} isHiddenWhenEmpty />
      {isEditing && <AnnouncementEditor announcement={a} onClose={() => setEditing(false)} onSaved={() => void announcement.refetch()} />}
      {isShowingReceipts && <ReadReceipts id={a.id} title={a.title} onClose={() => setShowingReceipts(false)} />}
    </Stack>
  );
}
