// One article as a reader sees it: title, category, who wrote it and when, the text, its tags; and
// for those who may edit, the editor and the kept revisions.
import { useState } from 'react';
import { Anchor, Badge, Button, Group, Skeleton, Stack, Text, Title, Typography } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, useLabel, type ObjectDef } from '../../app/metadata.ts';
import { useTitles } from '../../app/titles.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { RecordForm } from '../../records/RecordForm.tsx';
import { useArticle, type Category } from './knowledge.ts';
import { RevisionsDrawer } from './RevisionsDrawer.tsx';

interface Props {
  def: ObjectDef;
  id: string;
  categories: Category[];
}

/** The reading view of an article, with Edit and Revisions. */
export function ArticleReader({ def, id, categories }: Props) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const pick = useLabel();
  const article = useArticle(id);
  const authors = useTitles('users', [article.data?.ownerId]);
  const [isEditing, setEditing] = useState(false);
  const [isShowingRevisions, setShowingRevisions] = useState(false);
  if (article.isPending) return <Skeleton h={240} />;
  if (!article.data) return <Text c="dimmed">{t('knowledge.notFound')}</Text>;
  const a = article.data;
  const category = categories.find((c) => c.id === a.categoryId);
  const optionLabel = (field: string, value: string) => pick(def.fields.find((f) => f.name === field)?.options?.find((o) => o.value === value)?.label ?? { en: value, 'zh-CN': value });
  const date = new Date(a.publishedAt ?? a.updatedAt).toLocaleDateString(language === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'long' });
  const canEdit = can(def, 'edit');

  return (
    <Stack component="article" aria-labelledby="article-title" gap="sm">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Title id="article-title" order={2}>
          {a.title}
        </Title>
        <Group gap="xs" wrap="nowrap">
          <Button variant="default" size="compact-sm" onClick={() => setShowingRevisions(true)}>
            {t('knowledge.revisions.open', { count: a.revision })}
          </Button>
          {canEdit && (
            <Button size="compact-sm" onClick={() => setEditing(true)}>
              {t('record.edit')}
            </Button>
          )}
        </Group>
      </Group>
      <Group gap="xs">
        {a.status !== 'published' && <Badge color="gray.7">{optionLabel('status', a.status)}</Badge>}
        <Badge variant="light" color={a.visibility === 'public' ? 'teal.9' : 'indigo.9'}>
          {optionLabel('visibility', a.visibility)}
        </Badge>
        <Text size="sm" c="dimmed">
          {[category?.name, authors.data?.get(a.ownerId), date].filter(Boolean).join(' · ')}
        </Text>
        <Anchor component={Link} to={`/knowledgeArticles/${a.id}`} size="sm">
          {t('knowledge.recordPage')}
        </Anchor>
      </Group>
      {a.summary && <Text fw={500}>{a.summary}</Text>}
      <Typography>
        {/* Stored HTML is cleaned by the server's allow-list on every write. */}
        <div dangerouslySetInnerHTML={{ __html: a.body ?? '' }} />
      </Typography>
      {!!a.tags?.length && (
        <Group gap={4}>
          {a.tags.map((tag) => (
            <Badge key={tag} variant="outline" color="gray.7" tt="none">
              {tag}
            </Badge>
          ))}
        </Group>
      )}
      {isEditing && <RecordForm def={def} record={a} onClose={() => setEditing(false)} onSaved={() => void article.refetch()} />}
      {isShowingRevisions && <RevisionsDrawer article={a} canEdit={canEdit} onClose={() => setShowingRevisions(false)} />}
    </Stack>
  );
}
