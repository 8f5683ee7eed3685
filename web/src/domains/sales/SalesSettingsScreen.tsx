// Sales settings for administrators: the customer pool (days without activity before an account
// returns, accounts a rep may hold from it; per team or by default) and the big-deal amount per currency.
import { useEffect, useState } from 'react';
import { ActionIcon, Alert, Button, Card, Group, NumberInput, Select, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, get, request } from '../../app/api.ts';
import { useTeams } from '../../settings/people/admin-api.ts';
import type { BigDealSettings, PoolSettings } from './pool-api.ts';

const POOL = '/api/v1/sales/settings/pool';
const BIG_DEALS = '/api/v1/sales/settings/big-deals';
const toDays = (v: string | number) => (v === '' ? null : Number(v));

function useSaver<T>(path: string, key: string) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [message, setMessage] = useState<{ isError: boolean; text: string } | null>(null);
  const save = async (body: T) => {
    setMessage(null);
    try {
      await request('PUT', path, body);
      await client.invalidateQueries({ queryKey: ['salesSettings', key] });
      setMessage({ isError: false, text: t('pool.settings.saved') });
    } catch (caught) {
      setMessage({ isError: true, text: caught instanceof ApiError ? caught.message : t('common.error') });
    }
  };
  return { save, message };
}

function PoolSection() {
  const { t } = useTranslation();
  const teams = useTeams();
  const stored = useQuery({ queryKey: ['salesSettings', 'pool'], queryFn: () => get<PoolSettings>(POOL) });
  const [draft, setDraft] = useState<PoolSettings | null>(null);
  const { save, message } = useSaver<PoolSettings>(POOL, 'pool');
  useEffect(() => setDraft(stored.data ?? null), [stored.data]);
  if (!draft) return null;
  const teamName = (id: string) => teams.data?.find((team) => team.id === id)?.name ?? '…';
  const unused = (teams.data ?? []).filter((team) => !draft.teams.some((r) => r.teamId === team.id));
  const setRule = (i: number, change: Partial<PoolSettings['teams'][number]>) =>
    setDraft({ ...draft, teams: draft.teams.map((r, j) => (j === i ? { ...r, ...change } : r)) });

  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('pool.settings.poolTitle')}</Title>
        <Text size="sm" c="dimmed">
          {t('pool.settings.poolIntro')}
        </Text>
        <Group grow align="flex-start" wrap="wrap">
          <NumberInput label={t('pool.settings.defaultIdleDays')} description={t('pool.settings.never')} min={1} max={3650} value={draft.defaultIdleDays ?? ''} onChange={(v) => setDraft({ ...draft, defaultIdleDays: toDays(v) })} />
          <NumberInput label={t('pool.settings.defaultClaimLimit')} min={0} max={100000} value={draft.defaultClaimLimit} onChange={(v) => setDraft({ ...draft, defaultClaimLimit: Number(v) || 0 })} />
        </Group>
        {draft.teams.length > 0 && (
          <Table.ScrollContainer minWidth={480}>
            <Table aria-label={t('pool.settings.teamRules')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('pool.settings.team')}</Table.Th>
                  <Table.Th>{t('pool.settings.idleDays')}</Table.Th>
                  <Table.Th>{t('pool.settings.claimLimit')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('pool.settings.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {draft.teams.map((rule, i) => (
                  <Table.Tr key={rule.teamId}>
                    <Table.Td>{teamName(rule.teamId)}</Table.Td>
                    <Table.Td>
                      <NumberInput aria-label={t('pool.settings.idleDaysOf', { team: teamName(rule.teamId) })} min={1} max={3650} value={rule.idleDays ?? ''} onChange={(v) => setRule(i, { idleDays: toDays(v) })} />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput aria-label={t('pool.settings.claimLimitOf', { team: teamName(rule.teamId) })} min={0} max={100000} value={rule.claimLimit} onChange={(v) => setRule(i, { claimLimit: Number(v) || 0 })} />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon variant="subtle" color="red.9" aria-label={t('pool.settings.removeTeam', { team: teamName(rule.teamId) })} onClick={() => setDraft({ ...draft, teams: draft.teams.filter((_, j) => j !== i) })}>
                        ×
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('pool.settings.addTeam')}
            data={unused.map((team) => ({ value: team.id, label: team.name }))}
            value={null}
            onChange={(teamId) => teamId && setDraft({ ...draft, teams: [...draft.teams, { teamId, idleDays: draft.defaultIdleDays, claimLimit: draft.defaultClaimLimit }] })}
          />
          <Button onClick={() => save(draft)}>{t('pool.settings.savePool')}</Button>
        </Group>
        {message && (
          <Alert color={message.isError ? 'red' : 'teal'} role={message.isError ? 'alert' : 'status'}>
            {message.text}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

function BigDealSection() {
  const { t } = useTranslation();
  const stored = useQuery({ queryKey: ['salesSettings', 'bigDeals'], queryFn: () => get<BigDealSettings>(BIG_DEALS) });
  const [draft, setDraft] = useState<BigDealSettings | null>(null);
  const { save, message } = useSaver<BigDealSettings>(BIG_DEALS, 'bigDeals');
  useEffect(() => setDraft(stored.data ?? null), [stored.data]);
  if (!draft) return null;
  const setRow = (i: number, change: Partial<BigDealSettings['thresholds'][number]>) =>
    setDraft({ thresholds: draft.thresholds.map((r, j) => (j === i ? { ...r, ...change } : r)) });

  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('pool.settings.bigDealTitle')}</Title>
        <Text size="sm" c="dimmed">
          {t('pool.settings.bigDealIntro')}
        </Text>
        {draft.thresholds.map((row, i) => (
          <Group key={i} align="flex-end" wrap="nowrap">
            <TextInput w={110} label={t('pool.settings.currency')} value={row.currency} maxLength={3} onChange={(e) => setRow(i, { currency: e.currentTarget.value.toUpperCase() })} />
            <TextInput style={{ flex: 1 }} label={t('pool.settings.amount')} inputMode="decimal" value={row.amount} onChange={(e) => setRow(i, { amount: e.currentTarget.value.trim() })} />
            <ActionIcon variant="subtle" color="red.9" mb={4} aria-label={t('pool.settings.removeCurrency', { currency: row.currency })} onClick={() => setDraft({ thresholds: draft.thresholds.filter((_, j) => j !== i) })}>
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button variant="default" onClick={() => setDraft({ thresholds: [...draft.thresholds, { currency: 'CNY', amount: '' }] })}>
            {t('pool.settings.addCurrency')}
          </Button>
          <Button onClick={() => save(draft)}>{t('pool.settings.saveBigDeals')}</Button>
        </Group>
        {message && (
          <Alert color={message.isError ? 'red' : 'teal'} role={message.isError ? 'alert' : 'status'}>
            {message.text}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

export function SalesSettingsScreen() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={3}>{t('pool.settings.title')}</Title>
      <PoolSection />
      <BigDealSection />
    </Stack>
  );
}

export default SalesSettingsScreen;
