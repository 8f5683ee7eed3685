// Adding a custom field to an object: labels in English and Chinese, an API name derived from the
// English label (editable), a type, whether it is required or unique, a pick-list's options and a
// lookup's target. The API's field errors appear on the fields they name.
import { useState } from 'react';
import { Checkbox, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../../app/api.ts';
import { useLabel, type ObjectDef } from '../../app/metadata.ts';
import { refreshDataModel } from './admin-metadata.ts';
import { useCustomFieldTypes, canBeUnique, hasOptions, hasTarget, toApiName, toOptionValue, type FieldSuggestion } from './field-types.ts';
import { OptionsEditor, emptyOption, type OptionDraft } from './OptionsEditor.tsx';
import { useFormAction } from '../../app/form-problem.ts';
import { FormDialog } from '../../components/FormDialog.tsx';

interface Props {
  def: ObjectDef;
  objects: ObjectDef[];
  onClose: () => void;
  onAdded: (fieldName: string) => void;
  /** What the new field starts as (e.g. judged from an import column); the administrator may change it. */
  suggestion?: FieldSuggestion;
}

const hasLatin = (text: string) => /[A-Za-z]/.test(text);

export function FieldDialog({ def, objects, onClose, onAdded, suggestion }: Props) {
  const { t } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const fieldTypes = useCustomFieldTypes();
  const [labelEn, setLabelEn] = useState(suggestion && hasLatin(suggestion.label) ? suggestion.label : '');
  const [labelZh, setLabelZh] = useState(suggestion?.label ?? '');
  const [name, setName] = useState(suggestion && hasLatin(suggestion.label) ? toApiName(suggestion.label) : '');
  const [isNameEdited, setNameEdited] = useState(false);
  const [type, setType] = useState<string>(suggestion?.type ?? 'text');
  const [isRequired, setRequired] = useState(false);
  const [isUnique, setUnique] = useState(false);
  const [options, setOptions] = useState<OptionDraft[]>(() =>
    suggestion?.options?.length
      ? suggestion.options.map((word, i) => ({ value: toOptionValue(word) || `option_${i + 1}`, en: word, zh: word, isValueEdited: false }))
      : [emptyOption(), emptyOption()],
  );
  const [target, setTarget] = useState<string | null>(null);

  const body = () => ({
    name,
    type,
    label: { en: labelEn.trim(), 'zh-CN': labelZh.trim() },
    ...(isRequired ? { isRequired } : {}),
    ...(isUnique && canBeUnique(type) ? { isUnique } : {}),
    ...(hasOptions(type) ? { options: options.map((o) => ({ value: o.value, label: { en: o.en.trim(), 'zh-CN': o.zh.trim() } })) } : {}),
    ...(hasTarget(type) ? { target: target ?? '' } : {}),
  });

  const form = useFormAction(async () => {
    await request('POST', `/api/v1/metadata/objects/${def.name}/fields`, body());
    await refreshDataModel(client);
    onAdded(name);
  });
  const errors = form.problem?.fields ?? {};

  return (
    <FormDialog
      title={t('settingsData.field.addTitle', { object: pick(def.label) })}
      size="xl"
      form={form}
      submitLabel={t('settingsData.field.add')}
      onClose={onClose}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('settingsData.field.labelEn')}
          required
          value={labelEn}
          onChange={(e) => {
            const text = e.currentTarget.value;
            setLabelEn(text);
            if (!isNameEdited) setName(toApiName(text));
          }}
          error={errors['label.en'] ?? errors.label}
        />
        <TextInput
          label={t('settingsData.field.labelZh')}
          required
          value={labelZh}
          onChange={(e) => setLabelZh(e.currentTarget.value)}
          error={errors['label.zh-CN']}
        />
        <TextInput
          label={t('settingsData.field.apiName')}
          description={t('settingsData.field.apiNameHint')}
          required
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setNameEdited(true);
          }}
          error={errors.name}
        />
        <Select
          label={t('settingsData.field.type')}
          required
          allowDeselect={false}
          data={fieldTypes.map((value) => ({ value, label: t(`settingsData.types.${value}`) }))}
          value={type}
          onChange={(value) => setType(value ?? 'text')}
          error={errors.type}
        />
      </SimpleGrid>
      <Group>
        <Checkbox
          label={t('settingsData.field.isRequired')}
          checked={isRequired}
          onChange={(e) => setRequired(e.currentTarget.checked)}
          error={errors.isRequired}
        />
        {canBeUnique(type) && (
          <Checkbox
            label={t('settingsData.field.isUnique')}
            checked={isUnique}
            onChange={(e) => setUnique(e.currentTarget.checked)}
            error={errors.isUnique}
          />
        )}
      </Group>
      {hasOptions(type) && <OptionsEditor options={options} onChange={setOptions} errors={errors} />}
      {hasTarget(type) && (
        <Select
          label={t('settingsData.field.target')}
          required
          searchable
          data={objects.map((o) => ({ value: o.name, label: pick(o.labelPlural) }))}
          value={target}
          onChange={setTarget}
          error={errors.target}
        />
      )}
    </FormDialog>
  );
}
