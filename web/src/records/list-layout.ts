// The layout of a list as plain data: the sort in the API's language ("-amount,name"), the order of
// the columns and their widths. Kept free of React so it can be tested on its own.

export interface SortKey {
  field: string;
  isDescending: boolean;
}

export const MIN_WIDTH = 80;
export const MAX_WIDTH = 800;
export const DEFAULT_WIDTH = 160;

/** The keys of a sort written as the API reads it. */
export function parseSort(sort: string): SortKey[] {
  return sort
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => (part.startsWith('-') ? { field: part.slice(1), isDescending: true } : { field: part, isDescending: false }));
}

/** The sort keys written as the API reads them. */
export const formatSort = (keys: SortKey[]) => keys.map((k) => (k.isDescending ? `-${k.field}` : k.field)).join(',');

/**
 * The sort after a click on a column header. A plain click sorts by that column alone (descending
 * first, then flipping); with Shift the column is added as the next key, or flipped where it is.
 */
export function toggleSort(sort: string, field: string, isAdding: boolean): string {
  const keys = parseSort(sort);
  const current = keys.find((k) => k.field === field);
  if (!isAdding) return formatSort([{ field, isDescending: keys.length === 1 && current ? !current.isDescending : true }]);
  if (current) return formatSort(keys.map((k) => (k.field === field ? { field, isDescending: !k.isDescending } : k)));
  return formatSort([...keys, { field, isDescending: false }]);
}

/** How a column takes part in the sort: its direction and its place (1 for the first key). */
export function sortStateOf(sort: string, field: string): { direction: 'ascending' | 'descending' | 'none'; position: number } {
  const keys = parseSort(sort);
  const index = keys.findIndex((k) => k.field === field);
  if (index < 0) return { direction: 'none', position: 0 };
  return { direction: keys[index]!.isDescending ? 'descending' : 'ascending', position: index + 1 };
}

/** The columns with the one at `from` moved to `to`. */
export function moveColumn(columns: string[], from: number, to: number): string[] {
  if (from === to || from < 0 || from >= columns.length || to < 0 || to >= columns.length) return columns;
  const next = [...columns];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  return next;
}

/** A width a column may have, in whole pixels. */
export const clampWidth = (width: number) => Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width)));

/** The CSS grid columns: a check box, then each column at its width (the last one takes what is left). */
export function gridTemplate(columns: string[], widths: Record<string, number>, hasSelection: boolean): string {
  const sizes = columns.map((name, i) => {
    const width = widths[name] ?? DEFAULT_WIDTH;
    return i === columns.length - 1 ? `minmax(${width}px, 1fr)` : `${width}px`;
  });
  return [...(hasSelection ? ['44px'] : []), ...sizes].join(' ');
}

/** The least width of the grid in pixels: the check box and every column at its width. */
export const gridWidth = (columns: string[], widths: Record<string, number>) => 44 + columns.reduce((sum, name) => sum + (widths[name] ?? DEFAULT_WIDTH), 0);
