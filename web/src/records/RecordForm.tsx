// Create or edit a record in a dialog generated from the object's definition. Values are checked in the
// browser against the JSON Schema the API publishes before anything is sent; the server's field errors
// appear on their fields too, and a record someone else changed meanwhile gets a clear choice.
import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../app/api.ts';
import { useLabel, type ObjectDef } from '../app/metadata.ts';
import { FieldInput } from './FieldInput.tsx';
import type { RecordRow } from './useRecordList.ts';
import { fieldErrorText, type FieldError } from './field-errors.ts';
import { useSchemaCheck } from './useSchemaCheck.ts';
import { DuplicateWarning } from '../domains/data/DuplicateWarning.tsx';

interface Props {
  def: ObjectDef;
  record?: RecordRow;
  /** Values a new record starts with (e.g. the account it is created from). */
  initial?: Record<string, unknown>;
  onClose: () => void;
  /** Called with the saved record instead of opening a new record's page. */
  onSaved?: (record: RecordRow) => void;
}

/** What the API expects back for a value as read (phones and amounts are written as text). */
function writable(type: string, value: unknown): unknown {
  if (value && typeof value === 'object' && type === 'phone') return (value as { original: string }).original;
  return value;
}

export function RecordForm({ def, record: liveRecord, initial = {}, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const check = useSchemaCheck(def.name);
  const navigate = useNavigate();
  // The record as it was when the form opened: live updates refresh the page behind the dialog, but a
  // save must still be checked against the version the user started from, or it would silently
  // overwrite what someone else changed meanwhile.
  const [record] = useState(liveRecord);
  const editable = def.fields.filter((f) => !f.isReadOnly);
  // A new record's form shows the defaults it would get anyway (a required pick-list is not left blank).
  const [values, setValues] = useState<Record<string, unknown>>(() =>
    record ? { ...record } : { ...Object.fromEntries(editable.filter((f) => f.default !== undefined).map((f) => [f.name, f.default])), ...initial },
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState<RecordRow | null>(null);
  const [busy, setBusy] = useState(false);

  const changed = () => {
    const body: Record<string, unknown> = {};
    for (const field of editable) {
      const value = writable(field.type, values[field.name]);
      const before = record ? writable(field.type, record[field.name]) : undefined;
      if (value === undefined || JSON.stringify(value ?? null) === JSON.stringify(before ?? null)) continue;
      if (!record && (value === null || value === '')) continue;
      body[field.name] = value;
    }
    return body;
  };

  // Errors by top-level field (annualRevenue.amount is shown on annualRevenue), in the screen's language.
  const byField = (list: FieldError[]) => {
    const out: Record<string, string> = {};
    for (const e of list) {
      const name = e.field.split('.')[0]!;
      const isEmptyRequired = editable.some((f) => f.name === name && f.isRequired) && (values[name] === null || values[name] === '' || values[name] === undefined);
      out[name] ??= isEmptyRequired ? t('form.required') : fieldErrorText(t, i18n.language, e);
    }
    return out;
  };
  const browserErrors = (): Record<string, string> => {
    if (check) return byField(check(record ? 'update' : 'create', changed()));
    // Until the schema has loaded, at least the required fields are checked here.
    const missing = editable.filter((f) => f.isRequired && (values[f.name] === undefined || values[f.name] === null || values[f.name] === ''));
    return Object.fromEntries(missing.map((f) => [f.name, t('form.required')]));
  };
  // Once errors show, they follow the user's corrections as they type.
  const hasErrors = Object.keys(errors).length > 0;
  useEffect(() => {
    if (hasErrors && check) setErrors(browserErrors());
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-checked when the values change
  }, [values]);

  const save = async (event?: FormEvent, overwriteVersion?: number) => {
    event?.preventDefault();
    const found = browserErrors();
    if (Object.keys(found).length) {
      setErrors(found);
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const version = overwriteVersion ?? record?.version;
      const { data } = record
        ? await request<RecordRow>('PATCH', `/api/v1/${def.name}/${record.id}`, changed(), { 'if-match': `"${version}"` })
        : await request<RecordRow>('POST', `/api/v1/${def.name}`, changed());
      await client.invalidateQueries({ queryKey: ['list', def.name] });
      client.setQueryData(['record', def.name, data.id], data);
      onClose();
      if (onSaved) onSaved(data);
      else if (!record) navigate(`/${def.name}/${data.id}`);
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 412 && record) {
        const { data } = await request<RecordRow>('GET', `/api/v1/${def.name}/${record.id}`);
        setConflict(data);
      } else if (caught instanceof ApiError) {
        setErrors(byField(caught.problem.errors ?? []));
        setMessage(caught.problem.detail ?? caught.message);
      } else {
        setMessage(t('common.error'));
      }
    } finally {
      setBusy(false);
    }
  };

  const conflictFields = conflict ? editable.filter((f) => JSON.stringify(conflict[f.name] ?? null) !== JSON.stringify(record?.[f.name] ?? null)) : [];

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('common.close') }} size="xl" title={record ? t('form.edit', { object: pick(def.label) }) : t('form.new', { object: pick(def.label) })}>
      {conflict ? (
        <Stack role="alertdialog" aria-label={t('form.conflictTitle')}>
          <Alert color="red" title={t('form.conflictTitle')}>
            {t('form.conflictText')}
          </Alert>
          <Text size="sm">{t('form.changedFields', { fields: conflictFields.map((f) => pick(f.label)).join(t('common.listSeparator')) || '—' })}</Text>
          <Group justify="flex-end">
            <Button
              variant="default"
              onClick={() => {
                client.setQueryData(['record', def.name, conflict.id], conflict);
                onClose();
              }}
            >
              {t('form.reload')}
            </Button>
            <Button color="red.9" onClick={() => { setConflict(null); void save(undefined, conflict.version); }}>
              {t('form.overwrite')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={save} noValidate>
          <Stack>
            {message && (
              <Alert color="red" role="alert">
                {message}
              </Alert>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {editable.map((field) => (
                <FieldInput
                  key={field.name}
                  field={field}
                  value={values[field.name]}
                  error={errors[field.name]}
                  onChange={(value) => setValues((v) => ({ ...v, [field.name]: value }))}
                />
              ))}
            </SimpleGrid>
            {!record && <DuplicateWarning def={def} values={changed()} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={busy}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
