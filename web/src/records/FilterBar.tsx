// A filter builder that writes the API's filter language: pick a field (the object's own or a linked
// record's, e.g. Account › City), a comparison and a value; conditions are joined with "and".
// Relative dates (today, this week, the last N days …) become plain date ranges (filter-language.ts).
import { useMemo, useState } from 'react';
import { ActionIcon, Button, Group, Pill, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLabel, useObjects, type ObjectDef } from '../app/metadata.ts';
import { RELATIVE_DATES, filterFieldLabel, filterFields, type Condition } from './filter-language.ts';

export type { Condition } from './filter-language.ts';

export function FilterBar({ def, conditions, onChange }: { def: ObjectDef; conditions: Condition[]; onChange: (next: Condition[]) => void }) {
  const { t } = useTranslation();
  const pick = useLabel();
  const { data: objects } = useObjects();
  const fields = useMemo(() => filterFields(def, objects), [def, objects]);
  const [field, setField] = useState<string | null>(def.titleField);
  const [op, setOp] = useState<string | null>('contains');
  const [value, setValue] = useState('');
  const [lastDays, setLastDays] = useState<number | string>(14);
  const fieldDef = fields.find((f) => f.path === field)?.field;
  const isDate = fieldDef?.type === 'date' || fieldDef?.type === 'datetime';
  const ops = ['eq', 'ne', 'contains', 'startsWith', 'gt', 'lt', 'isNull', ...(isDate ? ['relative'] : [])];
  const fieldOptions = fields.map((f) => ({ value: f.path, label: filterFieldLabel(f, pick) }));
  const add = () => {
    const chosen = op === 'relative' && value === 'lastN' ? `last${Math.max(1, Math.min(9999, Math.round(Number(lastDays) || 1)))}` : value;
    if (!field || !op || (op !== 'isNull' && !chosen)) return;
    onChange([...conditions, { field, op, value: chosen }]);
    setValue('');
  };
  const relativeLabel = (name: string) => {
    const days = /^last(\d+)$/.exec(name);
    return days && !(RELATIVE_DATES as readonly string[]).includes(name) ? t('filter.relative.lastN', { count: Number(days[1]) }) : t(`filter.relative.${name}`);
  };
  const labelOf = (c: Condition) =>
    c.op === 'raw' ? c.value : `${fieldOptions.find((o) => o.value === c.field)?.label ?? c.field} ${t(`filter.op.${c.op}`)} ${c.op === 'relative' ? relativeLabel(c.value) : c.value}`;

  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <Select aria-label={t('filter.field')} data={fieldOptions} value={field} onChange={setField} searchable w={160} size="xs" />
      <Select aria-label={t('filter.operator')} data={ops.map((o) => ({ value: o, label: t(`filter.op.${o}`) }))} value={op} onChange={setOp} w={120} size="xs" />
      {op === 'relative' ? (
        <Select
          aria-label={t('filter.value')}
          size="xs"
          w={140}
          value={value || null}
          onChange={(v) => setValue(v ?? '')}
          data={[...RELATIVE_DATES, 'lastN'].map((r) => ({ value: r, label: r === 'lastN' ? t('filter.relative.lastNChoice') : t(`filter.relative.${r}`) }))}
        />
      ) : fieldDef?.options && op !== 'isNull' ? (
        <Select aria-label={t('filter.value')} size="xs" w={140} value={value || null} onChange={(v) => setValue(v ?? '')} data={fieldDef.options.map((o) => ({ value: o.value, label: pick(o.label) }))} />
      ) : (
        op !== 'isNull' && <TextInput aria-label={t('filter.value')} size="xs" w={160} value={value} onChange={(e) => setValue(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Enter' && add()} />
      )}
      {op === 'relative' && value === 'lastN' && (
        // A plain number input: Mantine's NumberInput would bring its number formatting into the list's first download.
        <TextInput type="number" inputMode="numeric" aria-label={t('filter.days')} size="xs" w={90} min={1} max={9999} value={lastDays} onChange={(e) => setLastDays(e.currentTarget.value)} />
      )}
      <Button size="xs" variant="light" onClick={add}>
        {t('filter.add')}
      </Button>
      {conditions.map((c, i) => (
        <Pill key={`${c.field}-${i}`} withRemoveButton onRemove={() => onChange(conditions.filter((_, j) => j !== i))} removeButtonProps={{ 'aria-label': t('filter.remove'), tabIndex: 0, 'aria-hidden': false /* Mantine hides it from keyboards and screen readers */ }}>
          {labelOf(c)}
        </Pill>
      ))}
      {conditions.length > 0 && (
        <ActionIcon variant="subtle" size="sm" onClick={() => onChange([])} aria-label={t('filter.clear')}>
          ×
        </ActionIcon>
      )}
    </Group>
  );
}
