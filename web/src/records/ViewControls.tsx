// Saved views of a list: pick one, save the current filter, sort, columns and widths as a new view
// (private, for one of my teams, or — administrators — for everyone), or save changes into the view.
import { useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, Radio, Select, Stack, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, get, query, request } from '../app/api.ts';
import { useSession } from '../app/session.tsx';
import type { ObjectDef } from '../app/metadata.ts';

export interface ViewSettings {
  kind: 'list';
  filter?: string;
  sort?: string;
  columns?: string[];
  columnWidths?: Record<string, number>;
}

export interface SavedView {
  id: string;
  name: string;
  visibility: 'private' | 'team' | 'everyone';
  canEdit: boolean;
  settings: ViewSettings;
}

interface Props {
  def: ObjectDef;
  settings: ViewSettings;
  currentId: string | null;
  /** A view named in the address (`?view=…`): opened once the views have loaded. */
  requestedId?: string | null;
  onApply: (view: SavedView | null) => void;
}

// A filter applied from a view comes back wrapped in parentheses; both spellings are the same view.
const bare = (filter = '') => filter.replace(/^\((.*)\)$/s, '$1');
const sameSettings = (a: ViewSettings, b: ViewSettings) =>
  bare(a.filter) === bare(b.filter) && (a.sort ?? '') === (b.sort ?? '') && JSON.stringify(a.columns ?? []) === JSON.stringify(b.columns ?? []) && JSON.stringify(a.columnWidths ?? {}) === JSON.stringify(b.columnWidths ?? {});

export function ViewControls({ def, settings, currentId, requestedId, onApply }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const me = useSession();
  const [isSaving, setSaving] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const views = useQuery({ queryKey: ['views', def.name], queryFn: () => get<{ data: SavedView[] }>(`/api/v1/views${query({ object: def.name })}`) });
  const current = views.data?.data.find((v) => v.id === currentId);
  useEffect(() => {
    const requested = requestedId && !currentId ? views.data?.data.find((v) => v.id === requestedId) : undefined;
    if (requested) onApply(requested);
  }, [requestedId, currentId, views.data]); // eslint-disable-line react-hooks/exhaustive-deps
  const isDirty = Boolean(current?.canEdit && !sameSettings(current.settings, settings));

  const saveChanges = async () => {
    if (!current) return;
    setBusy(true);
    try {
      await request('PATCH', `/api/v1/views/${current.id}`, { settings: { ...settings, filter: settings.filter || undefined } });
      await client.invalidateQueries({ queryKey: ['views', def.name] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Group gap="xs">
      <Select
        aria-label={t('list.views')}
        placeholder={t('list.views')}
        size="xs"
        w={200}
        clearable
        value={currentId}
        data={(views.data?.data ?? []).map((v) => ({ value: v.id, label: `${v.name} · ${t(`lists.visibility.${v.visibility}`)}` }))}
        onChange={(id) => onApply(views.data?.data.find((v) => v.id === id) ?? null)}
      />
      {isDirty && (
        <Button size="xs" variant="light" loading={isBusy} onClick={saveChanges}>
          {t('lists.saveChanges')}
        </Button>
      )}
      <Button size="xs" variant="default" onClick={() => setSaving(true)}>
        {t('list.saveView')}
      </Button>
      {isSaving && (
        <SaveViewDialog
          def={def}
          settings={settings}
          isAdmin={me.user.isAdmin}
          onClose={() => setSaving(false)}
          onSaved={async (view) => {
            await client.invalidateQueries({ queryKey: ['views', def.name] });
            setSaving(false);
            onApply(view);
          }}
        />
      )}
    </Group>
  );
}

function SaveViewDialog({ def, settings, isAdmin, onClose, onSaved }: { def: ObjectDef; settings: ViewSettings; isAdmin: boolean; onClose: () => void; onSaved: (view: SavedView) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [visibility, setVisibility] = useState<SavedView['visibility']>('private');
  const [teamId, setTeamId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const teams = useQuery({ queryKey: ['views', 'teams'], queryFn: () => get<{ data: Array<{ id: string; name: string }> }>('/api/v1/views/teams') });
  const teamOptions = (teams.data?.data ?? []).map((team) => ({ value: team.id, label: team.name }));

  const save = async () => {
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = t('form.required');
    if (visibility === 'team' && !teamId) problems.teamId = t('form.required');
    setErrors(problems);
    if (Object.keys(problems).length) return;
    try {
      const body = { objectName: def.name, name: name.trim(), visibility, ...(visibility === 'team' ? { teamId } : {}), settings: { ...settings, filter: settings.filter || undefined } };
      const { data } = await request<SavedView>('POST', '/api/v1/views', body);
      onSaved(data);
    } catch (caught) {
      if (!(caught instanceof ApiError)) return setMessage(t('common.error'));
      setErrors(Object.fromEntries((caught.problem.errors ?? []).map((e) => [e.field, e.message])));
      setMessage(caught.problem.detail ?? caught.message);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('list.saveView')} closeButtonProps={{ 'aria-label': t('lists.close') }}>
      <Stack>
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <TextInput data-autofocus label={t('list.viewName')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} withAsterisk />
        <Radio.Group label={t('lists.shareWith')} value={visibility} onChange={(v) => setVisibility(v as SavedView['visibility'])}>
          <Stack gap={6} mt={6}>
            <Radio value="private" label={t('lists.visibility.private')} />
            <Radio value="team" label={t('lists.visibility.team')} disabled={teamOptions.length === 0} />
            {isAdmin && <Radio value="everyone" label={t('lists.visibility.everyone')} />}
          </Stack>
        </Radio.Group>
        {visibility === 'team' && <Select label={t('lists.team')} data={teamOptions} value={teamId} onChange={setTeamId} error={errors.teamId} withAsterisk />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={save}>{t('common.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
