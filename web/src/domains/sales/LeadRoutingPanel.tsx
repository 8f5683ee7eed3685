// The assignment rules, in the order they are tried: each matches leads by province / region and
// industry and gives them to a user, to a team in turn (round-robin) or to the team member with the
// fewest open leads; a lead no rule matches goes to the default owner.
import { useEffect, useState } from 'react';
import { ActionIcon, Alert, Button, Card, Group, MultiSelect, Select, Skeleton, Stack, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../app/api.ts';
import { useLabel, useObjects } from '../../app/metadata.ts';
import { usePeople, useRouting, type AssignmentRule, type RoutingSettings, type RuleMethod } from './leads.ts';

const methods: RuleMethod[] = ['user', 'roundRobin', 'leastLoaded'];

export function LeadRoutingPanel() {
  const { t } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const routing = useRouting(true);
  const people = usePeople(true);
  const industryField = useObjects().data?.get('leads')?.fields.find((f) => f.name === 'industry');
  const [draft, setDraft] = useState<RoutingSettings | null>(null);
  const [message, setMessage] = useState<{ isError: boolean; text: string } | null>(null);
  useEffect(() => {
    if (routing.data) setDraft(routing.data);
  }, [routing.data]);
  if (!draft || !people.data) return <Skeleton h={240} />;

  const users = people.data.users.filter((u) => u.isActive !== false).map((u) => ({ value: u.id, label: u.name }));
  const teams = people.data.teams.map((team) => ({ value: team.id, label: team.name }));
  const industries = (industryField?.options ?? []).map((o) => ({ value: o.value, label: pick(o.label) }));
  const setRule = (index: number, changes: Partial<AssignmentRule>) => setDraft({ ...draft, rules: draft.rules.map((r, i) => (i === index ? { ...r, ...changes } : r)) });
  const move = (index: number, by: number) => {
    const rules = [...draft.rules];
    const [rule] = rules.splice(index, 1);
    rules.splice(index + by, 0, rule!);
    setDraft({ ...draft, rules });
  };
  const add = () =>
    setDraft({ ...draft, rules: [...draft.rules, { id: crypto.randomUUID(), name: t('leads.routing.newRule', { n: draft.rules.length + 1 }), isActive: true, provinces: [], industries: [], method: 'roundRobin', teamId: null, userId: null }] });
  const save = async () => {
    setMessage(null);
    try {
      await request('PUT', '/api/v1/sales/lead-routing', draft);
      await client.invalidateQueries({ queryKey: ['leads', 'routing'] });
      setMessage({ isError: false, text: t('leads.saved') });
    } catch (caught) {
      setMessage({ isError: true, text: caught instanceof ApiError ? [caught.message, ...(caught.problem.errors ?? []).map((e) => `${e.field}: ${e.message}`)].join(' ') : t('common.error') });
    }
  };

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('leads.routing.intro')}
      </Text>
      {draft.rules.map((rule, index) => (
        <Card withBorder key={rule.id} component="section" aria-label={rule.name}>
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap">
              <Text fw={600}>{t('leads.routing.position', { n: index + 1 })}</Text>
              <Group gap={4} wrap="nowrap">
                <ActionIcon variant="default" aria-label={t('leads.routing.up', { name: rule.name })} disabled={index === 0} onClick={() => move(index, -1)}>
                  ↑
                </ActionIcon>
                <ActionIcon variant="default" aria-label={t('leads.routing.down', { name: rule.name })} disabled={index === draft.rules.length - 1} onClick={() => move(index, 1)}>
                  ↓
                </ActionIcon>
                <Button size="xs" color="red" variant="subtle" onClick={() => setDraft({ ...draft, rules: draft.rules.filter((_, i) => i !== index) })}>
                  {t('leads.routing.remove')}
                </Button>
              </Group>
            </Group>
            <Group grow align="flex-start">
              <TextInput label={t('leads.routing.name')} value={rule.name} onChange={(e) => setRule(index, { name: e.currentTarget.value })} />
              <Switch mt="xl" label={t('leads.routing.active')} checked={rule.isActive} onChange={(e) => setRule(index, { isActive: e.currentTarget.checked })} />
            </Group>
            <Group grow align="flex-start">
              <TagsInput label={t('leads.routing.provinces')} description={t('leads.routing.anyWhenEmpty')} value={rule.provinces} onChange={(provinces) => setRule(index, { provinces })} />
              <MultiSelect label={t('leads.routing.industries')} description={t('leads.routing.anyWhenEmpty')} data={industries} value={rule.industries} onChange={(values) => setRule(index, { industries: values })} />
            </Group>
            <Group grow align="flex-start">
              <Select
                label={t('leads.routing.method')}
                data={methods.map((m) => ({ value: m, label: t(`leads.routing.methods.${m}`) }))}
                value={rule.method}
                allowDeselect={false}
                onChange={(value) => setRule(index, { method: (value ?? 'user') as RuleMethod })}
              />
              {rule.method === 'user' ? (
                <Select label={t('leads.routing.user')} data={users} searchable value={rule.userId ?? null} onChange={(userId) => setRule(index, { userId })} />
              ) : (
                <Select label={t('leads.routing.team')} data={teams} searchable value={rule.teamId ?? null} onChange={(teamId) => setRule(index, { teamId })} />
              )}
            </Group>
          </Stack>
        </Card>
      ))}
      <Group>
        <Button variant="light" onClick={add}>
          {t('leads.routing.add')}
        </Button>
      </Group>
      <Card withBorder>
        <Stack gap="xs">
          <Select label={t('leads.routing.defaultOwner')} description={t('leads.routing.defaultOwnerHelp')} data={users} searchable clearable value={draft.defaultOwnerId} onChange={(defaultOwnerId) => setDraft({ ...draft, defaultOwnerId })} />
          <Switch label={t('leads.routing.manual')} checked={draft.isRoutingManualLeads} onChange={(e) => setDraft({ ...draft, isRoutingManualLeads: e.currentTarget.checked })} />
        </Stack>
      </Card>
      {message && (
        <Alert color={message.isError ? 'red' : 'green'} role={message.isError ? 'alert' : 'status'}>
          {message.text}
        </Alert>
      )}
      <Group>
        <Button onClick={save}>{t('leads.save')}</Button>
      </Group>
    </Stack>
  );
}
