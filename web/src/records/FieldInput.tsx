// The input for one field, chosen by its type; lookups search the target object as you type.
import { Suspense, lazy, useState } from 'react';
import { MultiSelect, NumberInput, Select, Switch, TagsInput, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, query } from '../app/api.ts';
import { useLabel, type FieldDef } from '../app/metadata.ts';
import { targetOf, useTitles } from '../app/titles.ts';

interface Props {
  field: FieldDef;
  value: unknown;
  error?: string;
  onChange: (value: unknown) => void;
  /** In a table cell: the label is read by screen readers but not shown, and the input takes focus. */
  isCompact?: boolean;
}

// The calendar pickers load with the first date field a form shows.
const DateField = lazy(() => import('./DateField.tsx'));
const RichTextInput = lazy(() => import('./RichTextInput.tsx'));
const hiddenLabel = { style: { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } } as const;

function LookupInput({ field, value, error, onChange, isCompact }: Props) {
  const { t } = useTranslation();
  const pick = useLabel();
  const target = targetOf(field);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const current = useTitles(target, [value as string]);
  const hits = useQuery({
    queryKey: ['lookup', target, debounced],
    enabled: Boolean(target) && debounced.length > 0,
    queryFn: () => get<{ data: Array<{ id: string; title: string | null }> }>(`/api/v1/search${query({ q: debounced, objects: target, limit: 20 })}`),
  });
  const options = [
    ...(typeof value === 'string' ? [{ value, label: current.data?.get(value) ?? '…' }] : []),
    ...(hits.data?.data ?? []).filter((h) => h.id !== value).map((h) => ({ value: h.id, label: h.title ?? t('common.untitled') })),
  ];
  return (
    <Select
      label={pick(field.label)}
      withAsterisk={field.isRequired}
      searchable
      clearable
      data={options}
      value={(value as string | null) ?? null}
      onChange={(v) => onChange(v)}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={debounced ? t('search.empty') : t('form.typeToSearch')}
      error={error}
      labelProps={isCompact ? hiddenLabel : undefined}
      autoFocus={isCompact}
    />
  );
}

/** An input for the field, or null for types edited elsewhere (links to many, documents). */
export function FieldInput(props: Props) {
  const pick = useLabel();
  const { field, value, error, onChange, isCompact } = props;
  const common = { label: pick(field.label), withAsterisk: field.isRequired, error, ...(isCompact ? { labelProps: hiddenLabel, autoFocus: true } : {}) };
  const options = (field.options ?? []).map((o) => ({ value: o.value, label: pick(o.label) }));
  switch (field.type) {
    case 'richText':
      return (
        <Suspense fallback={<Textarea {...common} disabled value="" />}>
          <RichTextInput label={common.label} error={error} withAsterisk={field.isRequired} value={(value as string) ?? ''} onChange={onChange} />
        </Suspense>
      );
    case 'longText':
      return <Textarea {...common} autosize minRows={2} value={(value as string) ?? ''} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'number':
    case 'percent':
      return <NumberInput {...common} value={(value as number) ?? ''} onChange={(v) => onChange(v === '' ? null : v)} />;
    case 'currency':
      return (
        <TextInput
          {...common}
          inputMode="decimal"
          value={(value as { amount?: string } | null)?.amount ?? (typeof value === 'string' ? value : '')}
          onChange={(e) => onChange(e.currentTarget.value === '' ? null : e.currentTarget.value)}
        />
      );
    case 'boolean':
      return <Switch label={common.label} checked={Boolean(value)} onChange={(e) => onChange(e.currentTarget.checked)} />;
    case 'date':
    case 'datetime':
      return (
        <Suspense fallback={<TextInput {...common} disabled value="" />}>
          <DateField {...common} type={field.type} value={value} onChange={onChange} />
        </Suspense>
      );
    case 'select':
      return <Select {...common} data={options} clearable={!field.isRequired} value={(value as string) ?? null} onChange={(v) => onChange(v)} />;
    case 'multiSelect':
      return <MultiSelect {...common} data={options} value={(value as string[]) ?? []} onChange={onChange} />;
    case 'tags':
      return <TagsInput {...common} value={(value as string[]) ?? []} onChange={onChange} />;
    case 'phone':
      return <TextInput {...common} type="tel" value={(value as { original?: string } | null)?.original ?? (value as string) ?? ''} onChange={(e) => onChange(e.currentTarget.value || null)} />;
    case 'lookup':
    case 'owner':
      return field.targetFrom ? null : <LookupInput {...props} />;
    case 'multiLookup':
    case 'address':
    case 'json':
    case 'autoNumber':
    case 'parent':
      return null;
    default:
      return <TextInput {...common} type={field.type === 'email' ? 'email' : field.type === 'url' ? 'url' : 'text'} maxLength={field.maxLength} value={(value as string) ?? ''} onChange={(e) => onChange(e.currentTarget.value || null)} />;
  }
}
