// The duplicate report: per object, the groups of records that look alike (computed nightly, or now
// by an administrator), each with a way into the merge screen. Only records the user may read show.
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, get, query } from '../../app/api.ts';
import { formatValue } from '../../app/format.ts';
import { useLabel, useObjects } from '../../app/metadata.ts';
import { useSession } from '../../app/session.tsx';
import { useLanguage } from '../../i18n/use-language.ts';
import { duplicateReport, mergePath } from './duplicates-api.ts';

/** The objects that have duplicate rules, in a stable order. */
function useRuleObjects() {
  return useQuery({
    queryKey: ['duplicateRules', 'objects'],
    queryFn: async () => {
      const { data } = await get<{ data: Array<{ objectName: string }> }>(`/api/v1/duplicateRules${query({ fields: 'objectName', limit: 500, filter: 'isActive eq true' })}`);
      return [...new Set(data.map((r) => r.objectName))];
    },
  });
}

export function DuplicatesScreen() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const pick = useLabel();
  const me = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { data: objects } = useObjects();
  const ruleObjects = useRuleObjects();
  const [params, setParams] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const readable = (ruleObjects.data ?? []).filter((name) => objects?.has(name));
  const object = readable.includes(params.get('object') ?? '') ? params.get('object')! : readable[0];
  const def = object ? objects?.get(object) : undefined;
  const report = useQuery({ queryKey: ['duplicateReport', object], queryFn: () => duplicateReport(object!), enabled: Boolean(object) });
  const fieldLabel = (field: string) => pick(def?.fields.find((f) => f.name === field)?.label) || field;

  const refresh = async () => {
    if (!object) return;
    setBusy(true);
    setError(null);
    try {
      client.setQueryData(['duplicateReport', object], await duplicateReport(object, true));
    } catch (caught) {
      setError(caught instanceof ApiError ? (caught.problem.detail ?? caught.message) : t('common.error'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('duplicates.report.title')}
      </Title>
      <Text size="sm">{t('duplicates.report.intro')}</Text>
      {readable.length > 1 && (
        <SegmentedControl
          aria-label={t('duplicates.report.object')}
          value={object ?? ''}
          onChange={(value) => setParams({ object: value })}
          data={readable.map((name) => ({ value: name, label: pick(objects?.get(name)?.labelPlural) }))}
        />
      )}
      <Group justify="space-between">
        <Text size="sm">
          {report.data?.generatedAt
            ? t('duplicates.report.generatedAt', { at: formatValue({ name: 'generatedAt', type: 'datetime', label: { en: '', 'zh-CN': '' } }, report.data.generatedAt, language, pick) })
            : t('duplicates.report.never')}
        </Text>
        {me.user.isAdmin && (
          <Button variant="default" size="xs" onClick={() => void refresh()} loading={busy}>
            {t('duplicates.report.refresh')}
          </Button>
        )}
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {(ruleObjects.isPending || report.isPending) && <Skeleton h={120} />}
      {report.data && report.data.groups.length === 0 && <Text>{t('duplicates.report.none')}</Text>}
      {report.data?.groups.map((group) => (
        <Card key={group.records.map((r) => r.id).join()} withBorder padding="sm">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Group gap="xs" wrap="wrap">
              <Badge color={group.strength === 'strong' ? 'red.9' : 'gray.8'} variant="filled" size="sm">
                {t(`duplicates.strength.${group.strength}`)}
              </Badge>
              <Text size="sm">{t('duplicates.sameAs', { fields: [...new Set(group.reasons.map((r) => fieldLabel(r.field)))].join(t('common.listSeparator')) })}</Text>
            </Group>
            <Button size="xs" onClick={() => void navigate(mergePath(object!, group.records.slice(0, 3).map((r) => r.id)))}>
              {t('duplicates.report.merge')}
            </Button>
          </Group>
          <Group gap="md" mt="xs" wrap="wrap">
            {group.records.map((record) => (
              <Anchor key={record.id} component={Link} to={`/${object}/${record.id}`} size="sm">
                {record.title || t('common.untitled')}
              </Anchor>
            ))}
          </Group>
        </Card>
      ))}
    </Stack>
  );
}

export default DuplicatesScreen;
