// Ready-made mappings for the files other systems export (Google Contacts, Outlook, Salesforce,
// HubSpot, vCard): pick one to map this file's columns as that system names them. A file whose
// header already matches one arrives mapped by it.
import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../app/api.ts';
import type { ImportPreset, ImportRun, ImportSettings } from './imports.ts';

interface Props {
  run: ImportRun;
  settings: ImportSettings;
  onSettings: (settings: ImportSettings) => void;
}

export function ImportPresets({ run, settings, onSettings }: Props) {
  const { t, i18n } = useTranslation();
  const presets = useQuery({ queryKey: ['import-presets', run.object], queryFn: () => get<{ data: ImportPreset[] }>(`/api/v1/${run.object}/import-presets`) });
  const list = presets.data?.data ?? [];
  if (list.length === 0) return null;
  const fieldNames = new Set(run.fields.map((f) => f.name));
  const apply = (id: string | null) => {
    const preset = list.find((p) => p.id === id);
    if (!preset) return;
    // Only the titles this file has, and the fields this user may fill; the file's other columns keep
    // their mapping unless the preset fills their field.
    const columns = Object.fromEntries(Object.entries(preset.columns).filter(([title, field]) => run.source.header.includes(title) && fieldNames.has(field)));
    const taken = new Set(Object.values(columns));
    for (const [title, field] of Object.entries(settings.columns)) if (!(title in preset.columns) && !taken.has(field)) columns[title] = field;
    onSettings({ ...settings, columns });
  };
  return (
    <Select
      label={t('formats.presets')}
      description={t('formats.presetsHint')}
      placeholder={t('formats.pickPreset')}
      data={list.map((p) => ({ value: p.id, label: i18n.language === 'en' ? p.name.en : p.name['zh-CN'] }))}
      onChange={apply}
      w={280}
    />
  );
}
