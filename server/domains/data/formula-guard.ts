// Spreadsheet formula injection (CWE-1236): a cell whose text Excel, LibreOffice or Sheets would read
// as a formula (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`) runs when the file is opened. Exported text is
// made inert by a leading apostrophe, the spreadsheet's own "this is text" mark.

// Leading spaces, control and invisible format characters are skipped by spreadsheets before they
// decide, so they are skipped here too; the full-width signs are read as formulas by some input methods.
const formulaStart = /^(?:[\t\r]|[\p{Zs}\p{Cc}\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u;

/** Whether a text would be taken for a formula by a spreadsheet. */
export function isFormulaLike(text: string): boolean {
  return formulaStart.test(text);
}

/** The text with a leading `'` when a spreadsheet would take it for a formula; unchanged otherwise. */
export function neutraliseFormula(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

const e164 = /^\+[1-9]\d{1,14}$/;

/** A phone number as written: E.164 as it is (a plus and digits is a number, not a formula), anything else made safe. */
export function neutralisePhone(text: string): string {
  return e164.test(text) ? text : neutraliseFormula(text);
}
