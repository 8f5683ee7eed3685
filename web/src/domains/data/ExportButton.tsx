// The list's "Export" menu: the records of the current filter, in the current sort and columns, as a
// CSV or Excel download (contacts also as vCard) streamed by GET /api/v1/{object}/export. Shown only to those who may export.
import { Button, Menu } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { query } from '../../app/api.ts';
import { can, type ObjectDef } from '../../app/metadata.ts';

interface Props {
  def: ObjectDef;
  /** The list's filter in the API's language (empty for all records). */
  filter: string;
  sort: string;
  /** The columns shown, in their order. */
  columns: string[];
}

/** The download address of an export of this list. */
export function exportUrl(def: ObjectDef, format: 'csv' | 'xlsx' | 'vcf', props: Omit<Props, 'def'>, locale: string): string {
  return `/api/v1/${def.name}/export${query({ format, filter: props.filter, sort: props.sort, fields: props.columns.join(','), locale })}`;
}

export function ExportButton({ def, ...list }: Props) {
  const { t, i18n } = useTranslation();
  if (!can(def, 'export')) return null;
  // A plain link: the browser downloads the stream itself (the session cookie goes with it), so a
  // million rows never sit in the page's memory.
  const item = (format: 'csv' | 'xlsx' | 'vcf', label: string) => (
    <Menu.Item component="a" href={exportUrl(def, format, list, i18n.language === 'en' ? 'en' : 'zh-CN')} download>
      {label}
    </Menu.Item>
  );
  return (
    // No initial-focus placeholder: an empty focusable div inside role="menu" is not a menu item (axe).
    <Menu position="bottom-end" withinPortal withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <Button size="xs" variant="default" leftSection={<IconDownload size={14} aria-hidden />}>
          {t('dataExport.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('dataExport.scope')}</Menu.Label>
        {item('csv', t('dataExport.csv'))}
        {item('xlsx', t('dataExport.xlsx'))}
        {/* vCard: the address book's own format, for contacts only (its fields are fixed, whatever the columns). */}
        {def.name === 'contacts' && item('vcf', t('formats.vcf'))}
      </Menu.Dropdown>
    </Menu>
  );
}
