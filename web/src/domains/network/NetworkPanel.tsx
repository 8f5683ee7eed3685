// The relationship network on an account's or contact's page: the graph around the record, expanded
// record by record and filtered by type; who connects the user to it; and an account's org chart.
// Nothing is fetched until the user opens the panel, and the graph library loads with the graph.
import { Suspense, lazy, useCallback, useMemo, useState } from 'react';
import { Anchor, Badge, Button, Card, Group, MultiSelect, Skeleton, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, useLabel, useObjects, type ObjectDef } from '../../app/metadata.ts';
import type { RecordRow } from '../../records/useRecordList.ts';
import { mergeNeighbourhoods } from './graph-model.ts';
import { typeLabel, useNeighbourhoods, useRelationshipTypes, type NodeObject } from './network-api.ts';
import { PathsView } from './PathsView.tsx';
import { OrgChart } from './OrgChart.tsx';
import { AddRelationship } from './AddRelationship.tsx';

const NetworkGraph = lazy(() => import('./NetworkGraph.tsx'));

export function NetworkPanel({ def, record }: { def: ObjectDef; record: RecordRow }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  return (
    <Card withBorder>
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h5">
          {t('network.title')}
        </Title>
        {!isOpen && (
          <Button variant="light" onClick={() => setOpen(true)}>
            {t('network.open')}
          </Button>
        )}
      </Group>
      {isOpen && <NetworkTabs def={def} record={record} />}
    </Card>
  );
}

function NetworkTabs({ def, record }: { def: ObjectDef; record: RecordRow }) {
  const { t } = useTranslation();
  const pick = useLabel();
  const objects = useObjects();
  const types = useRelationshipTypes();
  const [typeIds, setTypeIds] = useState<string[]>([]);
  const [isAdding, setAdding] = useState(false);
  const center = { object: def.name as NodeObject, id: record.id };
  const [expanded, setExpanded] = useState([center]);
  const parts = useNeighbourhoods(expanded, typeIds);
  const graph = useMemo(() => mergeNeighbourhoods(parts.map((p) => p.data)), [parts]);
  const typeNames = useMemo(() => new Map((types.data ?? []).map((type) => [type.id, pick(typeLabel(type))])), [types.data, pick]);
  const edgeLabel = useCallback((typeId: string | null | undefined) => (typeId ? (typeNames.get(typeId) ?? '') : ''), [typeNames]);
  const expand = useCallback((node: { id: string; object: NodeObject }) => setExpanded((list) => (list.some((n) => n.id === node.id) ? list : [...list, node])), []);
  const isLoading = parts.some((p) => p.isLoading);
  const failed = parts.find((p) => p.error);
  const relationships = objects.data?.get('relationships');

  return (
    <Stack mt="sm" gap="sm">
      <Group align="flex-end" wrap="wrap">
        <MultiSelect
          label={t('network.typeFilter')}
          placeholder={typeIds.length ? undefined : t('network.allTypes')}
          data={(types.data ?? []).map((type) => ({ value: type.id, label: pick(typeLabel(type)) }))}
          value={typeIds}
          onChange={setTypeIds}
          clearable
          style={{ flex: '1 1 220px' }}
        />
        {can(relationships, 'create') && (
          <Button variant="default" onClick={() => setAdding(true)}>
            {t('network.add')}
          </Button>
        )}
      </Group>
      <Tabs defaultValue="graph" keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="graph">{t('network.tabs.graph')}</Tabs.Tab>
          <Tabs.Tab value="paths">{t('network.tabs.paths')}</Tabs.Tab>
          {def.name === 'accounts' && <Tabs.Tab value="orgChart">{t('network.tabs.orgChart')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="graph">
          <Stack gap="sm">
            {failed && <Text c="red.8">{t('common.error')}</Text>}
            <Suspense fallback={<Skeleton h={360} />}>
              <NetworkGraph graph={graph} centerId={record.id} edgeLabel={edgeLabel} onExpand={expand} ariaLabel={t('network.graphLabel', { count: graph.nodes.length })} />
            </Suspense>
            <Text size="sm" c="dimmed">
              {isLoading ? t('network.loading') : t('network.summary', { nodes: graph.nodes.length, edges: graph.edges.length })}
            </Text>
            <Table striped aria-label={t('network.nodeList')}>
              <Table.Tbody>
                {graph.nodes.map((node) => {
                  const isExpanded = expanded.some((n) => n.id === node.id);
                  const links = graph.edges.filter((e) => e.fromId === node.id || e.toId === node.id).length;
                  return (
                    <Table.Tr key={node.id}>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Badge variant="outline" color={node.object === 'accounts' ? 'blue.9' : 'teal.9'}>
                            {pick(objects.data?.get(node.object)?.label)}
                          </Badge>
                          <Anchor component={Link} to={`/${node.object}/${node.id}`} size="sm">
                            {node.title ?? t('network.untitled')}
                          </Anchor>
                          {node.isMine && (
                            <Badge variant="filled" color="indigo.9">
                              {t('network.mine')}
                            </Badge>
                          )}
                        </Group>
                        {node.subtitle && (
                          <Text size="xs" c="dimmed">
                            {node.subtitle}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">
                        <Group gap="xs" justify="flex-end" wrap="nowrap">
                          <Text size="xs" c="dimmed">
                            {t('network.links', { count: links })}
                          </Text>
                          <Button size="compact-sm" variant="subtle" disabled={isExpanded} onClick={() => expand(node)} aria-label={isExpanded ? undefined : t('network.expandNamed', { name: node.title ?? t('network.untitled') })}>
                            {isExpanded ? t('network.expanded') : t('network.expand')}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="paths">
          <PathsView object={center.object} id={record.id} typeIds={typeIds} typeNames={typeNames} />
        </Tabs.Panel>
        {def.name === 'accounts' && (
          <Tabs.Panel value="orgChart">
            <OrgChart accountId={record.id} />
          </Tabs.Panel>
        )}
      </Tabs>
      {isAdding && relationships && <AddRelationship def={relationships} from={center} types={types.data ?? []} onClose={() => setAdding(false)} />}
    </Stack>
  );
}

export default NetworkPanel;
