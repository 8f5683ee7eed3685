// An account's place in the customer pool, on its record page: since when it waits in the pool, or
// a "return to pool" action for those who may edit it.
import { useState } from 'react';
import { Button, Card, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../app/api.ts';
import type { ObjectDef } from '../../app/metadata.ts';
import type { RecordRow } from '../../records/useRecordList.ts';
import { usePoolOverview } from './pool-api.ts';

export function PoolPanel({ def, record, canEdit: mayEdit = false }: { def: ObjectDef; record: RecordRow; canEdit?: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const isInPool = record.ownerId === null;
  const overview = usePoolOverview();
  if (!isInPool && !mayEdit) return null;

  const giveBack = async () => {
    if (!window.confirm(t('pool.panel.confirm'))) return;
    setError(null);
    try {
      await request('POST', `/api/v1/pool/accounts/${record.id}/return`);
      await client.invalidateQueries({ queryKey: ['pool'] });
      await client.invalidateQueries({ queryKey: ['list', 'accounts'] });
      await client.invalidateQueries({ queryKey: ['record', def.name, record.id] });
      navigate('/sales/pool');
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('common.error'));
    }
  };

  const pool = overview.data?.pools.find((p) => p.teamId === (record.poolTeamId ?? null));
  const poolName = pool ? (pool.teamName ?? t('pool.pool.company')) : null;
  const since = typeof record.pooledAt === 'string' ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(record.pooledAt)) : null;
  return (
    <Card withBorder>
      <Group justify="space-between" wrap="wrap">
        <div>
          <Text fw={600}>{t('pool.panel.title')}</Text>
          <Text size="sm" c="dimmed">
            {isInPool ? (since ? t('pool.panel.inPoolSince', { date: since }) : t('pool.panel.inPool')) : t('pool.panel.owned')}
          </Text>
          {isInPool && poolName && (
            <Text size="sm" c="dimmed">
              {t('pool.panel.which', { pool: poolName })}
            </Text>
          )}
        </div>
        {!isInPool && (
          <Button variant="default" onClick={giveBack}>
            {t('pool.panel.return')}
          </Button>
        )}
      </Group>
      {error && (
        <Text c="red" size="sm" role="alert" mt="xs">
          {error}
        </Text>
      )}
    </Card>
  );
}

export default PoolPanel;
