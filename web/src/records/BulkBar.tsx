// Actions on the selected rows through the bulk API, all or nothing: set one field on all of them, or
// move them to the recycle bin. The outcome is summed up in a line (or the first problems named).
import { Suspense, lazy, memo, useState } from 'react';
import { Alert, Button, Group, Loader, Modal, Paper, Select, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../app/api.ts';
import { can, useLabel, type ObjectDef } from '../app/metadata.ts';
import { isInlineEditable } from './inline-editable.ts';
import { fieldErrorText } from './field-errors.ts';
import type { RecordRow } from './useRecordList.ts';
import { MergeButton } from '../domains/data/MergeButton.tsx';

const BULK_LIMIT = 500;
// The field inputs load when the bulk edit dialog first shows one, not with the list.
const FieldInput = lazy(() => import('./FieldInput.tsx').then((m) => ({ default: m.FieldInput })));

interface Props {
  def: ObjectDef;
  selected: RecordRow[];
  onClear: () => void;
}

/** Memoized: it renders when the selection does, not with each page of rows the list reads. */
export const BulkBar = memo(function BulkBar({ def, selected, onClear }: Props) {
  const { t, i18n } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);
  const [field, setField] = useState<string | null>(null);
  const [value, setValue] = useState<unknown>(null);
  const [isBusy, setBusy] = useState(false);
  const [summary, setSummary] = useState<{ isError: boolean; text: string } | null>(null);
  const fields = def.fields.filter(isInlineEditable);
  const fieldDef = fields.find((f) => f.name === field);
  const isTooMany = selected.length > BULK_LIMIT;

  const run = async (body: unknown, success: (count: number) => string) => {
    setBusy(true);
    try {
      const { data } = await request<{ count: number }>('POST', `/api/v1/${def.name}/bulk`, body);
      setSummary({ isError: false, text: success(data.count) });
      setDialog(null);
      onClear();
      await client.invalidateQueries({ queryKey: ['list', def.name] });
      await client.invalidateQueries({ queryKey: ['totals', def.name] });
    } catch (caught) {
      const problem = caught instanceof ApiError ? caught.problem : undefined;
      // "records.3.email": the fourth selected record's field.
      const lines = (problem?.errors ?? []).slice(0, 3).map((e) => {
        const [, index, name] = /^records\.(\d+)\.(.+)$/.exec(e.field) ?? [];
        const row = index === undefined ? undefined : selected[Number(index)];
        const label = pick(def.fields.find((f) => f.name === name)?.label) || name || e.field;
        return `${row ? `${String(row[def.titleField] ?? '')} · ` : ''}${label}: ${fieldErrorText(t, i18n.language, e)}`;
      });
      setSummary({ isError: true, text: [problem?.detail ?? t('common.error'), ...lines].join(' — ') });
      setDialog(null);
    } finally {
      setBusy(false);
    }
  };
  const applyEdit = () => {
    if (!field) return;
    void run({ action: 'update', records: selected.map((r) => ({ id: r.id, [field]: value })) }, (count) => t('lists.bulk.updated', { count }));
  };
  const applyDelete = () => void run({ action: 'delete', ids: selected.map((r) => r.id) }, (count) => t('lists.bulk.deleted', { count }));

  return (
    <Stack gap={6}>
      {selected.length > 0 && (
        <Paper withBorder p={6} px="sm" role="toolbar" aria-label={t('lists.bulk.toolbar')}>
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {t('lists.bulk.selected', { count: selected.length })}
            </Text>
            {can(def, 'edit') && !def.isReadOnly && (
              <Button size="xs" variant="light" disabled={isTooMany} onClick={() => setDialog('edit')}>
                {t('lists.bulk.edit')}
              </Button>
            )}
            {can(def, 'delete') && !def.isReadOnly && (
              <Button size="xs" variant="light" color="red.9" disabled={isTooMany} onClick={() => setDialog('delete')}>
                {t('lists.bulk.delete')}
              </Button>
            )}
            <MergeButton def={def} ids={selected.map((r) => r.id)} />
            <Button size="xs" variant="subtle" onClick={onClear}>
              {t('lists.bulk.clear')}
            </Button>
            {isTooMany && (
              <Text size="xs" c="red.8">
                {t('lists.bulk.tooMany', { limit: BULK_LIMIT })}
              </Text>
            )}
          </Group>
        </Paper>
      )}
      {summary && (
        <Alert color={summary.isError ? 'red' : 'green'} role={summary.isError ? 'alert' : 'status'} withCloseButton closeButtonLabel={t('lists.close')} onClose={() => setSummary(null)}>
          {summary.text}
        </Alert>
      )}
      <Modal opened={dialog === 'edit'} onClose={() => setDialog(null)} title={t('lists.bulk.editTitle', { count: selected.length })} closeButtonProps={{ 'aria-label': t('lists.close') }}>
        <Stack>
          <Select
            label={t('lists.bulk.field')}
            data={fields.map((f) => ({ value: f.name, label: pick(f.label) }))}
            value={field}
            onChange={(next) => {
              setField(next);
              setValue(null);
            }}
            searchable
          />
          {fieldDef && (
            <Suspense fallback={<Loader size="sm" />}>
              <FieldInput field={fieldDef} value={value} onChange={setValue} />
            </Suspense>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={applyEdit} disabled={!field} loading={isBusy}>
              {t('lists.bulk.apply')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={dialog === 'delete'} onClose={() => setDialog(null)} title={t('lists.bulk.deleteTitle', { count: selected.length })} closeButtonProps={{ 'aria-label': t('lists.close') }}>
        <Stack>
          <Text size="sm">{t('lists.bulk.deleteText')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="red.9" onClick={applyDelete} loading={isBusy}>
              {t('lists.bulk.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
});
