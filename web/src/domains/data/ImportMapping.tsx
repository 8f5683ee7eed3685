// The import's settings before it runs: how the file reads (encoding and delimiter, detected and
// changeable), which column fills which field (suggested by the server), how rows find existing
// records, how values are read, and — after a dry run — the file's own pick-list words mapped to options.
import { useState } from 'react';
import { ActionIcon, Checkbox, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLabel, useObjects } from '../../app/metadata.ts';
import { useSession } from '../../app/session.tsx';
import { FieldDialog } from '../../settings/datamodel/FieldDialog.tsx';
import { suggestFieldFor } from './column-field.ts';
import { delimiters, encodings, type ImportRun, type ImportSettings } from './imports.ts';
import { SavedMappings } from './SavedMappings.tsx';

interface Props {
  run: ImportRun;
  settings: ImportSettings;
  onSettings: (settings: ImportSettings) => void;
  onSource: (source: { encoding: string; delimiter: string }) => void;
  /** Per field, the file's values that match no option (from the last dry run). */
  unknownOptions: Record<string, string[]>;
}

const skip = '';

export function ImportMapping({ run, settings, onSettings, onSource, unknownOptions }: Props) {
  const { t } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const { user } = useSession();
  const { data: objects } = useObjects();
  const def = objects?.get(run.object);
  // An administrator may give an unmapped column a field of its own, right here.
  const [newFieldFor, setNewFieldFor] = useState<{ title: string; index: number } | null>(null);
  const fieldOf = (name: string) => run.fields.find((f) => f.name === name);
  const fieldChoices = [{ value: skip, label: t('imports.skipColumn') }, ...run.fields.map((f) => ({ value: f.name, label: `${pick(f.label)}${f.isRequired ? ' *' : ''}` }))];
  const keyLabel = (key: string[]) => key.map((name) => pick(fieldOf(name)?.label)).join(' + ');
  const setColumn = (title: string, field: string | null) => {
    const columns = { ...settings.columns };
    if (field) columns[title] = field;
    else delete columns[title];
    onSettings({ ...settings, columns });
  };
  const setOption = (field: string, value: string, option: string | null) => {
    const forField = { ...settings.optionMap[field] };
    if (option) forField[value] = option;
    else delete forField[value];
    onSettings({ ...settings, optionMap: { ...settings.optionMap, [field]: forField } });
  };
  const delimiterLabel = (d: string) => t(`imports.delimiter.${{ ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' }[d] ?? 'comma'}`);

  return (
    <Stack gap="md">
      {run.source.format === 'csv' && (
        <section aria-label={t('imports.reading')}>
          <Title order={2} size="h4" mb="xs">
            {t('imports.reading')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} maw={560}>
            <Select
              label={t('imports.encoding')}
              description={t('imports.detected')}
              data={encodings.map((e) => ({ value: e, label: t(`imports.encodings.${e}`) }))}
              value={run.source.encoding}
              allowDeselect={false}
              onChange={(encoding) => encoding && onSource({ encoding, delimiter: run.source.delimiter })}
            />
            <Select
              label={t('imports.delimiterLabel')}
              description={t('imports.detected')}
              data={delimiters.map((d) => ({ value: d, label: delimiterLabel(d) }))}
              value={run.source.delimiter}
              allowDeselect={false}
              onChange={(delimiter) => delimiter && onSource({ encoding: run.source.encoding, delimiter })}
            />
          </SimpleGrid>
        </section>
      )}
      <section aria-label={t('imports.mapping')}>
        <Title order={2} size="h4" mb="xs">
          {t('imports.mapping')}
        </Title>
        <SavedMappings run={run} settings={settings} onSettings={onSettings} />
        <Table.ScrollContainer minWidth={420}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.column')}</Table.Th>
                <Table.Th>{t('imports.example')}</Table.Th>
                <Table.Th>{t('imports.field')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {run.source.header.map((title, index) => (
                <Table.Tr key={`${index}-${title}`}>
                  <Table.Td>{title}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={1}>
                      {run.source.sample[0]?.[index] ?? ''}
                    </Text>
                  </Table.Td>
                  <Table.Td miw={180}>
                    <Group gap={4} wrap="nowrap">
                      <Select
                        aria-label={t('imports.fieldFor', { column: title })}
                        data={fieldChoices}
                        value={settings.columns[title] ?? skip}
                        onChange={(value) => setColumn(title, value)}
                        searchable
                        allowDeselect={false}
                        style={{ flex: 1 }}
                      />
                      {user.isAdmin && def && !settings.columns[title] && (
                        <ActionIcon variant="default" size="lg" aria-label={t('imports.newFieldFor', { column: title })} onClick={() => setNewFieldFor({ title, index })}>
                          <IconPlus size={16} />
                        </ActionIcon>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </section>
      <section aria-label={t('imports.matching')}>
        <Title order={2} size="h4" mb="xs">
          {t('imports.matching')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} maw={560}>
          <Select
            label={t('imports.matchMode')}
            data={(['create', 'update', 'upsert'] as const).map((mode) => ({ value: mode, label: t(`imports.modes.${mode}`) }))}
            value={settings.matchMode}
            allowDeselect={false}
            onChange={(mode) => mode && onSettings({ ...settings, matchMode: mode as ImportSettings['matchMode'], matchBy: mode === 'create' ? [] : settings.matchBy.length ? settings.matchBy : (run.matchKeys[0] ?? []) })}
          />
          {settings.matchMode !== 'create' && (
            <Select
              label={t('imports.matchBy')}
              data={run.matchKeys.map((key) => ({ value: key.join(','), label: keyLabel(key) }))}
              value={settings.matchBy.join(',') || null}
              allowDeselect={false}
              onChange={(key) => key && onSettings({ ...settings, matchBy: key.split(',') })}
            />
          )}
        </SimpleGrid>
      </section>
      <section aria-label={t('imports.values')}>
        <Title order={2} size="h4" mb="xs">
          {t('imports.values')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} maw={720}>
          <Select
            label={t('imports.dateOrder')}
            description={t('imports.dateHint')}
            data={(['ymd', 'dmy', 'mdy'] as const).map((order) => ({ value: order, label: t(`imports.dateOrders.${order}`) }))}
            value={settings.dateOrder}
            allowDeselect={false}
            onChange={(order) => order && onSettings({ ...settings, dateOrder: order as ImportSettings['dateOrder'] })}
          />
          <TextInput
            label={t('imports.phoneRegion')}
            description={t('imports.phoneRegionHint')}
            value={settings.phoneRegion}
            maxLength={2}
            onChange={(e) => onSettings({ ...settings, phoneRegion: e.currentTarget.value.toUpperCase() })}
          />
          <Checkbox mt="lg" label={t('imports.trim')} checked={settings.trim} onChange={(e) => onSettings({ ...settings, trim: e.currentTarget.checked })} />
        </SimpleGrid>
      </section>
      {Object.keys(unknownOptions).length > 0 && (
        <section aria-label={t('imports.optionMapping')}>
          <Title order={2} size="h4" mb={4}>
            {t('imports.optionMapping')}
          </Title>
          <Text size="sm" c="dimmed" mb="xs">
            {t('imports.optionMappingHint')}
          </Text>
          <Stack gap="xs" maw={560}>
            {Object.entries(unknownOptions).flatMap(([field, values]) =>
              values.map((value) => (
                <Group key={`${field}-${value}`} grow wrap="nowrap">
                  <Text size="sm">
                    {pick(fieldOf(field)?.label)}: {value}
                  </Text>
                  <Select
                    aria-label={t('imports.optionFor', { value })}
                    data={(fieldOf(field)?.options ?? []).map((o) => ({ value: o.value, label: pick(o.label) }))}
                    value={settings.optionMap[field]?.[value] ?? null}
                    onChange={(option) => setOption(field, value, option)}
                    clearable
                  />
                </Group>
              )),
            )}
          </Stack>
        </section>
      )}
      {newFieldFor && def && objects && (
        <FieldDialog
          def={def}
          objects={[...objects.values()]}
          suggestion={suggestFieldFor(newFieldFor.title, run.source.sample.map((row) => row[newFieldFor.index] ?? ''))}
          onClose={() => setNewFieldFor(null)}
          onAdded={(name) => {
            setNewFieldFor(null);
            void client.invalidateQueries({ queryKey: ['imports', run.id] });
            setColumn(newFieldFor.title, name);
          }}
        />
      )}
    </Stack>
  );
}
