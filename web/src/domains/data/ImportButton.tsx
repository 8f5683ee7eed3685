// The list's "Import" button: to the import screen with this object chosen. Shown only to those who may import.
import { Button } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, type ObjectDef } from '../../app/metadata.ts';

export function ImportButton({ def }: { def: ObjectDef }) {
  const { t } = useTranslation();
  if (!can(def, 'import')) return null;
  return (
    <Button size="xs" variant="default" component={Link} to={`/data/import?object=${def.name}`} leftSection={<IconUpload size={14} aria-hidden />}>
      {t('imports.button')}
    </Button>
  );
}
