// An XLSX workbook written as a stream: one sheet whose rows are encoded page by page as they come,
// inside a ZIP deflated on the fly. Numbers, amounts, dates and yes/no stay typed; every text is an
// inline string (never a formula), made formula-safe like the CSV.
import type { Cell } from './cells.ts';
import { neutraliseFormula, neutralisePhone } from './formula-guard.ts';
import { zipStream } from './zip-stream.ts';
import { contentTypesXml, packageRelsXml, styleIndex, workbookRelsXml, workbookXml, WorkbookStyles, xmlText } from './xlsx-parts.ts';

/** Excel's limits: rows per sheet (the header is one) and characters per cell. */
export const MAX_XLSX_ROWS = 1_048_576;
const MAX_CELL_TEXT = 32_767;
const DAY_MS = 86_400_000;
// Day 0 of Excel's 1900 date system is 1899-12-30, counted with its (historical) leap day of 1900.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const FIRST_SERIAL_DATE_MS = Date.UTC(1900, 2, 1);

/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function inlineString(ref: string, text: string, style = 0, neutralise = neutraliseFormula): string {
  const safe = xmlText(neutralise(text).slice(0, MAX_CELL_TEXT));
  return `<c r="${ref}" t="inlineStr"${style ? ` s="${style}"` : ''}><is><t xml:space="preserve">${safe}</t></is></c>`;
}

/** Excel's serial day number of an ISO date or instant (UTC), or undefined before 1900-03-01. */
export function excelSerial(iso: string): number | undefined {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  if (!Number.isFinite(ms) || ms < FIRST_SERIAL_DATE_MS) return undefined;
  return (ms - EXCEL_EPOCH_MS) / DAY_MS;
}

function cellXml(ref: string, cell: Cell, styles: WorkbookStyles): string {
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'number':
      return Number.isFinite(cell.value) ? `<c r="${ref}"><v>${cell.value}</v></c>` : inlineString(ref, String(cell.value));
    case 'money': {
      const amount = Number(cell.amount);
      if (!Number.isFinite(amount)) return inlineString(ref, `${cell.currency} ${cell.amount}`);
      const style = styles.moneyStyle(cell.currency);
      return `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${amount}</v></c>`;
    }
    case 'boolean':
      return `<c r="${ref}" t="b"><v>${cell.value ? 1 : 0}</v></c>`;
    case 'date':
    case 'datetime': {
      const serial = excelSerial(cell.iso);
      return serial === undefined ? inlineString(ref, cell.iso) : `<c r="${ref}" s="${styleIndex[cell.kind]}"><v>${serial}</v></c>`;
    }
    case 'text':
      return inlineString(ref, cell.text);
    case 'phone':
      return inlineString(ref, cell.e164, 0, neutralisePhone);
  }
}

/** Options of one workbook. */
export interface XlsxOptions {
  sheetName: string;
  titles: readonly string[];
  /** Pages of rows, pulled one at a time as the reader takes the bytes. */
  pages: AsyncIterable<readonly (readonly Cell[])[]>;
  /** Told how many rows each page added to the sheet (rows past Excel's limit are left out). */
  onRows: (count: number) => void;
}

async function* sheetXml(options: XlsxOptions, styles: WorkbookStyles): AsyncGenerator<string> {
  const letters = options.titles.map((_, i) => columnLetters(i));
  yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    (letters.length ? `<cols><col min="1" max="${letters.length}" width="20" customWidth="1"/></cols>` : '') +
    `<sheetData><row r="1">${options.titles.map((title, i) => inlineString(`${letters[i]}1`, title, styleIndex.header)).join('')}</row>`;
  let rowNumber = 1;
  for await (const page of options.pages) {
    const room = MAX_XLSX_ROWS - rowNumber;
    const rows = page.length > room ? page.slice(0, room) : page;
    let xml = '';
    for (const cells of rows) {
      rowNumber++;
      xml += `<row r="${rowNumber}">`;
      for (let i = 0; i < cells.length; i++) xml += cellXml(`${letters[i]}${rowNumber}`, cells[i]!, styles);
      xml += '</row>';
    }
    yield xml;
    options.onRows(rows.length);
    if (rowNumber >= MAX_XLSX_ROWS) break;
  }
  yield '</sheetData></worksheet>';
}

/** The bytes of the workbook, produced as they are read. */
export function xlsxFile(options: XlsxOptions): AsyncGenerator<Buffer> {
  const styles = new WorkbookStyles();
  const fixed = (xml: string) => async function* () {
    yield xml;
  };
  return zipStream([
    { name: '[Content_Types].xml', content: fixed(contentTypesXml) },
    { name: '_rels/.rels', content: fixed(packageRelsXml) },
    { name: 'xl/workbook.xml', content: fixed(workbookXml(options.sheetName)) },
    { name: 'xl/_rels/workbook.xml.rels', content: fixed(workbookRelsXml) },
    { name: 'xl/worksheets/sheet1.xml', content: () => sheetXml(options, styles) },
    // Last, so that it knows every currency the sheet used.
    { name: 'xl/styles.xml', content: async function* () {
      yield styles.toXml();
    } },
  ]);
}
