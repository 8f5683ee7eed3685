// Adds a relationship from the record on screen to another account or contact. The other end is a
// lookup into the kind chosen, the type one of the active types; the rest are the object's own fields.
import { useState } from 'react';
import { Button, Group, Modal, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../app/api.ts';
import { useLabel, type FieldDef, type ObjectDef } from '../../app/metadata.ts';
import { FieldInput } from '../../records/FieldInput.tsx';
import { typeLabel, type NodeObject, type RelationshipType } from './network-api.ts';

interface Props {
  def: ObjectDef;
  from: { object: NodeObject; id: string };
  types: RelationshipType[];
  onClose: () => void;
}

const detailFields = ['direction', 'strength', 'source', 'startDate', 'endDate', 'note'];

export function AddRelationship({ def, from, types, onClose }: Props) {
  const { t } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const [toObject, setToObject] = useState<NodeObject>('accounts');
  const [values, setValues] = useState<Record<string, unknown>>({ direction: 'directed', strength: 3 });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [isSaving, setSaving] = useState(false);
  const toField: FieldDef = { ...(def.fields.find((f) => f.name === 'toId') ?? { name: 'toId', type: 'lookup', label: { en: 'To', 'zh-CN': '终点' } }), targetFrom: undefined, target: toObject };
  const details = detailFields.map((name) => def.fields.find((f) => f.name === name)).filter((f): f is FieldDef => Boolean(f));
  const set = (name: string, value: unknown) => setValues((v) => ({ ...v, [name]: value }));

  const save = async () => {
    setSaving(true);
    try {
      await request('POST', '/api/v1/relationships', { ...values, fromObject: from.object, fromId: from.id, toObject });
      await client.invalidateQueries({ queryKey: ['network'] });
      onClose();
    } catch (caught) {
      const list = caught instanceof ApiError ? (caught.problem.errors ?? []) : [];
      setErrors(list.length ? Object.fromEntries(list.map((e) => [e.field.split('.')[0]!, e.message])) : { form: caught instanceof ApiError ? caught.message : t('common.error') });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('network.add')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="sm">
        <SegmentedControl
          aria-label={t('network.otherKind')}
          value={toObject}
          onChange={(v) => {
            setToObject(v as NodeObject);
            set('toId', null);
          }}
          data={[
            { value: 'accounts', label: t('network.kind.accounts') },
            { value: 'contacts', label: t('network.kind.contacts') },
          ]}
        />
        <FieldInput key={toObject} field={{ ...toField, isRequired: true }} value={values.toId} error={errors.toId} onChange={(v) => set('toId', v)} />
        <Select
          label={pick(def.fields.find((f) => f.name === 'typeId')?.label)}
          withAsterisk
          data={types.map((type) => ({ value: type.id, label: pick(typeLabel(type)) }))}
          value={(values.typeId as string) ?? null}
          onChange={(v) => set('typeId', v)}
          error={errors.typeId}
          searchable
        />
        {details.map((field) => (
          <FieldInput key={field.name} field={field} value={values[field.name]} error={errors[field.name]} onChange={(v) => set(field.name, v)} />
        ))}
        {errors.form && <Text c="red.8">{errors.form}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={save} loading={isSaving}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
