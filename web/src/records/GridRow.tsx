// One row of the list grid. Memoized: while the list scrolls only rows coming into view render, so
// scrolling through thousands of records stays free of long tasks. Its look is in grid.css and its
// column widths come from the row group (`--gx-columns`), so a resize does not render the rows.
import { memo } from 'react';
import type { TFunction } from 'i18next';
import './grid.css';
import { useLanguage } from '../i18n/use-language.ts';
import type { FieldDef, ObjectDef } from '../app/metadata.ts';
import { EditableCell, isInlineEditable } from './EditableCell.tsx';
import type { RecordRow } from './useRecordList.ts';

export const ROW_HEIGHT = 40;

interface Props {
  def: ObjectDef;
  columns: FieldDef[];
  row: RecordRow;
  index: number;
  top: number;
  isSelected: boolean;
  isEditing: boolean;
  /** The column of the keyboard's cell when it is in this row, -1 otherwise. */
  activeColumn: number;
  canEdit: boolean;
  titles: Map<string, Map<string, string> | undefined>;
  cellId: (row: number, col: number) => string;
  onToggle: (id: string) => void;
  onActivate: (row: number, col: number) => void;
  onEditingChange: (id: string | null) => void;
}

const MARK = '\u0001';
const selectTexts = new Map<TFunction, [string, string]>();
/** "Select {title}" without running i18next's interpolation for every row mounted while scrolling. */
function selectRowLabel(t: TFunction, title: string): string {
  let parts = selectTexts.get(t);
  if (!parts) selectTexts.set(t, (parts = t('lists.selectRow', { title: MARK }).split(MARK) as [string, string]));
  return `${parts[0]}${title}${parts[1] ?? ''}`;
}

export const GridRow = memo(function GridRow({ def, columns, row, index, top, isSelected, isEditing, activeColumn, canEdit, titles, cellId, onToggle, onActivate, onEditingChange }: Props) {
  const { t, language } = useLanguage();
  return (
    <div role="row" className="gx-row" aria-rowindex={index + 2} aria-selected={isSelected} style={{ transform: `translateY(${top}px)`, zIndex: isEditing ? 2 : undefined }}>
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
        <EditableCell
          key={c.name}
          def={def}
          field={c}
          row={row}
          titles={titles.get(c.name)}
          isEditable={canEdit && isInlineEditable(c)}
          isLastColumn={col === columns.length - 1 && col > 0}
          isActive={activeColumn === col}
          cellId={cellId(index, col)}
          language={language}
          t={t}
          onFocusCell={() => onActivate(index, col)}
          onEditingChange={(isCellEditing) => onEditingChange(isCellEditing ? row.id : null)}
        />
      ))}
    </div>
  );
});
