// The rows of a list with what acts on them: read page by page as the grid scrolls, the bulk actions on
// the selected ones. Apart from the list's toolbar, so a page arriving renders only this part.
import { useCallback, useMemo, useRef } from 'react';
import { Alert, Button, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../app/metadata.ts';
import { BulkBar } from './BulkBar.tsx';
import { RecordTable, type RecordTableProps } from './RecordTable.tsx';
import { useRecordList, type RecordRow } from './useRecordList.ts';

/** The table's own settings pass through; the rows are read here. */
interface Props extends Omit<RecordTableProps, 'rows' | 'hasMore' | 'onLoadMore'> {
  filter: string;
  isFiltered: boolean;
}

/** The same array while its rows are the same objects: the bulk bar then skips the pages that arrive. */
function useSameRows(next: RecordRow[]): RecordRow[] {
  const kept = useRef(next);
  if (next.length !== kept.current.length || next.some((row, i) => row !== kept.current[i])) kept.current = next;
  return kept.current;
}

/** The list's grid (or its cards), its loading, empty and error states, and the bulk bar above it. */
export function ListRows({ def, filter, sort, isFiltered, columns, widths, canEdit, selected, onSelectedChange, onSort, onMove, onResize }: Props) {
  const { t } = useTranslation();
  const pick = useLabel();
  const list = useRecordList(def.name, filter, sort);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.data) ?? [], [list.data]);
  const selectedRows = useSameRows(useMemo(() => (selected.size ? rows.filter((r) => selected.has(r.id)) : []), [rows, selected]));
  const clear = useCallback(() => onSelectedChange(new Set()), [onSelectedChange]);
  const { fetchNextPage } = list;
  // `cancelRefetch: false` makes a call while a page is on its way wait for it, so the list does not
  // need (and render for) the "fetching the next page" state.
  const loadMore = useCallback(() => void fetchNextPage({ cancelRefetch: false }), [fetchNextPage]);

  return (
    <>
      <BulkBar def={def} selected={selectedRows} onClear={clear} />
      {list.isError && (
        <Alert color="red" role="alert">
          {list.error.message} <Button size="xs" variant="subtle" onClick={() => list.refetch()}>{t('common.retry')}</Button>
        </Alert>
      )}
      {list.isPending ? (
        <Stack gap={6}>{Array.from({ length: 8 }, (_, i) => <Skeleton key={i} h={32} />)}</Stack>
      ) : rows.length === 0 ? (
        <Alert color="gray">{isFiltered ? t('list.emptyFiltered') : t('list.empty', { object: pick(def.label) })}</Alert>
      ) : (
        <RecordTable
          def={def}
          columns={columns}
          widths={widths}
          rows={rows}
          sort={sort}
          canEdit={canEdit}
          selected={selected}
          onSelectedChange={onSelectedChange}
          onSort={onSort}
          onMove={onMove}
          onResize={onResize}
          hasMore={Boolean(list.hasNextPage)}
          onLoadMore={loadMore}
        />
      )}
    </>
  );
}
