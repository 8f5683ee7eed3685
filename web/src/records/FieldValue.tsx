// One field's value as text, with lookups shown by the linked record's title.
import { Anchor, Typography } from '@mantine/core';
import { Link } from 'react-router';
import { useLanguage } from '../i18n/use-language.ts';
import { formatValue } from '../app/format.ts';
import { useLabel, type FieldDef } from '../app/metadata.ts';
import { targetOf } from '../app/titles.ts';

/** The value; `titles` maps ids of the field's target object to their titles. */
export function FieldValue({ field, value, titles }: { field: FieldDef; value: unknown; titles?: Map<string, string> }) {
  const { language } = useLanguage();
  const pick = useLabel();
  const target = targetOf(field);
  if ((field.type === 'lookup' || field.type === 'owner') && typeof value === 'string') {
    const title = titles?.get(value);
    if (field.type === 'owner' || !target) return <span>{title ?? '…'}</span>;
    return (
      <Anchor component={Link} to={`/${target}/${value}`} onClick={(e) => e.stopPropagation()}>
        {title ?? '…'}
      </Anchor>
    );
  }
  if (field.type === 'richText' && typeof value === 'string') {
    // Stored HTML is already cleaned by the server's allow-list (records/fields.ts) on every write.
    return (
      <Typography>
        <div dangerouslySetInnerHTML={{ __html: value }} />
      </Typography>
    );
  }
  return <span>{formatValue(field, value, language, pick)}</span>;
}
