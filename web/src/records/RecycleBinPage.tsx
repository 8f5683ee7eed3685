// The recycle bin of an object: records deleted in the last 30 days, each restorable with one click.
import { Alert, Anchor, Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, get, query, request } from '../app/api.ts';
import { formatRelative } from '../app/format.ts';
import { can, useLabel, useObjects } from '../app/metadata.ts';
import type { RecordRow } from './useRecordList.ts';

export function RecycleBinPage() {
  const { object = '' } = useParams();
  const { t, i18n } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const { data: objects } = useObjects();
  const def = objects?.get(object);
  const deleted = useQuery({
    queryKey: ['trash', object],
    enabled: Boolean(def),
    queryFn: () => get<{ data: Array<RecordRow & { deletedAt: string }> }>(`/api/v1/${object}${query({ deleted: true, sort: '-deletedAt', limit: 200 })}`),
  });
  if (!def) return <Skeleton h={300} />;

  const restore = async (id: string) => {
    try {
      await request('POST', `/api/v1/${object}/${id}/restore`);
    } catch (caught) {
      window.alert(caught instanceof ApiError ? caught.message : t('common.error'));
    }
    await client.invalidateQueries({ queryKey: ['trash', object] });
    await client.invalidateQueries({ queryKey: ['list', object] });
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h3">
          {t('trash.title', { object: pick(def.labelPlural) })}
        </Title>
        <Anchor component={Link} to={`/${object}`}>
          {t('trash.back')}
        </Anchor>
      </Group>
      <Text size="sm" c="dimmed">
        {t('trash.hint')}
      </Text>
      {deleted.isPending && <Skeleton h={120} />}
      {deleted.isError && <Alert color="red">{t('common.error')}</Alert>}
      {deleted.data?.data.length === 0 && <Alert color="gray">{t('trash.empty')}</Alert>}
      {deleted.data?.data.map((row) => (
        <Card key={row.id} withBorder padding="sm">
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Text fw={600}>{String(row[def.titleField] ?? t('common.untitled'))}</Text>
              <Text size="xs" c="dimmed">
                {t('trash.deleted', { when: formatRelative(row.deletedAt, i18n.language) })}
              </Text>
            </div>
            {can(def, 'restore') && (
              <Button size="xs" variant="light" onClick={() => restore(row.id)}>
                {t('trash.restore')}
              </Button>
            )}
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
