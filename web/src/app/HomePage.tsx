// Home: what is due today or overdue, the open opportunities by stage with their totals, and the
// records viewed lately.
import { Alert, Anchor, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get, query } from './api.ts';
import { formatValue } from './format.ts';
import { useLabel, useObjects } from './metadata.ts';
import { useSession } from './session.tsx';
import { useRecent } from './recent.ts';

interface Group {
  key: string;
  count: number;
  sums: { amount?: Array<{ amount: string; currency: string }> };
}

export function HomePage() {
  const { t, i18n } = useTranslation();
  const pick = useLabel();
  const me = useSession();
  const { data: objects } = useObjects();
  const today = new Date().toISOString().slice(0, 10);
  const hasActivities = objects?.has('activities');
  const hasOpportunities = objects?.has('opportunities');
  const due = useQuery({
    queryKey: ['home', 'due', me.user.id, today],
    enabled: Boolean(hasActivities),
    queryFn: () =>
      get<{ data: Array<{ id: string; subject: string; dueDate: string | null; startAt: string | null }> }>(
        `/api/v1/activities${query({ filter: `ownerId eq '${me.user.id}' and status eq 'open' and (dueDate lte '${today}' or startAt lt '${today}T23:59:59Z')`, sort: 'dueDate', limit: 20 })}`,
      ),
  });
  const pipeline = useQuery({
    queryKey: ['home', 'pipeline', me.user.id],
    enabled: Boolean(hasOpportunities),
    queryFn: () =>
      get<{ data: Group[] }>(`/api/v1/opportunities/aggregate${query({ filter: `ownerId eq '${me.user.id}' and stage ne 'won' and stage ne 'lost'`, groupBy: 'stage', sum: 'amount' })}`),
  });
  const stage = objects?.get('opportunities')?.fields.find((f) => f.name === 'stage');
  const recent = useRecent(me.user.id).filter((r) => objects?.has(r.object));

  return (
    <Stack>
      <Title order={1} size="h3">
        {t('home.greeting', { name: me.user.name })}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Text fw={600} mb="xs">
            {t('home.due')}
          </Text>
          {due.isPending && hasActivities && <Skeleton h={80} />}
          {due.isError && <Alert color="red">{t('common.error')}</Alert>}
          {due.data?.data.length === 0 && <Text c="dimmed">{t('home.nothingDue')}</Text>}
          <Stack gap={4}>
            {due.data?.data.map((a) => (
              <Group key={a.id} justify="space-between" wrap="nowrap">
                <Anchor component={Link} to={`/activities/${a.id}`} size="sm" truncate>
                  {a.subject}
                </Anchor>
                <Text size="xs" c={a.dueDate && a.dueDate < today ? 'red' : 'dimmed'}>
                  {a.dueDate ?? ''}
                </Text>
              </Group>
            ))}
          </Stack>
        </Card>
        <Card withBorder>
          <Text fw={600} mb="xs">
            {t('home.pipeline')}
          </Text>
          {pipeline.isPending && hasOpportunities && <Skeleton h={80} />}
          {pipeline.data?.data.length === 0 && <Text c="dimmed">{t('home.noDeals')}</Text>}
          <Stack gap={4}>
            {pipeline.data?.data.map((g) => (
              <Group key={g.key} justify="space-between">
                <Text size="sm">{stage ? formatValue(stage, g.key, i18n.language, pick) : g.key}</Text>
                <Text size="sm" c="dimmed">
                  {t('home.deals', { count: g.count })} ·{' '}
                  {(g.sums.amount ?? []).map((m) => new Intl.NumberFormat(i18n.language, { style: 'currency', currency: m.currency, notation: i18n.language === 'en' ? 'standard' : 'compact' }).format(Number(m.amount))).join(' · ')}
                </Text>
              </Group>
            ))}
          </Stack>
        </Card>
        <Card withBorder>
          <Text fw={600} mb="xs">
            {t('lists.recent.title')}
          </Text>
          {recent.length === 0 && <Text c="dimmed">{t('lists.recent.empty')}</Text>}
          <Stack gap={4} aria-label={t('lists.recent.title')} component="nav">
            {recent.map((r) => (
              <Group key={r.id} justify="space-between" wrap="nowrap">
                <Anchor component={Link} to={`/${r.object}/${r.id}`} size="sm" truncate>
                  {r.title || t('common.untitled')}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {pick(objects?.get(r.object)?.label)}
                </Text>
              </Group>
            ))}
          </Stack>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
