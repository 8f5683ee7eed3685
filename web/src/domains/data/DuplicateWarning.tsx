// The warning a create form shows while the user types: records they may read that look like the one
// being created, with links, before anything is saved.
import { Alert, Anchor, Badge, Group, List, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLabel, type ObjectDef } from '../../app/metadata.ts';
import { checkDuplicates } from './duplicates-api.ts';

interface Props {
  def: ObjectDef;
  /** The draft's values as they would be sent. */
  values: Record<string, unknown>;
}

export function DuplicateWarning({ def, values }: Props) {
  const { t } = useTranslation();
  const pick = useLabel();
  const [draft] = useDebouncedValue(JSON.stringify(values), 500);
  const isEmpty = draft === '{}';
  const matches = useQuery({
    queryKey: ['duplicates', def.name, draft],
    queryFn: () => checkDuplicates(def.name, JSON.parse(draft) as Record<string, unknown>),
    enabled: !isEmpty,
    staleTime: 30_000,
    retry: false,
  });
  const found = isEmpty ? [] : (matches.data ?? []);
  if (found.length === 0) return null;
  const labelOf = (field: string) => pick(def.fields.find((f) => f.name === field)?.label) || field;
  return (
    <Alert color="yellow" role="status">
      <Text fw={700} size="sm">
        {t('duplicates.warning.title', { count: found.length })}
      </Text>
      <Text size="sm" mb="xs">
        {t('duplicates.warning.text')}
      </Text>
      <List size="sm" spacing={4}>
        {found.map((match) => (
          <List.Item key={match.id}>
            <Group gap="xs" wrap="wrap">
              <Anchor component={Link} to={`/${def.name}/${match.id}`} target="_blank" rel="noopener">
                {match.title || t('common.untitled')}
              </Anchor>
              <Badge color={match.strength === 'strong' ? 'red.9' : 'gray.8'} variant="filled" size="sm">
                {t(`duplicates.strength.${match.strength}`)}
              </Badge>
              <Text size="xs" c="dark.6">
                {t('duplicates.sameAs', { fields: [...new Set(match.reasons.map((r) => labelOf(r.field)))].join(t('common.listSeparator')) })}
              </Text>
            </Group>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
