// Deleting a custom field asks first: its values in every record go with it.
import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../../app/api.ts';
import { useLabel, type FieldDef, type ObjectDef } from '../../app/metadata.ts';
import { refreshDataModel } from './admin-metadata.ts';
import { problemOf } from './problems.ts';

interface Props {
  def: ObjectDef;
  field: FieldDef;
  onClose: () => void;
  onDeleted: () => void;
}

export function DeleteFieldDialog({ def, field, onClose, onDeleted }: Props) {
  const { t, i18n } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    try {
      await request('DELETE', `/api/v1/metadata/objects/${def.name}/fields/${field.name}`);
      await refreshDataModel(client);
      onDeleted();
    } catch (caught) {
      setMessage(problemOf(caught, t, i18n.language).message);
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('common.close') }} title={t('settingsData.field.deleteTitle', { field: pick(field.label) })}>
      <Stack>
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <Text size="sm">{t('settingsData.field.deleteText', { field: pick(field.label), object: pick(def.labelPlural) })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red.9" onClick={() => void remove()} loading={isBusy}>
            {t('settingsData.field.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
