// The org-wide default of each object: who sees a record besides its owner, their managers and those
// it is shared with. A choice is saved at once and announced.
import { useState } from 'react';
import { Select, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../../app/api.ts';
import { useLabel, type ObjectDef } from '../../app/metadata.ts';
import { isOwnedChild, refreshDataModel, type AccessDefault } from './admin-metadata.ts';
import { formProblem } from '../../app/form-problem.ts';

const ACCESS_DEFAULTS: AccessDefault[] = ['private', 'publicRead', 'publicReadWrite'];

export function AccessDefaults({ objects }: { objects: ObjectDef[] }) {
  const { t } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const [saving, setSaving] = useState<string | null>(null);
  const shareable = objects.filter((o) => !o.isReadOnly);

  const change = async (def: ObjectDef, access: AccessDefault) => {
    setSaving(def.name);
    setStatus('');
    try {
      await request('PUT', `/api/v1/admin/objects/${def.name}/access`, { default: access });
      setErrors((current) => Object.fromEntries(Object.entries(current).filter(([name]) => name !== def.name)));
      await refreshDataModel(client);
      setStatus(t('settingsData.sharing.defaultSaved', { object: pick(def.labelPlural), access: t(`settingsData.sharing.access.${access}`) }));
    } catch (caught) {
      const problem = formProblem(caught, t('common.error'));
      setErrors((current) => ({ ...current, [def.name]: problem.fields.default ?? problem.message ?? t('common.error') }));
    } finally {
      setSaving(null);
    }
  };

  return (
    <>
      <Text size="sm" c="dimmed">
        {t('settingsData.sharing.defaultsHint')}
      </Text>
      <Table aria-label={t('settingsData.sharing.defaultsTitle')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settingsData.sharing.object')}</Table.Th>
            <Table.Th>{t('settingsData.sharing.defaultAccess')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shareable.map((def) => (
            <Table.Tr key={def.name}>
              <Table.Td>{pick(def.labelPlural)}</Table.Td>
              <Table.Td>
                {isOwnedChild(def) ? (
                  <Text size="sm">{t('settingsData.sharing.followsParent')}</Text>
                ) : (
                  <Select
                    aria-label={t('settingsData.sharing.defaultFor', { object: pick(def.labelPlural) })}
                    size="xs"
                    w={220}
                    allowDeselect={false}
                    disabled={saving === def.name}
                    data={ACCESS_DEFAULTS.map((value) => ({ value, label: t(`settingsData.sharing.access.${value}`) }))}
                    value={def.access.default ?? 'private'}
                    onChange={(value) => value && value !== def.access.default && void change(def, value as AccessDefault)}
                    error={errors[def.name]}
                  />
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" role="status" aria-live="polite">
        {status}
      </Text>
    </>
  );
}
