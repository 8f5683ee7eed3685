// CSV rows (RFC 4180): comma-separated, CRLF line ends, a field quoted when it holds a comma, a quote
// or a line break, quotes doubled inside. The file starts with a byte order mark so that Excel reads
// it as UTF-8 (Chinese text is garbled otherwise).
import type { Cell } from './cells.ts';
import { neutraliseFormula, neutralisePhone } from './formula-guard.ts';

/** The UTF-8 byte order mark that opens every CSV export. */
export const utf8Bom = '\uFEFF';

const needsQuotes = /[",\r\n]/;

/** One CSV field, quoted when needed. */
export function csvField(text: string): string {
  return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A cell as CSV text: numbers as written by the API, text made formula-safe. */
export function csvCellText(cell: Cell): string {
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'number':
      return String(cell.value);
    case 'money':
      // Code first: a negative amount never opens the cell with a minus sign.
      return `${cell.currency} ${cell.amount}`;
    case 'boolean':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'date':
    case 'datetime':
      return cell.iso;
    case 'text':
      return neutraliseFormula(cell.text);
    case 'phone':
      return neutralisePhone(cell.e164);
  }
}

/** One CSV line (with its CRLF) for a row of cells. */
export function csvLine(cells: readonly Cell[]): string {
  return cells.map((cell) => csvField(csvCellText(cell))).join(',') + '\r\n';
}

/** The header line: plain texts, made formula-safe like any other text. */
export function csvHeaderLine(titles: readonly string[]): string {
  return titles.map((title) => csvField(neutraliseFormula(title))).join(',') + '\r\n';
}
