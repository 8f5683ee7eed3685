// Settings › Audit log: administrative and security events, newest first, narrowed by action (or a
// prefix such as metadata.*), actor and days; more pages load on demand through the keyset cursor.
import { useState } from 'react';
import { Autocomplete, Button, Group, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, query } from '../app/api.ts';
import { useTitles } from '../app/titles.ts';
import { ActorSelect } from './datamodel/ActorSelect.tsx';
import { AuditRow, type AuditEvent } from './datamodel/AuditRow.tsx';
import { Empty, LoadError, Loading } from './datamodel/QueryStatus.tsx';

// Actions and groups worth suggesting; any other action can be typed.
const ACTION_SUGGESTIONS = [
  'auth.*',
  'auth.login',
  'auth.login_failed',
  'auth.permission_denied',
  'metadata.*',
  'metadata.field.create',
  'metadata.field.delete',
  'metadata.object.create',
  'object.access_default',
  'sharing_rule.*',
  'navigation.update',
  'user.*',
  'team.*',
  'role.*',
  'record.*',
];

/** The start of a day in the browser's time zone, as the API's ISO date-time; `nextDay` gives the day after. */
function dayStart(day: string, nextDay = false): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + (nextDay ? 1 : 0)).toISOString();
}

export default function AuditScreen() {
  const { t } = useTranslation();
  const [action, setAction] = useState('');
  const [actorId, setActorId] = useState<string | null>(null);
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [debouncedAction] = useDebouncedValue(action.trim(), 300);
  const filter = { action: debouncedAction || undefined, actorId: actorId ?? undefined, from: dayStart(fromDay), to: dayStart(toDay, true) };
  const events = useInfiniteQuery({
    queryKey: ['audit', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => get<{ data: AuditEvent[]; nextCursor: string | null }>(`/api/v1/admin/audit${query({ ...filter, limit: 50, cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = events.data?.pages.flatMap((page) => page.data) ?? [];
  const actors = useTitles('users', rows.map((row) => row.actorId));
  const actorName = (id: string | null) => (id ? (actors.data?.get(id) ?? '…') : t('settingsData.audit.system'));
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <Stack>
      <Title order={3}>{t('settings.sections.audit')}</Title>
      <Group align="flex-end" wrap="wrap" role="search" aria-label={t('settingsData.audit.filters')}>
        <Autocomplete
          label={t('settingsData.audit.action')}
          description={t('settingsData.audit.actionHint')}
          data={ACTION_SUGGESTIONS}
          value={action}
          onChange={setAction}
          w={240}
        />
        <ActorSelect value={actorId} onChange={setActorId} />
        <TextInput label={t('settingsData.audit.from')} type="date" value={fromDay} onChange={(e) => setFromDay(e.currentTarget.value)} w={170} />
        <TextInput label={t('settingsData.audit.to')} type="date" value={toDay} onChange={(e) => setToDay(e.currentTarget.value)} w={170} />
      </Group>
      {events.isPending ? (
        <Loading rows={6} />
      ) : events.isError && rows.length === 0 ? (
        <LoadError onRetry={() => void events.refetch()} />
      ) : rows.length === 0 ? (
        <Empty>{t('settingsData.audit.none')}</Empty>
      ) : (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label={t('settings.sections.audit')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>
                    <VisuallyHidden>{t('settingsData.audit.detailsColumn')}</VisuallyHidden>
                  </Table.Th>
                  <Table.Th>{t('settingsData.audit.when')}</Table.Th>
                  <Table.Th>{t('settingsData.audit.actor')}</Table.Th>
                  <Table.Th>{t('settingsData.audit.action')}</Table.Th>
                  <Table.Th>{t('settingsData.audit.target')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((event) => (
                  <AuditRow key={event.id} event={event} actorName={actorName(event.actorId)} isOpen={open.has(event.id)} onToggle={() => toggle(event.id)} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group>
            {events.hasNextPage ? (
              <Button variant="default" onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>
                {t('settingsData.audit.loadMore')}
              </Button>
            ) : (
              <Text size="sm" c="dimmed">
                {t('settingsData.audit.end')}
              </Text>
            )}
            {events.isError && (
              <Text size="sm" c="red" role="alert">
                {t('common.error')}
              </Text>
            )}
          </Group>
        </>
      )}
    </Stack>
  );
}
