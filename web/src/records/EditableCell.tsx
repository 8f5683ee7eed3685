// One cell of the list. Double-click, Enter or F2 edits it in place (Enter on the title opens the
// record); the editor (CellEditor) is mounted only while editing. A list shows hundreds of these cells
// and mounts a dozen more on every frame of a fast scroll, so the cell is plain elements and no hooks
// but its editing state.
import { useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import type { TFunction } from 'i18next';
import { formatValue } from '../app/format.ts';
import type { FieldDef, Label, ObjectDef } from '../app/metadata.ts';
import { targetOf } from '../app/titles.ts';
import { CellEditor } from './CellEditor.tsx';
import { FieldValue } from './FieldValue.tsx';
import type { RecordRow } from './useRecordList.ts';

interface Props {
  def: ObjectDef;
  field: FieldDef;
  row: RecordRow;
  titles?: Map<string, string>;
  isEditable: boolean;
  isActive: boolean;
  /** The editor opens leftwards from the last column, so it stays inside the grid. */
  isLastColumn?: boolean;
  cellId: string;
  language: string;
  t: TFunction;
  onFocusCell: () => void;
  /** Editing raises the row above its neighbours so the editor is not hidden under them. */
  onEditingChange: (isEditing: boolean) => void;
}

const NOT_INLINE = new Set(['multiLookup', 'address', 'json', 'autoNumber', 'parent', 'richText', 'longText', 'boolean']);

/** Whether a field can be changed in a list cell. */
export const isInlineEditable = (field: FieldDef) => !field.isReadOnly && !NOT_INLINE.has(field.type) && !field.targetFrom;

/** The cell's value: the title and links to other records as links, the rest as text. */
function CellValue({ def, field, row, titles, language, t }: Pick<Props, 'def' | 'field' | 'row' | 'titles' | 'language' | 't'>) {
  const value = row[field.name];
  if (field.name === def.titleField) {
    return (
      <Link className="gx-link" to={`/${def.name}/${row.id}`} tabIndex={-1}>
        {String(value ?? t('common.untitled'))}
      </Link>
    );
  }
  if ((field.type === 'lookup' || field.type === 'owner') && typeof value === 'string') {
    const title = titles?.get(value) ?? '…';
    const target = targetOf(field);
    if (field.type === 'owner' || !target) return <span>{title}</span>;
    return (
      <Link className="gx-link" to={`/${target}/${value}`}>
        {title}
      </Link>
    );
  }
  if (field.type === 'richText') return <FieldValue field={field} value={value} titles={titles} />;
  const pick = (label: Label) => (language === 'en' ? label.en : label['zh-CN']);
  return <>{formatValue(field, value, language, pick)}</>;
}

export function EditableCell({ def, field, row, titles, isEditable, isActive, isLastColumn, cellId, language, t, onFocusCell, onEditingChange }: Props) {
  const [isEditing, setEditing] = useState(false);
  const begin = () => {
    if (!isEditable || isEditing) return;
    setEditing(true);
    onEditingChange(true);
  };
  const finish = () => {
    setEditing(false);
    onEditingChange(false);
    setTimeout(() => document.getElementById(cellId)?.focus());
  };
  // Enter edits a cell, except the title's, where it opens the record like its link; F2 edits any cell.
  const onCellKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (isEditing || (event.key !== 'Enter' && event.key !== 'F2')) return;
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Enter' && field.name === def.titleField) event.currentTarget.querySelector('a')?.click();
    else begin();
  };

  return (
    <div id={cellId} role="gridcell" className="gx-cell" tabIndex={isActive ? 0 : -1} aria-readonly={!isEditable} onFocus={onFocusCell} onDoubleClick={begin} onKeyDown={onCellKey}>
      <div className="gx-cell-text">
        <CellValue def={def} field={field} row={row} titles={titles} language={language} t={t} />
      </div>
      {isEditing && <CellEditor def={def} field={field} row={row} isLastColumn={isLastColumn} onClose={finish} />}
    </div>
  );
}
