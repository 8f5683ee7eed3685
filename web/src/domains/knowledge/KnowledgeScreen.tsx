// The knowledge base: categories on the left, the articles of one (or those found by words of their
// text, in Chinese or English), and the chosen article to read. On a phone the three stack.
import { useState } from 'react';
import { Button, Grid, Group, NavLink, SegmentedControl, Skeleton, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, useObjects } from '../../app/metadata.ts';
import { formatRelative } from '../../app/format.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { RecordForm } from '../../records/RecordForm.tsx';
import { ArticleReader } from './ArticleReader.tsx';
import { useArticles, useCategories } from './knowledge.ts';

export default function KnowledgeScreen() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const client = useQueryClient();
  const { data: objects } = useObjects();
  const def = objects?.get('knowledgeArticles');
  const [params, setParams] = useSearchParams();
  const categoryId = params.get('category');
  const articleId = params.get('article');
  const status = params.get('status') ?? 'published';
  const [words, setWords] = useState('');
  const [debouncedWords] = useDebouncedValue(words, 250);
  const [isCreating, setCreating] = useState(false);
  const categories = useCategories();
  const articles = useArticles(categoryId, status, debouncedWords);
  const setParam = (changes: Record<string, string | null>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) if (value === null) next.delete(key);
      else next.set(key, value);
      return next;
    });
  const categoryName = (id: string | null) => categories.data?.data.find((c) => c.id === id)?.name;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('knowledge.title')}</Title>
        {def && can(def, 'create') && <Button onClick={() => setCreating(true)}>{t('knowledge.new')}</Button>}
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 3, lg: 2 }}>
          <Stack gap={0} component="nav" aria-label={t('knowledge.categories')}>
            <NavLink component="button" label={t('knowledge.allCategories')} active={!categoryId} onClick={() => setParam({ category: null, article: null })} />
            {categories.data?.data.map((c) => (
              <NavLink component="button" key={c.id} label={c.name} active={c.id === categoryId} onClick={() => setParam({ category: c.id, article: null })} />
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9, lg: 4 }}>
          <Stack gap="xs">
            <TextInput
              type="search"
              label={t('knowledge.find')}
              placeholder={t('knowledge.findPlaceholder')}
              value={words}
              onChange={(e) => setWords(e.currentTarget.value)}
            />
            {!debouncedWords.trim() && (
              <SegmentedControl
                aria-label={t('knowledge.status')}
                value={status}
                onChange={(value) => setParam({ status: value, article: null })}
                data={[
                  { value: 'published', label: t('knowledge.published') },
                  { value: 'draft', label: t('knowledge.drafts') },
                  { value: 'archived', label: t('knowledge.archived') },
                ]}
              />
            )}
            {articles.isPending && Array.from({ length: 4 }, (_, i) => <Skeleton key={i} h={56} />)}
            {articles.data?.length === 0 && (
              <Text c="dimmed" size="sm">
                {debouncedWords.trim() ? t('knowledge.noMatches') : t('knowledge.empty')}
              </Text>
            )}
            <Stack gap={4} component="ul" aria-label={t('knowledge.articles')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {articles.data?.map((a) => (
                <li key={a.id}>
                  <UnstyledButton
                    onClick={() => setParam({ article: a.id })}
                    aria-current={a.id === articleId ? 'true' : undefined}
                    p="xs"
                    w="100%"
                    style={{ borderRadius: 8, background: a.id === articleId ? 'var(--mantine-color-indigo-light)' : undefined }}
                  >
                    <Text fw={600} size="sm">
                      {a.title}
                    </Text>
                    {a.summary && (
                      <Text size="sm" c="dimmed" lineClamp={2}>
                        {a.summary}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {[categoryName(a.categoryId), formatRelative(a.updatedAt, language)].filter(Boolean).join(' · ')}
                    </Text>
                  </UnstyledButton>
                </li>
              ))}
            </Stack>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          {def && articleId ? (
            <ArticleReader key={articleId} def={def} id={articleId} categories={categories.data?.data ?? []} />
          ) : (
            <Text c="dimmed">{t('knowledge.choose')}</Text>
          )}
        </Grid.Col>
      </Grid>
      {isCreating && def && (
        <RecordForm
          def={def}
          initial={categoryId ? { categoryId } : {}}
          onClose={() => setCreating(false)}
          onSaved={(saved) => {
            void client.invalidateQueries({ queryKey: ['list', 'knowledgeArticles'] });
            setParam({ article: saved.id, status: String(saved.status ?? 'draft') });
          }}
        />
      )}
    </Stack>
  );
}
