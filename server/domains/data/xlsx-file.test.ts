// The XLSX writer on its own: a workbook read back entry by entry (CRC-checked ZIP), typed cells,
// formula-safe texts, XML-unsafe characters dropped, Excel's row limit, and the file name header.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Cell } from './cells.ts';
import { columnLetters, excelSerial, xlsxFile } from './xlsx-file.ts';
import { sheetName } from './xlsx-parts.ts';
import { attachmentDisposition } from './filename.ts';
import { readSheet } from './test-xlsx.ts';

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function* pagesOf(...pages: Cell[][][]) {
  yield* pages;
}

test('a workbook with typed cells and inert texts, read back from its bytes', async () => {
  let counted = 0;
  const bytes = await collect(
    xlsxFile({
      sheetName: '客户: 上海/北京',
      titles: ['名称', '=金额', '日期', '是否'],
      pages: pagesOf(
        [[{ kind: 'text', text: '\u0000=cmd' }, { kind: 'money', amount: '-12.5', currency: 'USD' }, { kind: 'date', iso: '2026-01-02' }, { kind: 'boolean', value: true }]],
        [[{ kind: 'text', text: 'a < b & "c"' }, { kind: 'number', value: -5 }, { kind: 'datetime', iso: '1899-01-01T00:00:00Z' }, { kind: 'empty' }]],
      ),
      onRows: (count) => (counted += count),
    }),
  );
  assert.equal(counted, 2);
  const { rows, files } = readSheet(bytes);
  assert.match(files.get('xl/workbook.xml')!.toString(), /<sheet name="客户  上海 北京"/);
  assert.deepEqual(rows[0]!.map((c) => [c.value, c.style]), [['名称', 1], ["'=金额", 1], ['日期', 1], ['是否', 1]]);
  assert.deepEqual(rows[1], [
    { ref: 'A2', type: 's', style: 0, value: "'=cmd" },
    { ref: 'B2', type: 'n', style: 4, value: '-12.5' },
    { ref: 'C2', type: 'n', style: 2, value: String(excelSerial('2026-01-02')) },
    { ref: 'D2', type: 'b', style: 0, value: '1' },
  ]);
  assert.deepEqual(rows[2], [
    { ref: 'A3', type: 's', style: 0, value: 'a < b & "c"' },
    { ref: 'B3', type: 'n', style: 0, value: '-5' },
    { ref: 'C3', type: 's', style: 0, value: '1899-01-01T00:00:00Z' },
  ], 'a date Excel cannot count is text; an empty cell is left out');
  assert.match(files.get('xl/styles.xml')!.toString(), /formatCode="#,##0\.00## &quot;USD&quot;"/);
});

test('Excel serials, column letters and sheet names', () => {
  assert.equal(excelSerial('1900-03-01'), 61);
  assert.equal(excelSerial('2026-01-01'), 46023);
  assert.equal(excelSerial('2026-01-01T12:00:00Z'), 46023.5);
  assert.equal(excelSerial('1900-01-01'), undefined);
  assert.deepEqual([0, 25, 26, 51, 52, 701, 702].map(columnLetters), ['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  assert.equal(sheetName('[]'), 'Sheet1');
  assert.equal(sheetName('x'.repeat(40)).length, 31);
});

test('the download name: ASCII fallback and RFC 5987 UTF-8 name, nothing unsafe', () => {
  const day = new Date('2026-12-05T10:00:00Z');
  assert.equal(attachmentDisposition('客户', 'accounts', 'csv', day), `attachment; filename="accounts-2026-12-05.csv"; filename*=UTF-8''%E5%AE%A2%E6%88%B7-2026-12-05.csv`);
  const odd = attachmentDisposition('a/b"c\r\n;d(e)\'*', 'xOdd', 'xlsx', day);
  assert.equal(odd, `attachment; filename="xOdd-2026-12-05.xlsx"; filename*=UTF-8''a%20b%20c%20d%28e%29%27-2026-12-05.xlsx`);
});
