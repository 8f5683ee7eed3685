// Settings › Objects and fields: every object, standard or custom, with its fields; custom fields are
// added and deleted here, and custom objects created. The object shown is in the address (?object=).
import { useState } from 'react';
import { ActionIcon, Badge, Button, Code, Group, NavLink, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLabel, useObjects, type FieldDef } from '../app/metadata.ts';
import { DeleteFieldDialog } from './datamodel/DeleteFieldDialog.tsx';
import { FieldDialog } from './datamodel/FieldDialog.tsx';
import { ObjectDialog } from './datamodel/ObjectDialog.tsx';
import { Empty, LoadError, Loading } from './datamodel/QueryStatus.tsx';

export default function ObjectsScreen() {
  const { t } = useTranslation();
  const pick = useLabel();
  const metadata = useObjects();
  const [params, setParams] = useSearchParams();
  const [isAddingField, setAddingField] = useState(false);
  const [isCreatingObject, setCreatingObject] = useState(false);
  const [deleting, setDeleting] = useState<FieldDef | null>(null);
  const [notice, setNotice] = useState('');

  if (metadata.isPending) return <Loading rows={8} />;
  if (metadata.isError) return <LoadError onRetry={() => void metadata.refetch()} />;
  const objects = [...metadata.data.values()];
  if (!objects.length) return <Empty>{t('settingsData.object.none')}</Empty>;
  const def = objects.find((o) => o.name === params.get('object')) ?? objects[0]!;
  const choose = (name: string) => setParams({ object: name }, { replace: true });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>{t('settings.sections.objects')}</Title>
        <Button variant="light" onClick={() => setCreatingObject(true)}>
          {t('settingsData.object.createTitle')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" aria-live="polite">
        {notice || t('settingsData.object.hint')}
      </Text>
      <Group align="flex-start" gap="lg" wrap="wrap">
        <Stack gap={2} w={200} component="ul" aria-label={t('settingsData.object.list')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {objects.map((o) => (
            <li key={o.name}>
              <NavLink
                component="button"
                label={pick(o.labelPlural)}
                description={o.isCustom ? t('settingsData.custom') : undefined}
                active={o.name === def.name}
                aria-current={o.name === def.name ? 'true' : undefined}
                onClick={() => choose(o.name)}
              />
            </li>
          ))}
        </Stack>
        <Stack style={{ flex: 1, minWidth: 320 }} gap="sm">
          <Group justify="space-between">
            <div>
              <Title order={4}>{pick(def.labelPlural)}</Title>
              <Text size="sm" c="dimmed">
                {t('settingsData.object.apiNameIs', { name: def.name })}
              </Text>
            </div>
            {!def.isReadOnly && <Button onClick={() => setAddingField(true)}>{t('settingsData.field.addTitle', { object: pick(def.label) })}</Button>}
          </Group>
          <Table.ScrollContainer minWidth={560}>
            <Table striped aria-label={t('settingsData.field.tableLabel', { object: pick(def.labelPlural) })}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('settingsData.field.label')}</Table.Th>
                  <Table.Th>{t('settingsData.field.apiName')}</Table.Th>
                  <Table.Th>{t('settingsData.field.type')}</Table.Th>
                  <Table.Th>{t('settingsData.field.isRequired')}</Table.Th>
                  <Table.Th>{t('settingsData.field.isUnique')}</Table.Th>
                  <Table.Th>{t('settingsData.field.kind')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('settingsData.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {def.fields.map((field) => (
                  <Table.Tr key={field.name}>
                    <Table.Td>{pick(field.label)}</Table.Td>
                    <Table.Td>
                      <Code>{field.name}</Code>
                    </Table.Td>
                    <Table.Td>{t(`settingsData.types.${field.type}`)}</Table.Td>
                    <Table.Td>{field.isRequired ? t('settingsData.yes') : '—'}</Table.Td>
                    <Table.Td>{field.isUnique || field.isExternalId ? t('settingsData.yes') : '—'}</Table.Td>
                    <Table.Td>
                      {field.isCustom ? (
                        <Badge variant="filled" color="teal.9">
                          {t('settingsData.custom')}
                        </Badge>
                      ) : (
                        <Text size="sm">{t('settingsData.standard')}</Text>
                      )}
                    </Table.Td>
                    <Table.Td w={48}>
                      {field.isCustom && field.name !== def.titleField && (
                        <ActionIcon variant="subtle" color="red.9" onClick={() => setDeleting(field)} aria-label={t('settingsData.field.deleteTitle', { field: pick(field.label) })}>
                          <IconTrash size={16} />
                        </ActionIcon>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      </Group>
      {isAddingField && (
        <FieldDialog
          def={def}
          objects={objects}
          onClose={() => setAddingField(false)}
          onAdded={(name) => {
            setAddingField(false);
            setNotice(t('settingsData.field.added', { name }));
          }}
        />
      )}
      {deleting && (
        <DeleteFieldDialog
          def={def}
          field={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setNotice(t('settingsData.field.deleted', { name: deleting.name }));
            setDeleting(null);
          }}
        />
      )}
      {isCreatingObject && (
        <ObjectDialog
          onClose={() => setCreatingObject(false)}
          onCreated={(name) => {
            setCreatingObject(false);
            setNotice(t('settingsData.object.created', { name }));
            choose(name);
          }}
        />
      )}
    </Stack>
  );
}
