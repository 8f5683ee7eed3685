// "Who connects us to this record": the shortest paths from the user's own accounts and contacts,
// each record a link and each step named by its relationship type.
import { Fragment, useState } from 'react';
import { Anchor, Button, Card, Group, Skeleton, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePaths, type NodeObject } from './network-api.ts';

interface Props {
  object: NodeObject;
  id: string;
  typeIds: string[];
  typeNames: Map<string, string>;
}

export function PathsView({ object, id, typeIds, typeNames }: Props) {
  const { t } = useTranslation();
  const [isAsked, setAsked] = useState(false);
  const paths = usePaths(object, id, typeIds, isAsked);
  return (
    <Stack gap="sm">
      <Text size="sm">{t('network.paths.intro')}</Text>
      {!isAsked && (
        <Group>
          <Button onClick={() => setAsked(true)}>{t('network.paths.find')}</Button>
        </Group>
      )}
      {isAsked && paths.isLoading && <Skeleton h={80} />}
      {paths.error && <Text c="red.8">{t('common.error')}</Text>}
      {paths.data && paths.data.data.length === 0 && <Text size="sm">{t('network.paths.none')}</Text>}
      {paths.data?.data.map((path, index) => (
        <Card key={path.nodes.map((n) => n.id).join('>')} withBorder padding="sm" aria-label={t('network.paths.label', { number: index + 1 })}>
          <Text size="xs" c="dimmed" mb={4}>
            {t('network.paths.steps', { count: path.length })}
          </Text>
          <Group gap={6} wrap="wrap">
            {path.nodes.map((node, i) => (
              <Fragment key={node.id}>
                {i > 0 && (
                  <Text size="xs" c="dimmed">
                    → {typeNames.get(path.edges[i - 1]?.typeId ?? '') ?? ''} →
                  </Text>
                )}
                <Anchor component={Link} to={`/${node.object}/${node.id}`} size="sm" fw={node.isMine ? 700 : undefined}>
                  {node.title ?? t('network.untitled')}
                </Anchor>
              </Fragment>
            ))}
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
