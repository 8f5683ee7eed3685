// One pipeline's settings and its stages: reorder with the arrow buttons, edit a stage in its row,
// add a stage at the end. Every change is a write through the records API, checked by the server.
import { useState } from 'react';
import { ActionIcon, Alert, Button, Card, Checkbox, Group, MultiSelect, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../app/api.ts';
import { can, useLabel, useObjects } from '../../app/metadata.ts';
import { nameLabel, useStages, type Pipeline, type Stage } from './pipelines.ts';

type StageDraft = Pick<Stage, 'name' | 'nameZh' | 'probability' | 'kind'> & { requiredFields: string[] };

const emptyStage: StageDraft = { name: '', nameZh: '', probability: 10, kind: 'open', requiredFields: [] };

/** The server's words for a failed write: its field errors when it names fields, else its detail. */
function problemText(caught: unknown, fallback: string): string {
  if (!(caught instanceof ApiError)) return fallback;
  const fields = caught.problem.errors ?? [];
  return fields.length ? fields.map((e) => `${e.field}: ${e.message}`).join(' ') : caught.message;
}

function StageFields({ draft, onChange, canEdit }: { draft: StageDraft; onChange: (d: StageDraft) => void; canEdit: boolean }) {
  const { t } = useTranslation();
  const pick = useLabel();
  const { data: objects } = useObjects();
  const fields = (objects?.get('opportunities')?.fields ?? []).filter((f) => !f.isReadOnly && f.type !== 'autoNumber');
  const kinds = (['open', 'won', 'lost'] as const).map((k) => ({ value: k, label: t(`sales.kind.${k}`) }));
  return (
    <>
      <Table.Td>
        <TextInput aria-label={t('sales.stage.name')} size="xs" value={draft.name} disabled={!canEdit} onChange={(e) => onChange({ ...draft, name: e.currentTarget.value })} />
      </Table.Td>
      <Table.Td>
        <TextInput aria-label={t('sales.stage.nameZh')} size="xs" value={draft.nameZh ?? ''} disabled={!canEdit} onChange={(e) => onChange({ ...draft, nameZh: e.currentTarget.value })} />
      </Table.Td>
      <Table.Td w={90}>
        <NumberInput aria-label={t('sales.stage.probability')} size="xs" min={0} max={100} suffix="%" value={draft.probability} disabled={!canEdit}
          onChange={(v) => onChange({ ...draft, probability: Number(v) || 0 })} />
      </Table.Td>
      <Table.Td w={110}>
        <Select aria-label={t('sales.stage.kind')} size="xs" data={kinds} value={draft.kind} allowDeselect={false} disabled={!canEdit}
          onChange={(v) => v && onChange({ ...draft, kind: v as Stage['kind'] })} />
      </Table.Td>
      <Table.Td miw={150}>
        <MultiSelect aria-label={t('sales.stage.requiredFields')} size="xs" data={fields.map((f) => ({ value: f.name, label: pick(f.label) }))} value={draft.requiredFields}
          disabled={!canEdit} onChange={(v) => onChange({ ...draft, requiredFields: v })} />
      </Table.Td>
    </>
  );
}

function StageRow({ stage, index, count, canEdit, onMove, onSaved }: {
  stage: Stage; index: number; count: number; canEdit: boolean; onMove: (from: number, to: number) => void; onSaved: (error?: string) => void;
}) {
  const { t } = useTranslation();
  const pick = useLabel();
  const [draft, setDraft] = useState<StageDraft>({ ...stage, requiredFields: stage.requiredFields ?? [] });
  const label = pick(nameLabel(stage));
  const save = async () => {
    try {
      await request('PATCH', `/api/v1/pipelineStages/${stage.id}`, { ...draft, nameZh: draft.nameZh || null }, { 'if-match': `"${stage.version}"` });
      onSaved();
    } catch (caught) {
      onSaved(problemText(caught, t('common.error')));
    }
  };
  const remove = async () => {
    if (!window.confirm(t('sales.stage.confirmDelete', { name: label }))) return;
    try {
      await request('DELETE', `/api/v1/pipelineStages/${stage.id}`);
      onSaved();
    } catch (caught) {
      onSaved(problemText(caught, t('common.error')));
    }
  };
  return (
    <Table.Tr>
      <Table.Td w={70}>
        <Group gap={2} wrap="nowrap">
          <ActionIcon variant="subtle" color="gray" size="sm" disabled={!canEdit || index === 0} onClick={() => onMove(index, index - 1)} aria-label={t('sales.stage.up', { name: label })}>
            <IconArrowUp size={14} />
          </ActionIcon>
          <ActionIcon variant="subtle" color="gray" size="sm" disabled={!canEdit || index === count - 1} onClick={() => onMove(index, index + 1)} aria-label={t('sales.stage.down', { name: label })}>
            <IconArrowDown size={14} />
          </ActionIcon>
        </Group>
      </Table.Td>
      <StageFields draft={draft} onChange={setDraft} canEdit={canEdit} />
      <Table.Td>
        {canEdit && (
          <Group gap={4} wrap="nowrap">
            <Button size="xs" variant="default" onClick={save} aria-label={t('sales.stage.save', { name: label })}>
              {t('common.save')}
            </Button>
            <ActionIcon variant="subtle" color="red.9" onClick={remove} aria-label={t('sales.stage.delete', { name: label })}>
              <IconTrash size={14} />
            </ActionIcon>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function PipelineEditor({ pipeline }: { pipeline: Pipeline }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { data: objects } = useObjects();
  const canEdit = can(objects?.get('pipelines'), 'edit');
  const stages = useStages(pipeline.id);
  const [settings, setSettings] = useState({ name: pipeline.name, nameZh: pipeline.nameZh ?? '', staleAfterDays: pipeline.staleAfterDays ?? 14, isDefault: pipeline.isDefault === true, isActive: pipeline.isActive === true });
  const [draft, setDraft] = useState<StageDraft>(emptyStage);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const list = stages.data?.data ?? [];

  const refresh = async (problem?: string) => {
    setError(problem ?? null);
    await client.invalidateQueries({ queryKey: ['pipelineStages', pipeline.id] });
    await client.invalidateQueries({ queryKey: ['pipelines'] });
  };
  const attempt = async (work: () => Promise<unknown>) => {
    setSaved(false);
    try {
      await work();
      await refresh();
      setSaved(true);
    } catch (caught) {
      await refresh(problemText(caught, t('common.error')));
    }
  };
  const saveSettings = () => attempt(() => request('PATCH', `/api/v1/pipelines/${pipeline.id}`, { ...settings, nameZh: settings.nameZh || null }, { 'if-match': `"${pipeline.version}"` }));
  const addStage = () =>
    attempt(async () => {
      const order = list.reduce((max, s) => Math.max(max, s.order), 0) + 1;
      await request('POST', '/api/v1/pipelineStages', { ...draft, name: draft.name.trim() || (draft.nameZh ?? '').trim(), nameZh: draft.nameZh || null, pipelineId: pipeline.id, order });
      setDraft(emptyStage);
    });
  // Moving renumbers the stages 1, 2, 3 … and writes those whose number changed.
  const move = (from: number, to: number) =>
    attempt(async () => {
      const next = [...list];
      next.splice(to, 0, next.splice(from, 1)[0]!);
      for (const [i, s] of next.entries()) if (s.order !== i + 1) await request('PATCH', `/api/v1/pipelineStages/${s.id}`, { order: i + 1 });
    });

  return (
    <Stack>
      <Card withBorder>
        <Group align="flex-end" wrap="wrap">
          <TextInput label={t('sales.pipelines.name')} value={settings.name} disabled={!canEdit} onChange={(e) => setSettings({ ...settings, name: e.currentTarget.value })} />
          <TextInput label={t('sales.pipelines.nameZh')} value={settings.nameZh} disabled={!canEdit} onChange={(e) => setSettings({ ...settings, nameZh: e.currentTarget.value })} />
          <NumberInput label={t('sales.pipelines.staleAfterDays')} w={140} min={1} max={365} value={settings.staleAfterDays} disabled={!canEdit}
            onChange={(v) => setSettings({ ...settings, staleAfterDays: Number(v) || 14 })} />
          <Checkbox label={t('sales.pipelines.isDefault')} checked={settings.isDefault} disabled={!canEdit || pipeline.isDefault === true} onChange={(e) => setSettings({ ...settings, isDefault: e.currentTarget.checked })} />
          <Checkbox label={t('sales.pipelines.isActive')} checked={settings.isActive} disabled={!canEdit} onChange={(e) => setSettings({ ...settings, isActive: e.currentTarget.checked })} />
          {canEdit && <Button onClick={saveSettings}>{t('common.save')}</Button>}
        </Group>
      </Card>
      {error && (
        <Alert color="red" role="alert" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {saved && !error && (
        <Text size="sm" role="status">
          {t('sales.pipelines.saved')}
        </Text>
      )}
      <Card withBorder>
        <Text fw={600} mb="xs">
          {t('sales.pipelines.stages')}
        </Text>
        <Table.ScrollContainer minWidth={720}>
          <Table aria-label={t('sales.pipelines.stages')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sales.stage.order')}</Table.Th>
                <Table.Th>{t('sales.stage.name')}</Table.Th>
                <Table.Th>{t('sales.stage.nameZh')}</Table.Th>
                <Table.Th>{t('sales.stage.probability')}</Table.Th>
                <Table.Th>{t('sales.stage.kind')}</Table.Th>
                <Table.Th>{t('sales.stage.requiredFields')}</Table.Th>
                <Table.Th>{t('sales.stage.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((stage, i) => (
                <StageRow key={`${stage.id}-${stage.version}`} stage={stage} index={i} count={list.length} canEdit={canEdit} onMove={move} onSaved={refresh} />
              ))}
              {canEdit && (
                <Table.Tr>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {t('sales.stage.new')}
                    </Text>
                  </Table.Td>
                  <StageFields draft={draft} onChange={setDraft} canEdit />
                  <Table.Td>
                    <Button size="xs" onClick={addStage} disabled={!draft.name.trim() && !(draft.nameZh ?? '').trim()}>
                      {t('sales.stage.add')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
    </Stack>
  );
}
