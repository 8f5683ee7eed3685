// Pipelines for sales administrators: make pipelines (per product line or team), and give each its
// stages in order with a win probability, a kind and the fields a deal needs to enter the stage.
import { useState } from 'react';
import { Alert, Anchor, Button, Card, Grid, Group, NavLink, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../app/api.ts';
import { can, useLabel, useObjects } from '../../app/metadata.ts';
import { nameLabel, usePipelines, type Pipeline } from './pipelines.ts';
import { PipelineEditor } from './PipelineEditor.tsx';

export function PipelinesScreen() {
  const { t } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const { data: objects } = useObjects();
  const pipelines = usePipelines();
  const [params, setParams] = useSearchParams();
  const [name, setName] = useState('');
  const [nameZh, setNameZh] = useState('');
  const [error, setError] = useState<string | null>(null);
  const canCreate = can(objects?.get('pipelines'), 'create');
  const selected = pipelines.data?.data.find((p) => p.id === params.get('id')) ?? pipelines.data?.data[0];

  const create = async () => {
    setError(null);
    try {
      const { data: created } = await request<Pipeline>('POST', '/api/v1/pipelines', { name: name.trim() || nameZh.trim(), nameZh: nameZh.trim() || null });
      setName('');
      setNameZh('');
      await client.invalidateQueries({ queryKey: ['pipelines'] });
      setParams({ id: created.id });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('common.error'));
    }
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('sales.pipelines.title')}
        </Title>
        <Anchor component={Link} to="/opportunities/board" size="sm">
          {t('sales.pipelines.toBoard')}
        </Anchor>
      </Group>
      <Text c="dimmed" size="sm">
        {t('sales.pipelines.intro')}
      </Text>
      <Grid>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Stack gap="xs">
            <nav aria-label={t('sales.pipelines.list')}>
              {pipelines.isPending && <Skeleton h={80} />}
              {pipelines.data?.data.map((p) => (
                <NavLink
                  key={p.id}
                  component="button"
                  label={pick(nameLabel(p))}
                  description={p.isDefault ? t('sales.pipelines.default') : p.isActive ? undefined : t('sales.pipelines.inactive')}
                  active={p.id === selected?.id}
                  aria-current={p.id === selected?.id ? 'page' : undefined}
                  onClick={() => setParams({ id: p.id })}
                />
              ))}
            </nav>
            {canCreate && (
              <Card withBorder padding="sm" component="section" aria-label={t('sales.pipelines.new')}>
                <Stack gap="xs">
                  <Text fw={600} size="sm">
                    {t('sales.pipelines.new')}
                  </Text>
                  <TextInput label={t('sales.pipelines.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
                  <TextInput label={t('sales.pipelines.nameZh')} value={nameZh} onChange={(e) => setNameZh(e.currentTarget.value)} />
                  {error && (
                    <Alert color="red" role="alert">
                      {error}
                    </Alert>
                  )}
                  <Button onClick={create} disabled={!name.trim() && !nameZh.trim()}>
                    {t('sales.pipelines.create')}
                  </Button>
                </Stack>
              </Card>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>{selected && <PipelineEditor key={selected.id} pipeline={selected} />}</Grid.Col>
      </Grid>
    </Stack>
  );
}

export default PipelinesScreen;
