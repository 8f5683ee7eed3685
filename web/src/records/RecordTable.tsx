// The list as a virtualized grid (only the rows in view are in the page, so 100,000 rows scroll
// smoothly): columns that move and resize, a multi-column sort, check boxes for bulk actions, cells
// edited in place, arrow keys between cells. On a phone the same rows become cards.
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { Anchor, Box, Card, Group, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Link, useNavigate } from 'react-router';
import { useLanguage } from '../i18n/use-language.ts';
import { useLabel, type FieldDef, type ObjectDef } from '../app/metadata.ts';
import { targetOf, useTitlesInView } from '../app/titles.ts';
import { GridRow, ROW_HEIGHT } from './GridRow.tsx';
import { FieldValue } from './FieldValue.tsx';
import { TableHeader } from './TableHeader.tsx';
import { gridTemplate, gridWidth } from './list-layout.ts';
import type { RecordRow } from './useRecordList.ts';

export interface RecordTableProps {
  def: ObjectDef;
  columns: FieldDef[];
  widths: Record<string, number>;
  rows: RecordRow[];
  sort: string;
  canEdit: boolean;
  selected: Set<string>;
  onSelectedChange: (next: Set<string>) => void;
  onSort: (field: string, isAdding: boolean) => void;
  onMove: (from: number, to: number) => void;
  onResize: (field: string, width: number) => void;
  hasMore: boolean;
  onLoadMore: () => void;
}

const BLOCK = 100; // the list's page size: a block of titles per page of rows

/** Titles of the first three lookup columns, for the blocks of rows in view; stable while they are. */
function useLookupTitles(columns: FieldDef[], rows: RecordRow[], blocks: number[]) {
  const lookups = columns.filter((c) => c.type === 'lookup' || c.type === 'owner').slice(0, 3);
  const names = lookups.map((f) => f.name).join(',');
  // Read once per page of rows, not on every frame of a scroll (the list may hold 10,000 rows).
  const ids = useMemo(() => names.split(',').map((name) => (name ? rows.map((r) => r[name] as string) : [])), [names, rows]);
  const a = useTitlesInView(lookups[0] ? targetOf(lookups[0]) : undefined, ids[0] ?? [], blocks, BLOCK);
  const b = useTitlesInView(lookups[1] ? targetOf(lookups[1]) : undefined, ids[1] ?? [], blocks, BLOCK);
  const c = useTitlesInView(lookups[2] ? targetOf(lookups[2]) : undefined, ids[2] ?? [], blocks, BLOCK);
  return useMemo(() => {
    const byField = new Map<string, Map<string, string> | undefined>();
    names.split(',').forEach((name, i) => name && byField.set(name, [a, b, c][i]));
    return byField;
  }, [names, a, b, c]);
}

export function RecordTable({ def, columns, widths, rows, sort, canEdit, selected, onSelectedChange, onSort, onMove, onResize, hasMore, onLoadMore }: RecordTableProps) {
  const { t, language } = useLanguage();
  const pick = useLabel();
  const navigate = useNavigate();
  const isPhone = useMediaQuery('(max-width: 600px)');
  const parent = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState({ row: 0, col: 0 });
  const [editing, setEditing] = useState<{ id: string; col: number } | null>(null);
  // Rows scrolled into view render in a task of their own after the frame (no flushSync in the scroll
  // event), so the frame's style, layout and paint and React's work are two shorter tasks, not one
  // long one; 16 rows of overscan (640 px) cover what a fast wheel scrolls in a frame meanwhile.
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => parent.current, estimateSize: () => (isPhone ? 96 : ROW_HEIGHT), overscan: 16, useFlushSync: false });
  const items = virtualizer.getVirtualItems();
  const blocks = [...new Set([items[0]?.index ?? 0, items.at(-1)?.index ?? 0].map((i) => Math.floor(i / BLOCK)))];
  const titles = useLookupTitles(columns, rows, blocks);
  useEffect(() => {
    const last = items.at(-1);
    if (last && last.index >= rows.length - 20 && hasMore) onLoadMore();
  }, [items, rows.length, hasMore, onLoadMore]);

  const template = gridTemplate(
    columns.map((c) => c.name),
    widths,
    true,
  );
  const minWidth = gridWidth(
    columns.map((c) => c.name),
    widths,
  );
  const cellId = useCallback((row: number, col: number) => `cell-${def.name}-${row}-${col}`, [def.name]);
  // Rows are memoized: their handlers stay the same function and read the latest selection here.
  const latest = useRef({ selected, onSelectedChange });
  latest.current = { selected, onSelectedChange };
  const toggle = useCallback((id: string) => {
    const next = new Set(latest.current.selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    latest.current.onSelectedChange(next);
  }, []);
  const activate = useCallback((row: number, col: number) => setActive({ row, col }), []);
  const edit = useCallback((id: string, col: number | null) => setEditing(col === null ? null : { id, col }), []);
  const latestNavigate = useRef(navigate);
  latestNavigate.current = navigate;
  const open = useCallback((href: string) => void latestNavigate.current(href), []);
  const isAll = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const isSome = selected.size > 0;
  // The same object while the selection is, so the (memoized) header does not render on every frame of a scroll.
  const selection = useMemo(() => ({ isAll, isSome, onToggleAll: () => onSelectedChange(isAll ? new Set() : new Set(rows.map((r) => r.id))) }), [isAll, isSome, rows, onSelectedChange]);
  // Arrow keys walk the cells; the grid scrolls to keep the new cell in view.
  const onGridKey = (event: KeyboardEvent) => {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[event.key];
    if (!move || editing || !(event.target as HTMLElement).matches('[role="gridcell"]')) return;
    event.preventDefault();
    const next = { row: Math.min(rows.length - 1, Math.max(0, active.row + move[0])), col: Math.min(columns.length - 1, Math.max(0, active.col + move[1])) };
    setActive(next);
    virtualizer.scrollToIndex(next.row);
    // Focus at once when the cell is rendered, so the next key (typed fast, or a key repeat) lands on it;
    // a row scrolled in from afar is rendered on the next frame.
    const focusNext = () => document.getElementById(cellId(next.row, next.col))?.focus();
    if (document.getElementById(cellId(next.row, next.col))) focusNext();
    else requestAnimationFrame(focusNext);
  };

  return (
    <Box
      ref={parent}
      role={isPhone ? undefined : 'grid'}
      aria-label={pick(def.labelPlural)}
      aria-rowcount={isPhone ? undefined : rows.length + 1}
      aria-multiselectable={isPhone ? undefined : true}
      onKeyDown={onGridKey}
      style={{ height: 'calc(100vh - 280px)', minHeight: 320, overflow: 'auto', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}
    >
      {!isPhone && (
        <TableHeader
          columns={columns}
          widths={widths}
          template={template}
          minWidth={minWidth}
          sort={sort}
          onSort={onSort}
          onMove={onMove}
          onResize={onResize}
          selection={selection}
        />
      )}
      <div role={isPhone ? 'list' : 'rowgroup'} aria-label={t('list.rows')} style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: isPhone ? undefined : minWidth, '--gx-columns': template } as CSSProperties}>
        {items.map((item) => {
          const row = rows[item.index]!;
          const style = { position: 'absolute' as const, top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` };
          if (isPhone) {
            return (
              <Box key={row.id} style={{ ...style, padding: 6 }} data-index={item.index} ref={virtualizer.measureElement}>
                <Card withBorder padding="sm" onClick={() => navigate(`/${def.name}/${row.id}`)} style={{ cursor: 'pointer' }} role="listitem">
                  {/* The title is a link, so the card is reached and opened by keyboard too. */}
                  <Anchor component={Link} to={`/${def.name}/${row.id}`} fw={600} c="inherit" onClick={(e) => e.stopPropagation()}>
                    {String(row[def.titleField] ?? t('common.untitled'))}
                  </Anchor>
                  <Stack gap={2}>
                    {columns.slice(1).filter((c) => row[c.name] !== null && row[c.name] !== undefined && row[c.name] !== '').slice(0, 3).map((c) => (
                      <Group key={c.name} gap={6} wrap="nowrap">
                        <Text size="xs" c="dimmed">
                          {pick(c.label)}
                        </Text>
                        <Text size="sm" truncate>
                          <FieldValue field={c} value={row[c.name]} titles={titles.get(c.name)} />
                        </Text>
                      </Group>
                    ))}
                  </Stack>
                </Card>
              </Box>
            );
          }
          const activeRow = Math.min(active.row, rows.length - 1);
          return (
            <GridRow
              key={row.id}
              def={def}
              columns={columns}
              row={row}
              index={item.index}
              top={item.start}
              isSelected={selected.has(row.id)}
              editingColumn={editing?.id === row.id ? editing.col : -1}
              activeColumn={activeRow === item.index ? Math.min(active.col, columns.length - 1) : -1}
              canEdit={canEdit}
              titles={titles}
              language={language}
              t={t}
              cellId={cellId}
              onToggle={toggle}
              onActivate={activate}
              onEdit={edit}
              onOpen={open}
            />
          );
        })}
      </div>
    </Box>
  );
}
