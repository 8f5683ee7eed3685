// The editor of one list cell, mounted only while the cell is edited: Enter (or Save) sends a PATCH
// with If-Match, Esc cancels. The change shows at once and is rolled back when the server refuses it;
// the server's field error stays under the input, and a record changed meanwhile offers reload or overwrite.
// A record the user may only read (a read-only share), or that is locked, says so instead of an input.
import { useState, type KeyboardEvent } from 'react';
import { Button, Group, Paper, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useLanguage } from '../i18n/use-language.ts';
import { ApiError, request } from '../app/api.ts';
import { useLabel, type FieldDef, type ObjectDef } from '../app/metadata.ts';
import { FieldInput } from './FieldInput.tsx';
import { fieldErrorText } from './field-errors.ts';
import { replaceRow, type RecordRow } from './useRecordList.ts';
import { useRecordLock } from './record-lock.ts';

interface Props {
  def: ObjectDef;
  field: FieldDef;
  row: RecordRow;
  /** The editor opens leftwards from the last column, so it stays inside the grid. */
  isLastColumn?: boolean;
  /** Called when the edit ends: saved, cancelled or reloaded. */
  onClose: () => void;
}

/** The value to send for a value as read (a phone is written as typed). */
const writable = (field: FieldDef, value: unknown) => (value && typeof value === 'object' && field.type === 'phone' ? (value as { original: string }).original : value);

/** The floating editor over a cell; its save is checked against the record as it was when editing began. */
export function CellEditor({ def, field, row, isLastColumn, onClose }: Props) {
  const { t, language } = useLanguage();
  const client = useQueryClient();
  const pick = useLabel();
  // The record as it was when editing began: a save is checked against that version, even if the
  // list refreshed meanwhile with someone else's change.
  const [base] = useState<RecordRow>(row);
  const [draft, setDraft] = useState<unknown>(() => row[field.name] ?? null);
  const [error, setError] = useState<string | null>(null);
  // The record as the other person saved it, when a save found it changed (412).
  const [conflict, setConflict] = useState<RecordRow | null>(null);
  const isConflict = conflict !== null;
  const [isBusy, setBusy] = useState(false);
  const lock = useRecordLock(def.name, row.id);
  const refusal = !lock.data ? null : lock.data.isLocked ? (lock.data.detail ?? t('record.lockedTitle')) : lock.data.canEdit ? null : t('lists.readOnlyRecord');

  const save = async (version = base.version) => {
    if (refusal) return onClose();
    const value = writable(field, draft);
    if (JSON.stringify(value ?? null) === JSON.stringify(writable(field, base[field.name]) ?? null) && version === base.version) return onClose();
    setBusy(true);
    setError(null);
    // Shown at once; the saved record (or the old one) replaces it when the server answers.
    replaceRow(client, def.name, { ...row, [field.name]: draft });
    const before = row;
    try {
      const { data } = await request<RecordRow>('PATCH', `/api/v1/${def.name}/${row.id}`, { [field.name]: value }, { 'if-match': `"${version}"` });
      replaceRow(client, def.name, data);
      client.setQueryData(['record', def.name, data.id], data);
      onClose();
    } catch (caught) {
      replaceRow(client, def.name, before);
      if (caught instanceof ApiError && caught.status === 412) {
        const latest = await request<RecordRow>('GET', `/api/v1/${def.name}/${row.id}`).catch(() => null);
        if (latest) setConflict(latest.data);
        else setError(t('lists.conflict'));
      } else if (caught instanceof ApiError) {
        const problem = caught.problem.errors?.find((e) => e.field === field.name) ?? caught.problem.errors?.[0];
        setError(problem ? fieldErrorText(t, language, problem) : caught.message);
      } else setError(t('common.error'));
    } finally {
      setBusy(false);
    }
  };
  const overwrite = async () => {
    const version = conflict?.version;
    setConflict(null);
    await save(version);
  };
  const reload = () => {
    if (conflict) replaceRow(client, def.name, conflict);
    onClose();
  };
  const changedFields = conflict ? def.fields.filter((f) => JSON.stringify(conflict[f.name] ?? null) !== JSON.stringify(base[f.name] ?? null)) : [];
  const onEditorKey = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'Enter' && !event.shiftKey) {
      // Enter inside an open option list picks the option; elsewhere it saves.
      const target = event.target as HTMLElement;
      if (target.getAttribute('aria-expanded') === 'true') return;
      event.preventDefault();
      void save();
    }
  };

  const frame = { position: 'absolute', top: -2, ...(isLastColumn ? { right: -2 } : { left: -2 }), minWidth: 'calc(100% + 4px)', width: 320, zIndex: 5 } as const;
  if (refusal) {
    return (
      <Paper data-editor shadow="md" withBorder p="xs" onKeyDown={onEditorKey} onDoubleClick={(e) => e.stopPropagation()} style={frame}>
        <Text size="sm" role="alert">
          {refusal}
        </Text>
        <Group mt={6} justify="flex-end">
          <Button size="xs" variant="default" onClick={onClose} autoFocus>
            {t('common.close')}
          </Button>
        </Group>
      </Paper>
    );
  }

  return (
    <Paper data-editor shadow="md" withBorder p="xs" onKeyDown={onEditorKey} onDoubleClick={(e) => e.stopPropagation()} style={frame}>
      <FieldInput isCompact field={field} value={draft} onChange={setDraft} error={error ?? undefined} />
      {isConflict && (
        <Text size="xs" c="red.8" mt={4} role="alert">
          {t('lists.conflict')} {t('form.changedFields', { fields: changedFields.map((f) => pick(f.label)).join(t('common.listSeparator')) || '—' })}
        </Text>
      )}
      <Group gap={4} mt={6} justify="flex-end" wrap="wrap" preventGrowOverflow={false}>
        {isConflict ? (
          <>
            <Button size="xs" variant="default" onClick={reload}>
              {t('form.reload')}
            </Button>
            <Button size="xs" color="red.9" onClick={overwrite}>
              {t('form.overwrite')}
            </Button>
          </>
        ) : (
          <>
            <Button size="xs" variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button size="xs" loading={isBusy} disabled={lock.isPending} onClick={() => save()}>
              {t('common.save')}
            </Button>
          </>
        )}
      </Group>
    </Paper>
  );
}
