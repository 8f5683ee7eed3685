// The header row of the list: click to sort (Shift-click adds a column to the sort), drag a header to
// move its column, drag its right edge to resize it. The keyboard does the same: Alt+←/→ moves the
// column, ←/→ on the edge resizes it.
import { memo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { Box, Checkbox, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLabel, type FieldDef } from '../app/metadata.ts';
import { DEFAULT_WIDTH, clampWidth, sortStateOf } from './list-layout.ts';

interface Props {
  columns: FieldDef[];
  widths: Record<string, number>;
  template: string;
  minWidth: number;
  sort: string;
  onSort: (field: string, isAdding: boolean) => void;
  onMove: (from: number, to: number) => void;
  onResize: (field: string, width: number) => void;
  selection: { isAll: boolean; isSome: boolean; onToggleAll: () => void };
}

const DRAG_THRESHOLD = 6;

/** Memoized: the list renders on every frame of a scroll, its header only when its own props change. */
export const TableHeader = memo(function TableHeader({ columns, widths, template, minWidth, sort, onSort, onMove, onResize, selection }: Props) {
  const { t } = useTranslation();
  const pick = useLabel();
  const cells = useRef<Array<HTMLDivElement | null>>([]);
  const drag = useRef<{ from: number; startX: number; isMoving: boolean } | null>(null);
  const wasDragged = useRef(false);
  const [dropAt, setDropAt] = useState<number | null>(null);

  // The column under the pointer, by the middle of each header.
  const indexAt = (x: number) => {
    const boxes = cells.current.map((cell) => cell?.getBoundingClientRect());
    const index = boxes.findIndex((box) => box && x < box.left + box.width);
    return index < 0 ? columns.length - 1 : index;
  };
  const startDrag = (event: PointerEvent<HTMLElement>, index: number) => {
    if (event.button !== 0) return;
    drag.current = { from: index, startX: event.clientX, isMoving: false };
    wasDragged.current = false;
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const moveDrag = (event: PointerEvent<HTMLElement>) => {
    const current = drag.current;
    if (!current) return;
    if (!current.isMoving && Math.abs(event.clientX - current.startX) < DRAG_THRESHOLD) return;
    current.isMoving = true;
    setDropAt(indexAt(event.clientX));
  };
  const endDrag = (event: PointerEvent<HTMLElement>) => {
    const current = drag.current;
    drag.current = null;
    setDropAt(null);
    if (!current?.isMoving) return;
    wasDragged.current = true;
    onMove(current.from, indexAt(event.clientX));
  };
  const onHeaderKey = (event: KeyboardEvent, index: number) => {
    if (!event.altKey || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
    event.preventDefault();
    onMove(index, index + (event.key === 'ArrowLeft' ? -1 : 1));
  };

  const startResize = (event: PointerEvent<HTMLElement>, field: string) => {
    event.stopPropagation();
    const startX = event.clientX;
    const startWidth = cells.current[columns.findIndex((c) => c.name === field)]?.getBoundingClientRect().width ?? DEFAULT_WIDTH;
    const target = event.currentTarget;
    target.setPointerCapture(event.pointerId);
    const move = (e: globalThis.PointerEvent) => onResize(field, clampWidth(startWidth + e.clientX - startX));
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  };
  const onResizeKey = (event: KeyboardEvent, field: string) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    onResize(field, clampWidth((widths[field] ?? DEFAULT_WIDTH) + (event.key === 'ArrowLeft' ? -20 : 20)));
  };

  return (
    <Box
      role="row"
      aria-rowindex={1}
      style={{ display: 'grid', gridTemplateColumns: template, position: 'sticky', top: 0, zIndex: 3, background: 'var(--mantine-color-gray-0)', borderBottom: '1px solid var(--mantine-color-gray-3)', minWidth }}
    >
      <Box role="columnheader" px={12} style={{ display: 'flex', alignItems: 'center' }}>
        <Checkbox size="xs" aria-label={t('lists.selectAll')} checked={selection.isAll} indeterminate={selection.isSome && !selection.isAll} onChange={selection.onToggleAll} />
      </Box>
      {columns.map((c, index) => {
        const state = sortStateOf(sort, c.name);
        const label = pick(c.label);
        return (
          <Box
            key={c.name}
            ref={(el: HTMLDivElement | null) => {
              cells.current[index] = el;
            }}
            role="columnheader"
            aria-sort={state.direction}
            style={{ position: 'relative', display: 'flex', alignItems: 'center', minWidth: 0, boxShadow: dropAt === index ? 'inset 3px 0 0 var(--mantine-primary-color-filled)' : undefined }}
          >
            <UnstyledButton
              data-column={c.name}
              onPointerDown={(e) => startDrag(e, index)}
              onPointerMove={moveDrag}
              onPointerUp={endDrag}
              onClick={(e) => {
                if (wasDragged.current) {
                  wasDragged.current = false;
                  return;
                }
                onSort(c.name, e.shiftKey);
              }}
              onKeyDown={(e) => onHeaderKey(e, index)}
              title={t('lists.headerHint')}
              px="sm"
              py={8}
              fw={600}
              fz="sm"
              style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', cursor: 'grab', touchAction: 'none' }}
            >
              {label}{' '}
              <span aria-hidden>
                {state.direction === 'ascending' ? '↑' : state.direction === 'descending' ? '↓' : ''}
                {state.position > 0 && parseSortCount(sort) > 1 ? <sup>{state.position}</sup> : null}
              </span>
            </UnstyledButton>
            <div
              role="separator"
              aria-orientation="vertical"
              aria-label={t('lists.resize', { column: label })}
              aria-valuenow={widths[c.name] ?? DEFAULT_WIDTH}
              aria-valuemin={80}
              aria-valuemax={800}
              tabIndex={0}
              data-resize={c.name}
              onPointerDown={(e) => startResize(e, c.name)}
              onKeyDown={(e) => onResizeKey(e, c.name)}
              style={{ position: 'absolute', right: 0, top: 4, bottom: 4, width: 8, cursor: 'col-resize', borderRight: '2px solid var(--mantine-color-gray-3)', touchAction: 'none' }}
            />
          </Box>
        );
      })}
    </Box>
  );
});

const parseSortCount = (sort: string) => sort.split(',').filter((s) => s.trim()).length;
