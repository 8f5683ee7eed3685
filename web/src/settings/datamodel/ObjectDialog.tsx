// Creating a custom object: its labels, singular and plural, in both languages and its plural API
// name (derived from the English plural, editable). It gets a Name field, a menu entry and the list,
// record and form screens every object has.
import { useState } from 'react';
import { SimpleGrid, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../../app/api.ts';
import { refreshDataModel } from './admin-metadata.ts';
import { toApiName } from './field-types.ts';
import { useFormAction } from '../../app/form-problem.ts';
import { FormDialog } from '../../components/FormDialog.tsx';

export function ObjectDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (name: string) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [labels, setLabels] = useState({ en: '', zh: '', pluralEn: '', pluralZh: '' });
  const [name, setName] = useState('');
  const [isNameEdited, setNameEdited] = useState(false);

  const setLabel = (key: keyof typeof labels, value: string) => {
    setLabels((current) => ({ ...current, [key]: value }));
    if (key === 'pluralEn' && !isNameEdited) setName(toApiName(value));
  };

  const form = useFormAction(async () => {
    await request('POST', '/api/v1/metadata/objects', {
      name,
      label: { en: labels.en.trim(), 'zh-CN': labels.zh.trim() },
      labelPlural: { en: labels.pluralEn.trim(), 'zh-CN': labels.pluralZh.trim() },
    });
    await refreshDataModel(client);
    onCreated(name);
  });
  const errors = form.problem?.fields ?? {};

  return (
    <FormDialog
      title={t('settingsData.object.createTitle')}
      size="lg"
      form={form}
      submitLabel={t('settingsData.object.create')}
      onClose={onClose}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('settingsData.object.labelEn')}
          required
          value={labels.en}
          onChange={(e) => setLabel('en', e.currentTarget.value)}
          error={errors['label.en']}
        />
        <TextInput
          label={t('settingsData.object.labelZh')}
          required
          value={labels.zh}
          onChange={(e) => setLabel('zh', e.currentTarget.value)}
          error={errors['label.zh-CN']}
        />
        <TextInput
          label={t('settingsData.object.pluralEn')}
          required
          value={labels.pluralEn}
          onChange={(e) => setLabel('pluralEn', e.currentTarget.value)}
          error={errors['labelPlural.en']}
        />
        <TextInput
          label={t('settingsData.object.pluralZh')}
          required
          value={labels.pluralZh}
          onChange={(e) => setLabel('pluralZh', e.currentTarget.value)}
          error={errors['labelPlural.zh-CN']}
        />
      </SimpleGrid>
      <TextInput
        label={t('settingsData.object.apiName')}
        description={t('settingsData.object.apiNameHint')}
        required
        value={name}
        onChange={(e) => {
          setName(e.currentTarget.value);
          setNameEdited(true);
        }}
        error={errors.name}
      />
    </FormDialog>
  );
}
