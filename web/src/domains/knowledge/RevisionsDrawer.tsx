// The kept revisions of an article: who saved each and when, its text, and (for those who may edit the
// article) bringing one back as the newest revision.
import { useState } from 'react';
import { Alert, Button, Drawer, Group, NavLink, Stack, Text, Title, Typography } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../app/api.ts';
import { useTitles } from '../../app/titles.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { useRevisions, type Article } from './knowledge.ts';

interface Props {
  article: Article;
  canEdit: boolean;
  onClose: () => void;
}

/** A drawer listing an article's revisions, newest first, with the chosen one's text. */
export function RevisionsDrawer({ article, canEdit, onClose }: Props) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const client = useQueryClient();
  const revisions = useRevisions(article.id, true);
  const authors = useTitles('users', (revisions.data?.data ?? []).map((r) => r.savedById));
  const [chosen, setChosen] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const shown = revisions.data?.data.find((r) => r.revision === chosen) ?? revisions.data?.data[0];
  const formatTime = (iso: string) => new Date(iso).toLocaleString(language === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short' });

  const restore = async (revision: number) => {
    setBusy(true);
    setMessage(null);
    try {
      await request('POST', `/api/v1/knowledgeArticles/${article.id}/revisions/${revision}/restore`, undefined, { 'if-match': `"${article.version}"` });
      await client.invalidateQueries({ queryKey: ['record', 'knowledgeArticles', article.id] });
      await client.invalidateQueries({ queryKey: ['list', 'knowledgeArticleVersions', article.id] });
      await client.invalidateQueries({ queryKey: ['list', 'knowledgeArticles'] });
      setChosen(null);
    } catch (caught) {
      setMessage(caught instanceof ApiError ? (caught.problem.detail ?? caught.message) : t('common.error'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer opened onClose={onClose} position="right" size="xl" title={t('knowledge.revisions.title', { title: article.title })} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack>
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <Stack gap={0} component="nav" aria-label={t('knowledge.revisions.list')}>
          {revisions.data?.data.map((r) => (
            <NavLink
              component="button"
              key={r.id}
              active={r.revision === shown?.revision}
              onClick={() => setChosen(r.revision)}
              label={t('knowledge.revisions.item', { revision: r.revision })}
              description={`${formatTime(r.savedAt)} · ${(r.savedById && authors.data?.get(r.savedById)) || '—'}`}
              rightSection={r.revision === article.revision ? <Text size="xs">{t('knowledge.revisions.current')}</Text> : undefined}
            />
          ))}
        </Stack>
        {shown && (
          <Stack gap="xs" p="sm" bd="1px solid var(--mantine-color-gray-3)" style={{ borderRadius: 8 }}>
            <Group justify="space-between">
              <Title order={3} size="h4">
                {shown.title}
              </Title>
              {canEdit && shown.revision !== article.revision && (
                <Button size="compact-sm" loading={isBusy} onClick={() => void restore(shown.revision)}>
                  {t('knowledge.revisions.restore', { revision: shown.revision })}
                </Button>
              )}
            </Group>
            <Typography>
              {/* Stored HTML is cleaned by the server's allow-list on every write. */}
              <div dangerouslySetInnerHTML={{ __html: shown.body ?? '' }} />
            </Typography>
          </Stack>
        )}
      </Stack>
    </Drawer>
  );
}
