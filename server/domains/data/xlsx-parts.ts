// The fixed parts of an Office Open XML workbook with one sheet (ECMA-376 part 1, SpreadsheetML), and
// its styles: bold headers, dates, date-times and one amount format per currency met in the data.

const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const relationships = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const packageRelationships = 'http://schemas.openxmlformats.org/package/2006/relationships';
const declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// Characters XML 1.0 cannot carry at all (controls other than tab and line ends, non-characters, lone surrogates).
// oxlint-disable-next-line no-control-regex -- these control characters are exactly what must be removed
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe inside an XML element or a double-quoted attribute. */
export function xmlText(text: string): string {
  return text.replace(notXml, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** [Content_Types].xml: what each part is. */
export const contentTypesXml = `${declaration}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
</Types>`;

/** _rels/.rels: the package's main part is the workbook. */
export const packageRelsXml = `${declaration}<Relationships xmlns="${packageRelationships}">\
<Relationship Id="rId1" Type="${relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

/** xl/_rels/workbook.xml.rels: the workbook's sheet and styles. */
export const workbookRelsXml = `${declaration}<Relationships xmlns="${packageRelationships}">\
<Relationship Id="rId1" Type="${relationships}/worksheet" Target="worksheets/sheet1.xml"/>\
<Relationship Id="rId2" Type="${relationships}/styles" Target="styles.xml"/></Relationships>`;

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(label: string): string {
  const name = label.replace(/[:\\/?*[\]]/g, ' ').replace(notXml, '').trim().slice(0, 31);
  return name || 'Sheet1';
}

/** xl/workbook.xml: one sheet, named after the object. */
export function workbookXml(name: string): string {
  return `${declaration}<workbook xmlns="${main}" xmlns:r="${relationships}"><sheets>\
<sheet name="${xmlText(sheetName(name))}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
}

/** Cell style indexes (cellXfs) of the styles every workbook has. */
export const styleIndex = { header: 1, date: 2, datetime: 3 } as const;
const fixedStyleCount = 4;
const firstCustomFormat = 164;

/** The styles of one workbook: the fixed ones, plus an amount format per currency, added as met. */
export class WorkbookStyles {
  readonly #currencies: string[] = [];

  /** The cell style of amounts in `currency` (plain numbers for an unexpected code). */
  moneyStyle(currency: string): number {
    if (!/^[A-Z]{3}$/.test(currency)) return 0;
    let index = this.#currencies.indexOf(currency);
    if (index < 0) index = this.#currencies.push(currency) - 1;
    return fixedStyleCount + index;
  }

  /** xl/styles.xml, written after the sheet so that it knows every currency used. */
  toXml(): string {
    const formats = ['yyyy-mm-dd', 'yyyy-mm-dd hh:mm:ss', ...this.#currencies.map((code) => `#,##0.00## "${code}"`)];
    const numFmts = formats.map((code, i) => `<numFmt numFmtId="${firstCustomFormat + i}" formatCode="${xmlText(code)}"/>`).join('');
    const xf = (numFmtId: number, fontId = 0) =>
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="0" xfId="0"${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}/>`;
    const xfs = [xf(0), xf(0, 1), xf(firstCustomFormat), xf(firstCustomFormat + 1), ...this.#currencies.map((_, i) => xf(firstCustomFormat + 2 + i))];
    return `${declaration}<styleSheet xmlns="${main}"><numFmts count="${formats.length}">${numFmts}</numFmts>\
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
  }
}
