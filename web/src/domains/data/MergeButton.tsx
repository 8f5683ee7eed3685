// "Merge" in a list's bulk toolbar: two or three selected records open the merge screen.
import { Button } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, type ObjectDef } from '../../app/metadata.ts';
import { mergePath } from './duplicates-api.ts';

export function MergeButton({ def, ids }: { def: ObjectDef; ids: string[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  if (def.isReadOnly || !can(def, 'edit') || !can(def, 'delete') || ids.length < 2 || ids.length > 3) return null;
  return (
    <Button size="xs" variant="light" onClick={() => void navigate(mergePath(def.name, ids))}>
      {t('duplicates.report.merge')}
    </Button>
  );
}
