// Saved mappings: apply one made for files of this shape, or save the current one under a name.
// A mapping's columns apply only to the titles this file has.
import { useState } from 'react';
import { Button, Group, Select, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { ImportPresets } from './ImportPresets.tsx';
import { saveMapping, useMappings, type ImportRun, type ImportSettings } from './imports.ts';

interface Props {
  run: ImportRun;
  settings: ImportSettings;
  onSettings: (settings: ImportSettings) => void;
}

export function SavedMappings({ run, settings, onSettings }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const mappings = useMappings(run.object);
  const [name, setName] = useState('');
  const [isSaved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const apply = (id: string | null) => {
    const saved = mappings.data?.data.find((m) => m.id === id);
    if (!saved) return;
    const columns = Object.fromEntries(Object.entries(saved.settings.columns).filter(([title]) => run.source.header.includes(title)));
    onSettings({ ...saved.settings, columns });
  };
  const save = async () => {
    setError(null);
    try {
      await saveMapping(run.object, name.trim(), settings);
      setName('');
      setSaved(true);
      await client.invalidateQueries({ queryKey: ['import-mappings', run.object] });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('common.error'));
    }
  };

  return (
    <Group align="flex-end" wrap="wrap">
      <ImportPresets run={run} settings={settings} onSettings={onSettings} />
      {(mappings.data?.data.length ?? 0) > 0 && (
        <Select
          label={t('imports.savedMappings')}
          placeholder={t('imports.pickMapping')}
          data={mappings.data!.data.map((m) => ({ value: m.id, label: m.name }))}
          onChange={apply}
          w={240}
        />
      )}
      <TextInput
        label={t('imports.mappingName')}
        value={name}
        error={error}
        onChange={(e) => {
          setName(e.currentTarget.value);
          setSaved(false);
        }}
        w={240}
      />
      <Button variant="default" disabled={!name.trim()} onClick={save}>
        {isSaved ? t('imports.mappingSaved') : t('imports.saveMapping')}
      </Button>
    </Group>
  );
}
