// One cell of the list. Double-click, Enter or F2 edits it in place (Enter on the title opens the record): Enter (or Save) sends a PATCH with
// If-Match, Esc cancels. The change shows at once and is rolled back when the server refuses it; the
// server's field error stays under the input, and a record changed meanwhile offers reload or overwrite.
import { useState, type KeyboardEvent } from 'react';
import { Anchor, Button, Group, Paper, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useLanguage } from '../i18n/use-language.ts';
import { ApiError, request } from '../app/api.ts';
import { useLabel, type FieldDef, type ObjectDef } from '../app/metadata.ts';
import { FieldInput } from './FieldInput.tsx';
import { FieldValue } from './FieldValue.tsx';
import { fieldErrorText } from './field-errors.ts';
import { replaceRow, type RecordRow } from './useRecordList.ts';

interface Props {
  def: ObjectDef;
  field: FieldDef;
  row: RecordRow;
  titles?: Map<string, string>;
  isEditable: boolean;
  isActive: boolean;
  /** The editor opens leftwards from the last column, so it stays inside the grid. */
  isLastColumn?: boolean;
  cellId: string;
  onFocusCell: () => void;
  /** Editing raises the row above its neighbours so the editor is not hidden under them. */
  onEditingChange: (isEditing: boolean) => void;
}

const cellStyle = { position: 'relative', minWidth: 0, height: '100%', display: 'flex', alignItems: 'center', outlineOffset: -2, padding: '0 var(--mantine-spacing-sm)' } as const;

const NOT_INLINE = new Set(['multiLookup', 'address', 'json', 'autoNumber', 'parent', 'richText', 'longText', 'boolean']);

/** Whether a field can be changed in a list cell. */
export const isInlineEditable = (field: FieldDef) => !field.isReadOnly && !NOT_INLINE.has(field.type) && !field.targetFrom;

/** The value to send for a value as read (a phone is written as typed). */
const writable = (field: FieldDef, value: unknown) => (value && typeof value === 'object' && field.type === 'phone' ? (value as { original: string }).original : value);

export function EditableCell({ def, field, row, titles, isEditable, isActive, isLastColumn, cellId, onFocusCell, onEditingChange }: Props) {
  const { t, language } = useLanguage();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<unknown>(undefined);
  const [isEditing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The record as the other person saved it, when a save found it changed (412).
  const [conflict, setConflict] = useState<RecordRow | null>(null);
  const isConflict = conflict !== null;
  const pick = useLabel();
  const [isBusy, setBusy] = useState(false);
  // The record as it was when editing began: a save is checked against that version, even if the
  // list refreshed meanwhile with someone else's change.
  const [base, setBase] = useState<RecordRow>(row);
  const isTitle = field.name === def.titleField;

  const begin = () => {
    if (!isEditable || isEditing) return;
    setBase(row);
    setDraft(row[field.name] ?? null);
    setError(null);
    setConflict(null);
    setEditing(true);
    onEditingChange(true);
  };
  const finish = () => {
    setEditing(false);
    onEditingChange(false);
    setTimeout(() => document.getElementById(cellId)?.focus());
  };
  const save = async (version = base.version) => {
    const value = writable(field, draft);
    if (JSON.stringify(value ?? null) === JSON.stringify(writable(field, base[field.name]) ?? null) && version === base.version) return finish();
    setBusy(true);
    setError(null);
    // Shown at once; the saved record (or the old one) replaces it when the server answers.
    replaceRow(client, def.name, { ...row, [field.name]: draft });
    const before = row;
    try {
      const { data } = await request<RecordRow>('PATCH', `/api/v1/${def.name}/${row.id}`, { [field.name]: value }, { 'if-match': `"${version}"` });
      replaceRow(client, def.name, data);
      client.setQueryData(['record', def.name, data.id], data);
      finish();
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
    finish();
  };
  const changedFields = conflict ? def.fields.filter((f) => JSON.stringify(conflict[f.name] ?? null) !== JSON.stringify(base[f.name] ?? null)) : [];
  const onEditorKey = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      finish();
    } else if (event.key === 'Enter' && !event.shiftKey) {
      // Enter inside an open option list picks the option; elsewhere it saves.
      const target = event.target as HTMLElement;
      if (target.getAttribute('aria-expanded') === 'true') return;
      event.preventDefault();
      void save();
    }
  };
  // Enter edits a cell, except the title's, where it opens the record like its link; F2 edits any cell.
  const onCellKey = (event: KeyboardEvent) => {
    if (isEditing || (event.key !== 'Enter' && event.key !== 'F2')) return;
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Enter' && isTitle) navigate(`/${def.name}/${row.id}`);
    else begin();
  };

  return (
    // A plain element: a list shows hundreds of these cells and Mantine's Box costs a style pass each.
    <div
      id={cellId}
      role="gridcell"
      tabIndex={isActive ? 0 : -1}
      aria-readonly={!isEditable}
      onFocus={onFocusCell}
      onDoubleClick={begin}
      onKeyDown={onCellKey}
      style={cellStyle}
    >
      <Text size="sm" truncate component="div">
        {isTitle ? (
          <Anchor component={Link} to={`/${def.name}/${row.id}`} tabIndex={-1}>
            {String(row[def.titleField] ?? t('common.untitled'))}
          </Anchor>
        ) : (
          <FieldValue field={field} value={row[field.name]} titles={titles} />
        )}
      </Text>
      {isEditing && (
        <Paper shadow="md" withBorder p="xs" onKeyDown={onEditorKey} onDoubleClick={(e) => e.stopPropagation()} style={{ position: 'absolute', top: -2, ...(isLastColumn ? { right: -2 } : { left: -2 }), minWidth: 'calc(100% + 4px)', width: 320, zIndex: 5 }}>
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
                <Button size="xs" variant="default" onClick={finish}>
                  {t('common.cancel')}
                </Button>
                <Button size="xs" loading={isBusy} onClick={() => save()}>
                  {t('common.save')}
                </Button>
              </>
            )}
          </Group>
        </Paper>
      )}
    </div>
  );
}
