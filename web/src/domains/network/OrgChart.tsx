// An account's org chart: its contacts as a tree by whom each reports to. A contact whose manager
// the user cannot read starts a branch of its own; a loop in the data is cut where it closes.
import { Anchor, List, Skeleton, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { orgTree, type OrgBranch } from './graph-model.ts';
import { useOrgChart } from './network-api.ts';

function Branch({ nodes }: { nodes: OrgBranch[] }) {
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
  const tree = orgTree(chart.data?.data ?? []);
  if (tree.length === 0) return <Text size="sm">{t('network.orgChart.empty')}</Text>;
  return (
    <div>
      <Branch nodes={tree} />
    </div>
  );
}
