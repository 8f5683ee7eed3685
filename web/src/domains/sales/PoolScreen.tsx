// The customer pool (公海): the accounts of the pools the user may see, with how many more they may
// claim; claiming one makes it theirs and opens it. The server decides what is visible and refuses
// a claim someone else won or one over the limit, in words shown here.
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, SegmentedControl, Skeleton, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../app/api.ts';
import { useLabel, useObjects } from '../../app/metadata.ts';
import { formatValue } from '../../app/format.ts';
import { usePoolAccounts, usePoolOverview, type PoolAccount } from './pool-api.ts';

const COMPANY = 'company';

export function PoolScreen() {
  const { t, i18n } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { data: objects } = useObjects();
  const accounts = objects?.get('accounts');
  const overview = usePoolOverview();
  const [pool, setPool] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const list = usePoolAccounts(pool, search.trim());
  const [error, setError] = useState<string | null>(null);
  const [claiming, setClaiming] = useState<string | null>(null);

  const fieldText = (row: PoolAccount, name: 'industry' | 'city' | 'pooledAt') => {
    const field = accounts?.fields.find((f) => f.name === name);
    return field ? formatValue(field, row[name], i18n.language, pick) : '';
  };

  const claim = async (row: PoolAccount) => {
    setError(null);
    setClaiming(row.id);
    try {
      await request('POST', `/api/v1/pool/accounts/${row.id}/claim`);
      await client.invalidateQueries({ queryKey: ['pool'] });
      await client.invalidateQueries({ queryKey: ['list', 'accounts'] });
      navigate(`/accounts/${row.id}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('common.error'));
      await client.invalidateQueries({ queryKey: ['pool'] });
    } finally {
      setClaiming(null);
    }
  };

  const remaining = overview.data?.remaining ?? 0;
  const pools = overview.data?.pools ?? [];
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">
          {t('pool.pool.title')}
        </Title>
        {overview.data && (
          <Badge size="lg" variant="filled" color={remaining > 0 ? 'teal.9' : 'red.9'}>
            {t('pool.pool.quota', { remaining, limit: overview.data.claimLimit })}
          </Badge>
        )}
      </Group>
      <Text c="dimmed" size="sm">
        {t('pool.pool.intro')}
      </Text>
      <Group wrap="wrap" align="flex-end">
        {pools.length > 1 && (
          <SegmentedControl
            aria-label={t('pool.pool.which')}
            value={pool ?? ''}
            onChange={(v) => setPool(v || null)}
            data={[
              { value: '', label: t('pool.pool.all') },
              ...pools.map((p) => ({ value: p.teamId ?? COMPANY, label: `${p.teamName ?? t('pool.pool.company')} (${p.count})` })),
            ]}
          />
        )}
        <TextInput label={t('pool.pool.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} maw={280} />
      </Group>
      {error && (
        <Alert color="red" role="alert" onClose={() => setError(null)} withCloseButton>
          {error}
        </Alert>
      )}
      <Card withBorder p={0}>
        {list.isPending ? (
          <Skeleton h={160} />
        ) : list.data?.data.length ? (
          <Table.ScrollContainer minWidth={520}>
            <Table striped aria-label={t('pool.pool.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('pool.pool.name')}</Table.Th>
                  <Table.Th>{t('pool.pool.industry')}</Table.Th>
                  <Table.Th>{t('pool.pool.city')}</Table.Th>
                  <Table.Th>{t('pool.pool.since')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('pool.pool.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.data.map((row) => (
                  <Table.Tr key={row.id}>
                    <Table.Td>{row.name ?? t('common.untitled')}</Table.Td>
                    <Table.Td>{fieldText(row, 'industry')}</Table.Td>
                    <Table.Td>{fieldText(row, 'city')}</Table.Td>
                    <Table.Td>{fieldText(row, 'pooledAt')}</Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        onClick={() => claim(row)}
                        loading={claiming === row.id}
                        disabled={remaining <= 0}
                        aria-label={t('pool.pool.claimNamed', { name: row.name ?? '' })}
                      >
                        {t('pool.pool.claim')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : (
          <Text p="md" c="dimmed">
            {t('pool.pool.empty')}
          </Text>
        )}
      </Card>
      <Anchor component={Link} to="/accounts" size="sm">
        {t('pool.pool.toAccounts')}
      </Anchor>
    </Stack>
  );
}

export default PoolScreen;
