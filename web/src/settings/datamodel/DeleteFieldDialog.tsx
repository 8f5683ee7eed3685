// Deleting a custom field asks first: its values in every record go with it.
import { Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../../app/api.ts';
import { useLabel, type FieldDef, type ObjectDef } from '../../app/metadata.ts';
import { useFormAction } from '../../app/form-problem.ts';
import { FormDialog } from '../../components/FormDialog.tsx';
import { refreshDataModel } from './admin-metadata.ts';

interface Props {
  def: ObjectDef;
  field: FieldDef;
  onClose: () => void;
  onDeleted: () => void;
}

export function DeleteFieldDialog({ def, field, onClose, onDeleted }: Props) {
  const { t } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const form = useFormAction(async () => {
    await request('DELETE', `/api/v1/metadata/objects/${def.name}/fields/${field.name}`);
    await refreshDataModel(client);
    onDeleted();
  });
  return (
    <FormDialog
      title={t('settingsData.field.deleteTitle', { field: pick(field.label) })}
      form={form}
      submitLabel={t('settingsData.field.delete')}
      isDanger
      onClose={onClose}
    >
      <Text size="sm">{t('settingsData.field.deleteText', { field: pick(field.label), object: pick(def.labelPlural) })}</Text>
    </FormDialog>
  );
}
