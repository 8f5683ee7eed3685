// Formula injection: which texts a spreadsheet would run, and what the CSV and XLSX writers make of
// them. Texts get a leading apostrophe; real numbers stay numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isFormulaLike, neutraliseFormula, neutralisePhone } from './formula-guard.ts';
import { csvCellText, csvLine } from './csv-format.ts';

const tricky: Array<[string, boolean]> = [
  ['=1+1', true],
  [' =1+1', true],
  ['   =1+1', true],
  ['\u0000=cmd', true],
  ['\u0001\u0002+cmd', true],
  ['\u00A0=1', true], // no-break space
  ['\u3000=1', true], // ideographic space
  ['\u200B=1', true], // zero-width space
  ['\uFEFF@SUM(A1)', true],
  ['\n=1+1', true],
  ['+1', true],
  ['-5', true],
  ['-', true],
  ['@SUM(A1:A9)', true],
  ["=HYPERLINK(\"http://evil\",\"x\")", true],
  ['＝1+1', true], // full-width equals sign
  ['\tplain', true],
  ['\rplain', true],
  ['plain', false],
  ['a=1', false],
  ['上海 = 1', false],
  ['5-3', false],
  ['', false],
  ['   ', false],
  ["'=1", false],
  ['e-mail', false],
];

for (const [input, isFormula] of tricky) {
  test(`${JSON.stringify(input)} is ${isFormula ? '' : 'not '}formula-like`, () => {
    assert.equal(isFormulaLike(input), isFormula);
    assert.equal(neutraliseFormula(input), isFormula ? `'${input}` : input);
  });
}

test('a text -5 is quoted in CSV, a number -5 is not; amounts and dates are written as data', () => {
  assert.equal(csvCellText({ kind: 'text', text: '-5' }), "'-5");
  assert.equal(csvCellText({ kind: 'number', value: -5 }), '-5');
  assert.equal(csvCellText({ kind: 'money', amount: '-12.50', currency: 'CNY' }), 'CNY -12.50', 'no minus sign opens the cell');
  assert.equal(csvCellText({ kind: 'date', iso: '2026-01-02' }), '2026-01-02');
  assert.equal(csvCellText({ kind: 'boolean', value: true }), 'TRUE');
  assert.equal(csvCellText({ kind: 'empty' }), '');
});

test('phone numbers in E.164 stay as they are; anything else in a phone cell is made safe', () => {
  assert.equal(neutralisePhone('+8613812345678'), '+8613812345678');
  assert.equal(neutralisePhone('+1+cmd|calc'), "'+1+cmd|calc");
  assert.equal(neutralisePhone('=1'), "'=1");
});

test('CSV lines quote commas, quotes and line breaks (RFC 4180) after neutralising', () => {
  assert.equal(
    csvLine([{ kind: 'text', text: 'a,b' }, { kind: 'text', text: 'say "hi"' }, { kind: 'text', text: 'two\nlines' }, { kind: 'text', text: '=1,2' }]),
    '"a,b","say ""hi""","two\nlines","\'=1,2"\r\n',
  );
  assert.equal(csvLine([{ kind: 'text', text: '\r=1' }]), `"'\r=1"\r\n`, 'a leading CR is quoted and neutralised');
});
