// A lead on its record page: its learned score with the factors that weigh most, the possible
// duplicates the viewer may read, what the lead became once converted, and the convert dialog
// (a new account or a matched one, a contact, and an opportunity if wanted).
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, List, Modal, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, get, request } from '../../app/api.ts';
import { useLabel, useObjects, type ObjectDef } from '../../app/metadata.ts';
import type { RecordRow } from '../../records/useRecordList.ts';
import { useFeatureWords } from './LeadScorePanel.tsx';
import type { ConversionInput, ConversionResult, LeadMatch } from './leads.ts';

type Match = LeadMatch;
type Conversion = ConversionResult<RecordRow>;

function ConvertDialog({ record, matches, onClose }: { record: RecordRow; matches: Match[]; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const accounts = matches.filter((m) => m.object === 'accounts');
  const [accountId, setAccountId] = useState<string>('new');
  const [isCreatingOpportunity, setCreatingOpportunity] = useState(true);
  const [opportunityName, setOpportunityName] = useState(`${String(record.company || record.name)} – ${String(record.name)}`);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const convert = async () => {
    setError(null);
    setBusy(true);
    try {
      const body: ConversionInput = { ...(accountId === 'new' ? {} : { accountId }), isCreatingOpportunity, ...(isCreatingOpportunity && opportunityName.trim() ? { opportunityName: opportunityName.trim() } : {}) };
      await request<Conversion>('POST', `/api/v1/leads/${record.id}/convert`, body, { 'if-match': `"${record.version}"` });
      await client.invalidateQueries({ queryKey: ['record', 'leads', record.id] });
      await client.invalidateQueries({ queryKey: ['timeline', 'leads', record.id] });
      onClose();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('common.close') }} title={t('leads.convert.title', { name: record.name })}>
      <Stack>
        <Radio.Group label={t('leads.convert.account')} value={accountId} onChange={setAccountId}>
          <Stack gap="xs" mt="xs">
            <Radio value="new" label={t('leads.convert.newAccount', { name: record.company || record.name })} />
            {accounts.map((a) => (
              <Radio key={a.id} value={a.id} label={t('leads.convert.useAccount', { name: a.title })} />
            ))}
          </Stack>
        </Radio.Group>
        <Checkbox label={t('leads.convert.createOpportunity')} checked={isCreatingOpportunity} onChange={(e) => setCreatingOpportunity(e.currentTarget.checked)} />
        {isCreatingOpportunity && <TextInput label={t('leads.convert.opportunityName')} value={opportunityName} onChange={(e) => setOpportunityName(e.currentTarget.value)} />}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={convert} loading={isBusy}>
            {t('leads.convert.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ConvertedLinks({ record }: { record: RecordRow }) {
  const { t } = useTranslation();
  const links: Array<[string, unknown]> = [
    ['accounts', record.convertedAccountId],
    ['contacts', record.convertedContactId],
    ['opportunities', record.convertedOpportunityId],
  ];
  return (
    <Group gap="md">
      {links
        .filter(([, id]) => typeof id === 'string')
        .map(([object, id]) => (
          <Anchor key={object} component={Link} to={`/${object}/${String(id)}`} size="sm">
            {t(`leads.converted.${object}`)}
          </Anchor>
        ))}
    </Group>
  );
}

export function LeadPanel({ record, canEdit: mayEdit = false }: { def: ObjectDef; record: RecordRow; canEdit?: boolean }) {
  const { t } = useTranslation();
  const pick = useLabel();
  const objects = useObjects().data;
  const words = useFeatureWords();
  const [isConverting, setConverting] = useState(false);
  const isConverted = record.status === 'converted';
  const duplicates = useQuery({
    queryKey: ['leadDuplicates', record.id, record.version],
    queryFn: () => get<{ data: Match[] }>(`/api/v1/leads/${record.id}/duplicates`),
    enabled: Boolean(record.isDuplicate) || !isConverted,
  });
  const matches = duplicates.data?.data ?? [];
  const factors = Array.isArray(record.scoreFactors) ? (record.scoreFactors as Array<{ feature: string; weight: number }>) : [];

  return (
    <Card withBorder component="section" aria-label={t('leads.panel.title')}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>{t('leads.panel.title')}</Text>
          {isConverted ? (
            <Badge color="teal.9" variant="filled">{t('leads.converted.badge')}</Badge>
          ) : (
            mayEdit && <Button onClick={() => setConverting(true)}>{t('leads.convert.open')}</Button>
          )}
        </Group>
        {isConverted && <ConvertedLinks record={record} />}
        {typeof record.score === 'number' && (
          <div>
            <Text size="sm">{t('leads.panel.score', { score: record.score })}</Text>
            {factors.length > 0 && (
              <List size="sm">
                {factors.map((f) => (
                  <List.Item key={f.feature}>{t(f.weight > 0 ? 'leads.panel.raises' : 'leads.panel.lowers', { factor: words(f.feature) })}</List.Item>
                ))}
              </List>
            )}
          </div>
        )}
        {Boolean(record.isDuplicate) && (
          <Stack gap={4}>
            <Group gap="xs">
              <Badge color="red.9" variant="filled">{t('leads.panel.duplicate')}</Badge>
              <Text size="sm" c="dimmed">
                {matches.length ? t('leads.panel.matches') : t('leads.panel.noVisibleMatches')}
              </Text>
            </Group>
            <List size="sm">
              {matches.map((m) => (
                <List.Item key={`${m.object}.${m.id}`}>
                  <Anchor component={Link} to={`/${m.object}/${m.id}`}>
                    {m.title}
                  </Anchor>{' '}
                  ({objects?.get(m.object) ? pick(objects.get(m.object)!.label) : m.object})
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Stack>
      {isConverting && <ConvertDialog record={record} matches={matches} onClose={() => setConverting(false)} />}
    </Card>
  );
}

export default LeadPanel;
