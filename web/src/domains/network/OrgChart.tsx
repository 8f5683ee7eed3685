// An account's org chart: its contacts as a tree by whom each reports to. A contact whose manager
// the user cannot read starts a branch of its own; a loop in the data is cut where it closes.
import { Anchor, List, Skeleton, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOrgChart, type OrgChartEntry } from './network-api.ts';

/** The entries reporting to `managerId`, each with its own reports, never revisiting an entry. */
function branch(entries: OrgChartEntry[], managerId: string | null, seen: Set<string>): Array<{ entry: OrgChartEntry; reports: ReturnType<typeof branch> }> {
  return entries
    .filter((e) => e.reportsToId === managerId && !seen.has(e.id))
    .map((entry) => {
      seen.add(entry.id);
      return { entry, reports: branch(entries, entry.id, seen) };
    });
}

function Branch({ nodes }: { nodes: ReturnType<typeof branch> }) {
  const { t } = useTranslation();
  return (
    <List listStyleType="none" withPadding spacing={4}>
      {nodes.map(({ entry, reports }) => (
        <List.Item key={entry.id}>
          <Anchor component={Link} to={`/contacts/${entry.id}`} size="sm">
            {entry.name ?? t('network.untitled')}
          </Anchor>
          {entry.title && (
            <Text span size="xs" c="dimmed">
              {' '}
              · {entry.title}
            </Text>
          )}
          {reports.length > 0 && <Branch nodes={reports} />}
        </List.Item>
      ))}
    </List>
  );
}

export function OrgChart({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const chart = useOrgChart(accountId, true);
  if (chart.isLoading) return <Skeleton h={80} />;
  if (chart.error) return <Text c="red.8">{t('common.error')}</Text>;
  const entries = (chart.data?.data ?? []).toSorted((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
  if (entries.length === 0) return <Text size="sm">{t('network.orgChart.empty')}</Text>;
  const seen = new Set<string>();
  const tree = branch(entries, null, seen);
  // Members of a loop have no top: show them from the first one found.
  for (const entry of entries) if (!seen.has(entry.id)) tree.push(...branch(entries.map((e) => (e.id === entry.id ? { ...e, reportsToId: null } : e)), null, seen));
  return (
    <div>
      <Branch nodes={tree} />
    </div>
  );
}
