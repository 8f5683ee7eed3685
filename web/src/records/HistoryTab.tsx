// The field history of one record: every change, newest first, page by page, with who made it and
// each field's old and new value (lookups and ids a field `refersTo` shown by the names they point at).
import { Alert, Button, Card, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, query } from '../app/api.ts';
import { useLabel, type FieldDef, type ObjectDef } from '../app/metadata.ts';
import { useReferenceTitles, useTitles } from '../app/titles.ts';
import { FieldValue } from './FieldValue.tsx';

interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

interface Entry {
  id: string;
  action: string;
  actorId: string | null;
  at: string;
  changes: Change[];
}

const PAGE = 20;

function HistoryValue({ field, value }: { field?: FieldDef; value: unknown }) {
  const { t } = useTranslation();
  const titles = useReferenceTitles(field, [value]);
  if (value === null || value === undefined || value === '')
    return (
      <Text span c="dimmed">
        {t('lists.history.emptyValue')}
      </Text>
    );
  if (!field) return <Text span>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</Text>;
  return <FieldValue field={field} value={value} titles={titles.data} />;
}

export function HistoryTab({ def, id }: { def: ObjectDef; id: string }) {
  const { t, i18n } = useTranslation();
  const pick = useLabel();
  const history = useInfiniteQuery({
    queryKey: ['history', def.name, id],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      get<{ data: Entry[]; nextCursor: string | null }>(`/api/v1/${def.name}/${id}/history${query({ limit: PAGE, cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor,
  });
  const entries = history.data?.pages.flatMap((p) => p.data) ?? [];
  const actors = useTitles(
    'users',
    entries.map((e) => e.actorId),
  );
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  if (history.isPending) return <Skeleton h={160} />;
  if (history.isError) return <Alert color="red">{t('common.error')}</Alert>;
  if (entries.length === 0) return <Text c="dimmed">{t('lists.history.empty')}</Text>;
  return (
    <Card withBorder p="sm">
      <Stack gap="sm">
        {entries.map((entry) => (
          <div key={entry.id}>
            <Group gap={6}>
              <Text size="sm" fw={600}>
                {t(`lists.history.action.${entry.action}`, { defaultValue: entry.action })}
              </Text>
              <Text size="xs" c="dimmed">
                {when.format(new Date(entry.at))}
                {entry.actorId ? ` · ${actors.data?.get(entry.actorId) ?? '…'}` : ''}
              </Text>
            </Group>
            {entry.changes.length > 0 && (
              <Table withRowBorders={false} verticalSpacing={2} fz="sm" aria-label={t('lists.tabs.history')}>
                <Table.Tbody>
                  {entry.changes.map((change) => {
                    const field = def.fields.find((f) => f.name === change.field);
                    return (
                      <Table.Tr key={change.field}>
                        <Table.Td c="dimmed" w="30%">
                          {field ? pick(field.label) : change.field}
                        </Table.Td>
                        <Table.Td>
                          <HistoryValue field={field} value={change.from} /> → <HistoryValue field={field} value={change.to} />
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            )}
          </div>
        ))}
        {history.hasNextPage && (
          <Button variant="subtle" size="xs" loading={history.isFetchingNextPage} onClick={() => history.fetchNextPage()}>
            {t('lists.history.more')}
          </Button>
        )}
      </Stack>
    </Card>
  );
}
