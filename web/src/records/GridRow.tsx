// One row of the list grid. Memoized: while the list scrolls only rows coming into view render, so
// scrolling through thousands of records stays free of long tasks.
import { memo } from 'react';
import './grid.css';
import { useLanguage } from '../i18n/use-language.ts';
import type { FieldDef, ObjectDef } from '../app/metadata.ts';
import { EditableCell, isInlineEditable } from './EditableCell.tsx';
import type { RecordRow } from './useRecordList.ts';

export const ROW_HEIGHT = 40;

interface Props {
  def: ObjectDef;
  columns: FieldDef[];
  template: string;
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

export const GridRow = memo(function GridRow({ def, columns, template, row, index, top, isSelected, isEditing, activeColumn, canEdit, titles, cellId, onToggle, onActivate, onEditingChange }: Props) {
  const { t } = useLanguage();
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={isSelected}
      style={{
        position: 'absolute',
        top: 0,
        left: 0,
        right: 0,
        transform: `translateY(${top}px)`,
        display: 'grid',
        gridTemplateColumns: template,
        height: ROW_HEIGHT,
        alignItems: 'center',
        borderBottom: '1px solid var(--mantine-color-gray-2)',
        background: isSelected ? 'var(--mantine-primary-color-light)' : 'var(--mantine-color-body)',
        zIndex: isEditing ? 2 : undefined,
      }}
    >
      <div role="gridcell" style={{ display: 'flex', alignItems: 'center', padding: '0 12px' }}>
        <input
          type="checkbox"
          className="gx-row-check"
          aria-label={t('lists.selectRow', { title: String(row[def.titleField] ?? t('common.untitled')) })}
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
          onFocusCell={() => onActivate(index, col)}
          onEditingChange={(isEditing) => onEditingChange(isEditing ? row.id : null)}
        />
      ))}
    </div>
  );
});
