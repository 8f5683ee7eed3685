// The competitors met on an opportunity, on its record page: who, how the deal went against them and
// why; those who may edit the deal add and remove them (records of `opportunityCompetitors`).
import { useState } from 'react';
import { ActionIcon, Button, Card, Group, Skeleton, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, get, query, request } from '../../app/api.ts';
import { useLabel, useObjects, type ObjectDef } from '../../app/metadata.ts';
import { formatValue } from '../../app/format.ts';
import { useTitles } from '../../app/titles.ts';
import { FieldInput } from '../../records/FieldInput.tsx';
import type { RecordRow } from '../../records/useRecordList.ts';

const LINKS = 'opportunityCompetitors';

export function CompetitorsPanel({ record, canEdit = false }: { def: ObjectDef; record: RecordRow; canEdit?: boolean }) {
  const { t, i18n } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const { data: objects } = useObjects();
  const linkDef = objects?.get(LINKS);
  const links = useQuery({
    queryKey: ['list', LINKS, record.id],
    enabled: Boolean(linkDef),
    queryFn: () => get<{ data: RecordRow[] }>(`/api/v1/${LINKS}${query({ filter: `opportunityId eq '${record.id}'`, limit: 100 })}`),
  });
  const names = useTitles('competitors', (links.data?.data ?? []).map((l) => l.competitorId as string));
  const [draft, setDraft] = useState<Record<string, unknown>>({});
  const [error, setError] = useState<string | null>(null);
  if (!linkDef) return null;
  const fieldOf = (name: string) => linkDef.fields.find((f) => f.name === name);

  const refresh = () => client.invalidateQueries({ queryKey: ['list', LINKS, record.id] });
  const add = async () => {
    setError(null);
    try {
      await request('POST', `/api/v1/${LINKS}`, { opportunityId: record.id, ...draft });
      setDraft({});
      await refresh();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('common.error'));
    }
  };
  const remove = async (link: RecordRow) => {
    setError(null);
    try {
      await request('DELETE', `/api/v1/${LINKS}/${link.id}`, undefined, { 'if-match': `"${link.version}"` });
      await refresh();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('common.error'));
    }
  };

  const outcome = fieldOf('outcome');
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {t('pool.competitors.title')}
      </Text>
      {links.isPending ? (
        <Skeleton h={60} />
      ) : links.data?.data.length ? (
        <Table withRowBorders={false} aria-label={t('pool.competitors.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('pool.competitors.competitor')}</Table.Th>
              <Table.Th>{t('pool.competitors.outcome')}</Table.Th>
              <Table.Th>{t('pool.competitors.reason')}</Table.Th>
              {canEdit && (
                <Table.Th>
                  <VisuallyHidden>{t('pool.competitors.actions')}</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {links.data.data.map((link) => (
              <Table.Tr key={link.id}>
                <Table.Td>
                  <Link to={`/competitors/${String(link.competitorId)}`}>{names.data?.get(String(link.competitorId)) ?? '…'}</Link>
                </Table.Td>
                <Table.Td>{outcome && link.outcome ? formatValue(outcome, link.outcome, i18n.language, pick) : t('pool.competitors.fromDeal')}</Table.Td>
                <Table.Td>{typeof link.reason === 'string' ? link.reason : '—'}</Table.Td>
                {canEdit && (
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red.9" onClick={() => remove(link)} aria-label={t('pool.competitors.remove', { name: names.data?.get(String(link.competitorId)) ?? '' })}>
                      ×
                    </ActionIcon>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" c="dimmed">
          {t('pool.competitors.none')}
        </Text>
      )}
      {canEdit && (
        <Stack gap="xs" mt="sm">
          <Group grow align="flex-end" wrap="wrap">
            {['competitorId', 'outcome', 'reason'].map((name) => {
              const field = fieldOf(name);
              return field ? <FieldInput key={name} field={field} value={draft[name] ?? null} onChange={(v) => setDraft((old) => ({ ...old, [name]: v }))} /> : null;
            })}
          </Group>
          <Group>
            <Button variant="default" onClick={add} disabled={!draft.competitorId}>
              {t('pool.competitors.add')}
            </Button>
          </Group>
        </Stack>
      )}
      {error && (
        <Text c="red" size="sm" role="alert" mt="xs">
          {error}
        </Text>
      )}
    </Card>
  );
}

export default CompetitorsPanel;
