// A role's field security: pick an object, then for each of its fields whether the role may edit it,
// only read it, or not see it at all (the API stores only the read-only and hidden ones).
import { useState } from 'react';
import { NativeSelect, Stack, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLabel, type ObjectDef } from '../../app/metadata.ts';
import type { RolePermissions } from './admin-api.ts';
import { fieldAccessOf, withFieldAccess, type FieldAccess } from './permissions.ts';
import { ScrollRegion } from './ScrollRegion.tsx';

const accesses: FieldAccess[] = ['editable', 'readOnly', 'hidden'];

interface Props {
  objects: ObjectDef[];
  permissions: RolePermissions;
  isLocked: boolean;
  onChange: (next: RolePermissions) => void;
}

/** Per object, per field: editable, read-only or hidden. */
export function FieldSecurity({ objects, permissions, isLocked, onChange }: Props) {
  const { t } = useTranslation();
  const pick = useLabel();
  const [objectName, setObjectName] = useState(objects[0]?.name ?? '');
  const def = objects.find((o) => o.name === objectName);
  const options = accesses.map((access) => ({ value: access, label: t(`settingsPeople.roles.access.${access}`) }));
  return (
    <Stack gap="sm">
      <NativeSelect
        label={t('settingsPeople.roles.fieldsOf')}
        data={objects.map((o) => ({ value: o.name, label: pick(o.labelPlural) }))}
        value={objectName}
        onChange={(e) => setObjectName(e.currentTarget.value)}
        maw={320}
      />
      {def && (
        <ScrollRegion label={t('settingsPeople.roles.fieldSecurity')}>
          <Table miw={360} verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settingsPeople.roles.field')}</Table.Th>
                <Table.Th>{t('settingsPeople.roles.fieldAccess')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {def.fields.map((field) => {
                const access = fieldAccessOf(permissions, def.name, field.name);
                return (
                  <Table.Tr key={field.name}>
                    <Table.Th scope="row" fw={400}>
                      {pick(field.label)}
                    </Table.Th>
                    <Table.Td>
                      <NativeSelect
                        aria-label={t('settingsPeople.roles.fieldAccessOf', { field: pick(field.label) })}
                        data={options}
                        value={access}
                        disabled={isLocked}
                        size="xs"
                        maw={160}
                        onChange={(e) => onChange(withFieldAccess(permissions, def.name, field.name, e.currentTarget.value as FieldAccess))}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
    </Stack>
  );
}
