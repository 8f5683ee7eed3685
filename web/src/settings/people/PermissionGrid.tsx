// A role's object permissions as a grid: one row per object (and one for every other object, custom
// ones included), one column per action. An object without its own row follows "other objects".
import { Button, Checkbox, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLabel, type ObjectDef } from '../../app/metadata.ts';
import type { RolePermissions } from './admin-api.ts';
import { OTHER_OBJECTS, actionsOf, isListed, objectActions, withAction, withDefaultActions } from './permissions.ts';
import { ScrollRegion } from './ScrollRegion.tsx';

interface Props {
  objects: ObjectDef[];
  permissions: RolePermissions;
  isLocked: boolean;
  onChange: (next: RolePermissions) => void;
}

/** The objects × actions grid of check boxes. */
export function PermissionGrid({ objects, permissions, isLocked, onChange }: Props) {
  const { t } = useTranslation();
  const pick = useLabel();
  const rows = [{ name: OTHER_OBJECTS, label: t('settingsPeople.roles.otherObjects') }, ...objects.map((def) => ({ name: def.name, label: pick(def.labelPlural) }))];
  return (
    <ScrollRegion label={t('settingsPeople.roles.objectPermissions')}>
      <Table miw={1040} verticalSpacing={4} withRowBorders>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settingsPeople.roles.object')}</Table.Th>
            {objectActions.map((action) => (
              <Table.Th key={action} ta="center" fz="xs">
                {t(`settingsPeople.actionNames.${action}`)}
              </Table.Th>
            ))}
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const actions = actionsOf(permissions, row.name);
            const isOwn = isListed(permissions, row.name);
            return (
              <Table.Tr key={row.name}>
                <Table.Th scope="row" fw={row.name === OTHER_OBJECTS ? 600 : 500}>
                  {row.label}
                  {!isOwn && (
                    <Text size="xs" c="dimmed">
                      {t('settingsPeople.roles.followsOthers')}
                    </Text>
                  )}
                </Table.Th>
                {objectActions.map((action) => (
                  <Table.Td key={action} ta="center">
                    <Checkbox
                      styles={{ body: { justifyContent: 'center' } }}
                      aria-label={t('settingsPeople.roles.cell', { object: row.label, action: t(`settingsPeople.actionNames.${action}`) })}
                      checked={actions.includes(action)}
                      disabled={isLocked}
                      onChange={(e) => onChange(withAction(permissions, row.name, action, e.currentTarget.checked))}
                    />
                  </Table.Td>
                ))}
                <Table.Td>
                  {isOwn && row.name !== OTHER_OBJECTS && !isLocked && (
                    <Button size="compact-xs" variant="subtle" onClick={() => onChange(withDefaultActions(permissions, row.name))} aria-label={t('settingsPeople.roles.resetNamed', { object: row.label })}>
                      {t('settingsPeople.roles.reset')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}
