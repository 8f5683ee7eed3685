// The list of any object: filters, a multi-column sort, columns that move and resize, saved views,
// bulk actions on the selected rows, totals of the amounts shown, and "new".
import { Suspense, lazy, useMemo, useState } from 'react';
import { Alert, Button, Group, MultiSelect, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get, query } from '../app/api.ts';
import { formatValue, isListable } from '../app/format.ts';
import { can, useLabel, useObjects, type ObjectDef } from '../app/metadata.ts';
import { FilterBar } from './FilterBar.tsx';
import { filterFields, toFilter, type Condition } from './filter-language.ts';
import { ListRows } from './ListRows.tsx';
import { ViewControls, type SavedView, type ViewSettings } from './ViewControls.tsx';
import { moveColumn, toggleSort } from './list-layout.ts';
import { ExportButton } from '../domains/data/ExportButton.tsx';
import { ImportButton } from '../domains/data/ImportButton.tsx';

// The form for a new record loads when "new" is pressed, not with the list.
const RecordForm = lazy(() => import('./RecordForm.tsx').then((m) => ({ default: m.RecordForm })));

// The title, then the first few fields worth a column (ids meant for other systems are left out).
const defaultColumns = (def: ObjectDef) => [def.titleField, ...def.fields.filter((f) => f.name !== def.titleField && !f.isExternalId && isListable(f)).slice(0, 5).map((f) => f.name)];

export function ListPage() {
  const { object = '' } = useParams();
  const { data: objects, isPending } = useObjects();
  const def = objects?.get(object);
  if (isPending) return <Skeleton h={400} />;
  if (!def) return <Alert color="yellow">{'—'}</Alert>;
  return <ObjectList key={object} def={def} />;
}

function ObjectList({ def }: { def: ObjectDef }) {
  const { t, i18n } = useTranslation();
  const pick = useLabel();
  // The layout the user last had stays in this browser until it is saved into a view.
  const storageKey = `guanxi.layout.${def.name}`;
  const stored = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as { columns?: string[]; widths?: Record<string, number>; sort?: string } | null;
  const [columns, setColumns] = useState<string[]>(() => stored?.columns ?? defaultColumns(def));
  const [widths, setWidths] = useState<Record<string, number>>(() => stored?.widths ?? {});
  // The open view is in the address, so a reload or a shared link opens it again; so is a filter
  // another screen links to (`?filter=…`, e.g. the forecast's drill-down to its deals).
  const [params, setParams] = useSearchParams();
  const [conditions, setConditions] = useState<Condition[]>(() => {
    const linked = params.get('filter');
    return linked ? [{ field: '', op: 'raw', value: linked }] : [];
  });
  const [sort, setSort] = useState(() => stored?.sort ?? '-createdAt');
  const [viewId, setViewId] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [isCreating, setCreating] = useState(false);
  const { data: objects } = useObjects();
  const filter = toFilter(filterFields(def, objects), conditions);
  // Kept the same array while the columns are: every visible row re-renders when it changes.
  const columnDefs = useMemo(() => columns.map((name) => def.fields.find((f) => f.name === name)).filter((f) => f !== undefined), [columns, def]);
  const amountFields = columnDefs.filter((f) => ['currency', 'number'].includes(f.type)).map((f) => f.name);
  const totals = useQuery({
    queryKey: ['totals', def.name, filter, amountFields],
    enabled: amountFields.length > 0,
    queryFn: () => get<{ data: Array<{ count: number; sums: Record<string, unknown> }> }>(`/api/v1/${def.name}/aggregate${query({ filter, sum: amountFields.join(',') })}`),
  });
  const settings: ViewSettings = { kind: 'list', filter, sort, columns, columnWidths: widths };

  const remember = (next: { columns?: string[]; widths?: Record<string, number>; sort?: string }) =>
    localStorage.setItem(storageKey, JSON.stringify({ columns, widths, sort, ...next }));
  const chooseColumns = (next: string[]) => {
    const ordered = next.length ? next : defaultColumns(def);
    setColumns(ordered);
    remember({ columns: ordered });
  };
  const chooseSort = (next: string) => {
    setSort(next);
    setSelected(new Set());
    remember({ sort: next });
  };
  const resize = (field: string, width: number) => {
    const next = { ...widths, [field]: width };
    setWidths(next);
    remember({ widths: next });
  };
  const applyView = (view: SavedView | null) => {
    setViewId(view?.id ?? null);
    setParams(view ? { view: view.id } : {}, { replace: true });
    setSelected(new Set());
    if (!view) return;
    // A saved filter comes back as one condition of its own, shown as written.
    setConditions(view.settings.filter ? [{ field: '', op: 'raw', value: view.settings.filter }] : []);
    setSort(view.settings.sort ?? '-createdAt');
    setWidths(view.settings.columnWidths ?? {});
    setColumns(view.settings.columns?.length ? view.settings.columns : defaultColumns(def));
  };
  const totalText = (name: string) => {
    const sum = totals.data?.data[0]?.sums[name];
    if (Array.isArray(sum)) return sum.map((m) => formatValue({ name, type: 'currency', label: def.label }, m, i18n.language, pick)).join(' · ');
    return typeof sum === 'number' ? new Intl.NumberFormat(i18n.language).format(sum) : '';
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h3">
          {pick(def.labelPlural)}
        </Title>
        <Group gap="xs">
          <ViewControls def={def} settings={settings} currentId={viewId} requestedId={params.get('view')} onApply={applyView} />
          <ExportButton def={def} filter={filter} sort={sort} columns={columnDefs.map((f) => f.name)} />
          <ImportButton def={def} />
          {can(def, 'restore') && (
            <Button size="xs" variant="subtle" component={Link} to={`/${def.name}/trash`}>
              {t('list.trash')}
            </Button>
          )}
          {def.fields.some((f) => f.type === 'select') && (
            <Button size="xs" variant="default" component={Link} to={`/${def.name}/board`}>
              {t('list.board')}
            </Button>
          )}
          {can(def, 'create') && !def.isReadOnly && (
            <Button size="xs" onClick={() => setCreating(true)}>
              {t('list.new', { object: pick(def.label) })}
            </Button>
          )}
        </Group>
      </Group>
      <FilterBar
        def={def}
        conditions={conditions}
        onChange={(next) => {
          setConditions(next);
          setSelected(new Set());
        }}
      />
      <Group gap="xs" justify="space-between">
        <MultiSelect
          aria-label={t('list.columns')}
          size="xs"
          maw={600}
          data={def.fields.filter(isListable).map((f) => ({ value: f.name, label: pick(f.label) }))}
          value={columns}
          onChange={chooseColumns}
        />
        {amountFields.length > 0 && (
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('list.total')}: {amountFields.map(totalText).filter(Boolean).join(' | ')}
          </Text>
        )}
      </Group>
      <ListRows
        def={def}
        filter={filter}
        sort={sort}
        isFiltered={conditions.length > 0}
        columns={columnDefs}
        widths={widths}
        canEdit={can(def, 'edit') && !def.isReadOnly}
        selected={selected}
        onSelectedChange={setSelected}
        onSort={(field, isAdding) => chooseSort(toggleSort(sort, field, isAdding))}
        onMove={(from, to) => chooseColumns(moveColumn(columns, from, to))}
        onResize={resize}
      />
      {isCreating && (
        <Suspense fallback={null}>
          <RecordForm def={def} onClose={() => setCreating(false)} />
        </Suspense>
      )}
    </Stack>
  );
}
