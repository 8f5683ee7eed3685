// The leads settings: the web-to-lead form (which fields, which sites, the robot checks) with the
// snippet to copy, the assignment rules in order, and the lead score's model with its quality.
// Administrators change them; everyone who reads leads sees the score model.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Code, CopyButton, Group, MultiSelect, NumberInput, Skeleton, Stack, Switch, Tabs, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../app/api.ts';
import { useLabel, useObjects } from '../../app/metadata.ts';
import { useSession } from '../../app/session.tsx';
import { CAPTURABLE_FIELDS, formSnippet, useCapture, type CaptureSettings } from './leads.ts';
import { LeadRoutingPanel } from './LeadRoutingPanel.tsx';
import { LeadScorePanel } from './LeadScorePanel.tsx';

const inputTypes: Record<string, string> = { email: 'email', phone: 'tel' };

function CapturePanel() {
  const { t } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const lead = useObjects().data?.get('leads');
  const capture = useCapture(true);
  const [draft, setDraft] = useState<CaptureSettings | null>(null);
  const [origins, setOrigins] = useState('');
  const [message, setMessage] = useState<{ isError: boolean; text: string } | null>(null);
  useEffect(() => {
    if (capture.data) {
      setDraft(capture.data);
      setOrigins(capture.data.allowedOrigins.join('\n'));
    }
  }, [capture.data]);
  if (!draft || !lead) return <Skeleton h={240} />;

  const fieldLabel = (name: string) => pick(lead.fields.find((f) => f.name === name)?.label ?? { en: name, 'zh-CN': name });
  const save = async () => {
    setMessage(null);
    try {
      const allowedOrigins = origins.split(/\s+/).filter(Boolean);
      await request('PUT', '/api/v1/sales/lead-capture', { ...draft, allowedOrigins });
      await client.invalidateQueries({ queryKey: ['leads', 'capture'] });
      setMessage({ isError: false, text: t('leads.saved') });
    } catch (caught) {
      setMessage({ isError: true, text: caught instanceof ApiError ? caught.message : t('common.error') });
    }
  };
  const snippet = formSnippet(
    `${window.location.origin}/api/v1/web-to-lead`,
    draft.fields.map((name) => ({ name, label: fieldLabel(name), type: inputTypes[name] ?? 'text' })),
    t('leads.capture.submit'),
    t('leads.capture.thanks'),
  );

  return (
    <Stack>
      <Card withBorder>
        <Stack>
          <Switch label={t('leads.capture.enabled')} checked={draft.isEnabled} onChange={(e) => setDraft({ ...draft, isEnabled: e.currentTarget.checked })} />
          <MultiSelect
            label={t('leads.capture.fields')}
            description={t('leads.capture.fieldsHelp')}
            data={CAPTURABLE_FIELDS.map((name) => ({ value: name, label: fieldLabel(name), disabled: name === 'name' }))}
            value={draft.fields}
            onChange={(fields) => setDraft({ ...draft, fields: [...new Set(['name', ...fields])] })}
          />
          <Textarea label={t('leads.capture.origins')} description={t('leads.capture.originsHelp')} autosize minRows={2} value={origins} onChange={(e) => setOrigins(e.currentTarget.value)} />
          <Group grow align="flex-start">
            <NumberInput label={t('leads.capture.minFillSeconds')} min={0} max={600} value={draft.minFillSeconds} onChange={(v) => setDraft({ ...draft, minFillSeconds: Number(v) || 0 })} />
            <NumberInput label={t('leads.capture.maxPerHour')} min={1} max={10000} value={draft.maxPerHour} onChange={(v) => setDraft({ ...draft, maxPerHour: Number(v) || 1 })} />
          </Group>
          {message && (
            <Alert color={message.isError ? 'red' : 'green'} role={message.isError ? 'alert' : 'status'}>
              {message.text}
            </Alert>
          )}
          <Group>
            <Button onClick={save}>{t('leads.save')}</Button>
          </Group>
        </Stack>
      </Card>
      <Card withBorder component="section" aria-label={t('leads.capture.snippet')}>
        <Stack gap="xs">
          <Group justify="space-between">
            <Text fw={600}>{t('leads.capture.snippet')}</Text>
            <CopyButton value={snippet}>{({ copied, copy }) => <Button variant="light" onClick={copy}>{copied ? t('leads.capture.copied') : t('leads.capture.copy')}</Button>}</CopyButton>
          </Group>
          <Text size="sm" c="dimmed">
            {t('leads.capture.snippetHelp')}
          </Text>
          <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxHeight: 320, overflow: 'auto' }} tabIndex={0} aria-label={t('leads.capture.snippet')}>
            {snippet}
          </Code>
        </Stack>
      </Card>
    </Stack>
  );
}

export function LeadSettingsScreen() {
  const { t } = useTranslation();
  const { user } = useSession();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('leads.title')}
      </Title>
      <Text c="dimmed" size="sm">
        {t('leads.intro')}
      </Text>
      {!user.isAdmin && (
        <Alert color="blue" role="status">
          {t('leads.adminOnly')}
        </Alert>
      )}
      <Tabs defaultValue={user.isAdmin ? 'capture' : 'score'} keepMounted={false}>
        <Tabs.List mb="md">
          {user.isAdmin && <Tabs.Tab value="capture">{t('leads.tabs.capture')}</Tabs.Tab>}
          {user.isAdmin && <Tabs.Tab value="routing">{t('leads.tabs.routing')}</Tabs.Tab>}
          <Tabs.Tab value="score">{t('leads.tabs.score')}</Tabs.Tab>
        </Tabs.List>
        {user.isAdmin && (
          <Tabs.Panel value="capture">
            <CapturePanel />
          </Tabs.Panel>
        )}
        {user.isAdmin && (
          <Tabs.Panel value="routing">
            <LeadRoutingPanel />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="score">
          <LeadScorePanel canTrain={user.isAdmin} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

export default LeadSettingsScreen;
