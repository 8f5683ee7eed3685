// One row of the list grid. A fast scroll mounts a dozen rows a frame, so a row is a single memoized
// component without hooks: its cells are plain elements, its look is in grid.css (column widths come
// from the row group's `--gx-columns`, so a resize does not render the rows), its events are handled
// once on the row, and the cell editor (CellEditor) is mounted only in the cell being edited.
// Double-click, Enter or F2 edits a cell (Enter on the title opens the record).
import { Suspense, lazy, memo, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { TFunction } from 'i18next';
import './grid.css';
import { formatValue } from '../app/format.ts';
import type { FieldDef, Label, ObjectDef } from '../app/metadata.ts';
import { targetOf } from '../app/titles.ts';
import { isInlineEditable } from './inline-editable.ts';
import { FieldValue } from './FieldValue.tsx';
import type { RecordRow } from './useRecordList.ts';

// The editor and its inputs load with the first edit, not with the list.
const CellEditor = lazy(() => import('./CellEditor.tsx').then((m) => ({ default: m.CellEditor })));

export const ROW_HEIGHT = 40;

interface Props {
  def: ObjectDef;
  columns: FieldDef[];
  row: RecordRow;
  index: number;
  top: number;
  isSelected: boolean;
  /** The column being edited when it is in this row, -1 otherwise. */
  editingColumn: number;
  /** The column of the keyboard's cell when it is in this row, -1 otherwise. */
  activeColumn: number;
  canEdit: boolean;
  titles: Map<string, Map<string, string> | undefined>;
  language: string;
  t: TFunction;
  cellId: (row: number, col: number) => string;
  onToggle: (id: string) => void;
  onActivate: (row: number, col: number) => void;
  /** Starts (a column) or ends (null) editing a cell of the row `id`. */
  onEdit: (id: string, col: number | null) => void;
  /** Opens an address of the app (a link in a cell, followed without reloading the page). */
  onOpen: (href: string) => void;
}

const MARK = '\u0001';
const selectTexts = new Map<TFunction, [string, string]>();
/** "Select {title}" without running i18next's interpolation for every row mounted while scrolling. */
function selectRowLabel(t: TFunction, title: string): string {
  let parts = selectTexts.get(t);
  if (!parts) selectTexts.set(t, (parts = t('lists.selectRow', { title: MARK }).split(MARK) as [string, string]));
  return `${parts[0]}${title}${parts[1] ?? ''}`;
}

/** A cell's value: the title and links to other records as links, the rest as text. */
function cellValue(def: ObjectDef, field: FieldDef, row: RecordRow, titles: Map<string, string> | undefined, language: string, t: TFunction) {
  const value = row[field.name];
  if (field.name === def.titleField) {
    return (
      <a className="gx-link" href={`/${def.name}/${row.id}`} tabIndex={-1}>
        {String(value ?? t('common.untitled'))}
      </a>
    );
  }
  if ((field.type === 'lookup' || field.type === 'owner') && typeof value === 'string') {
    const title = titles?.get(value) ?? '…';
    const target = targetOf(field);
    if (field.type === 'owner' || !target) return title;
    return (
      <a className="gx-link" href={`/${target}/${value}`}>
        {title}
      </a>
    );
  }
  if (field.type === 'richText') return <FieldValue field={field} value={value} titles={titles} />;
  return formatValue(field, value, language, (label: Label) => (language === 'en' ? label.en : label['zh-CN']));
}

/** The column of the cell an event happened in, or -1 (the check box, or inside an open editor). */
const columnOf = (target: EventTarget) => {
  const element = target as HTMLElement;
  if (element.closest('[data-editor]')) return -1;
  return Number(element.closest<HTMLElement>('[data-col]')?.dataset.col ?? -1);
};

export const GridRow = memo(function GridRow(props: Props) {
  const { def, columns, row, index, top, isSelected, editingColumn, activeColumn, canEdit, titles, language, t, cellId, onToggle, onActivate, onEdit, onOpen } = props;
  const isEditable = (col: number) => canEdit && col >= 0 && isInlineEditable(columns[col]!);
  const begin = (col: number) => {
    if (isEditable(col) && editingColumn !== col) onEdit(row.id, col);
  };
  const onFocus = (event: FocusEvent) => {
    const col = columnOf(event.target);
    if (col >= 0) onActivate(index, col);
  };
  const onDoubleClick = (event: MouseEvent) => begin(columnOf(event.target));
  // Enter edits a cell, except the title's, where it opens the record like its link; F2 edits any cell.
  const onKeyDown = (event: KeyboardEvent) => {
    const col = columnOf(event.target);
    if (col < 0 || col === editingColumn || (event.key !== 'Enter' && event.key !== 'F2')) return;
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Enter' && columns[col]!.name === def.titleField) onOpen(`/${def.name}/${row.id}`);
    else begin(col);
  };
  // Links in cells open in the app, as react-router's Link would (a new tab with a modifier key).
  const onClick = (event: MouseEvent) => {
    const link = (event.target as HTMLElement).closest<HTMLAnchorElement>('a.gx-link');
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onOpen(link.getAttribute('href')!);
  };
  const finish = () => {
    onEdit(row.id, null);
    const id = cellId(index, editingColumn);
    setTimeout(() => document.getElementById(id)?.focus());
  };

  return (
    <div
      role="row"
      className="gx-row"
      aria-rowindex={index + 2}
      aria-selected={isSelected}
      style={{ transform: `translateY(${top}px)`, zIndex: editingColumn >= 0 ? 2 : undefined }}
      onFocus={onFocus}
      onDoubleClick={onDoubleClick}
      onKeyDown={onKeyDown}
      onClick={onClick}
    >
      <div role="gridcell" className="gx-check-cell">
        <input
          type="checkbox"
          className="gx-row-check"
          aria-label={selectRowLabel(t, String(row[def.titleField] ?? t('common.untitled')))}
          checked={isSelected}
          onChange={() => onToggle(row.id)}
        />
      </div>
      {columns.map((c, col) => (
        <div key={c.name} id={cellId(index, col)} role="gridcell" className="gx-cell" data-col={col} tabIndex={activeColumn === col ? 0 : -1} aria-readonly={!isEditable(col)}>
          {cellValue(def, c, row, titles.get(c.name), language, t)}
          {editingColumn === col && (
            <Suspense fallback={null}>
              <CellEditor def={def} field={c} row={row} isLastColumn={col === columns.length - 1 && col > 0} onClose={finish} />
            </Suspense>
          )}
        </div>
      ))}
    </div>
  );
});
