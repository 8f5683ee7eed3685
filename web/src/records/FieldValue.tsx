// One field's value as text, with lookups shown by the linked record's title.
import { Anchor, Typography } from '@mantine/core';
import { Link } from 'react-router';
import { useLanguage } from '../i18n/use-language.ts';
import { formatValue } from '../app/format.ts';
import { useLabel, type FieldDef } from '../app/metadata.ts';
import { targetOf } from '../app/titles.ts';

/** The value; `titles` maps ids of the field's target object (or of what it `refersTo`) to their titles. */
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
  // Ids kept as text (a team, a record no foreign key can reach): names, linked when they are records.
  if (field.refersTo && (typeof value === 'string' || Array.isArray(value))) {
    const ids = (Array.isArray(value) ? value : [value]).filter((id): id is string => typeof id === 'string');
    const isRecord = field.refersTo !== 'teams';
    return (
      <span>
        {ids.map((id, index) => (
          <span key={id}>
            {index > 0 && (language.startsWith('zh') ? '、' : ', ')}
            {isRecord ? (
              <Anchor component={Link} to={`/${field.refersTo}/${id}`} onClick={(e) => e.stopPropagation()}>
                {titles?.get(id) ?? '…'}
              </Anchor>
            ) : (
              (titles?.get(id) ?? '…')
            )}
          </span>
        ))}
      </span>
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
