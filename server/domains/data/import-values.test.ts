// The pure parts of imports: column titles suggested in both languages, dates in the ways people
// write them, encodings and delimiters detected from the bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { contacts } from '../../objects/contacts.ts';
import { detectDelimiter, detectEncoding, readTable, writeCsv } from './import-file.ts';
import { normaliseTitle, suggestColumns } from './import-settings.ts';
import { readDate } from './import-values.ts';

test('column titles find fields by API name or either label, ignoring case, spaces and marks', () => {
  assert.equal(normaliseTitle(' E-Mail * '), 'email');
  const columns = suggestColumns(['姓名*', 'EMAIL', 'Job Title', 'Account', 'Accounts', '手 机', 'unknown', '邮箱'], contacts.fields);
  assert.deepEqual(columns, { '姓名*': 'name', EMAIL: 'email', 'Job Title': 'title', Account: 'accountId', Accounts: 'accountIds', '手 机': 'mobile' });
});

test('dates are read as written in China and elsewhere, and impossible days are refused', () => {
  for (const text of ['2024-03-05', '2024/3/5', '2024.3.5', '2024年3月5日', '２０２４年３月５日', '2024-03-05 09:30', '45356']) {
    assert.equal(readDate(text, 'ymd'), '2024-03-05', text);
  }
  assert.equal(readDate('5/3/2024', 'dmy'), '2024-03-05');
  assert.equal(readDate('3/5/2024', 'mdy'), '2024-03-05');
  for (const text of ['2024/2/30', '2023年2月29日', '2024-13-01', 'tomorrow', '']) assert.equal(readDate(text, 'ymd'), undefined, text);
  assert.equal(readDate('2024/2/29', 'ymd'), '2024-02-29');
});

test('encodings and delimiters are detected, and a GB18030 table reads back from what was written', async () => {
  const text = '名称;城市\r\n甲;"上海;浦东"\r\n';
  assert.equal(detectEncoding(iconv.encode(text, 'gb18030')), 'gb18030');
  assert.equal(detectEncoding(Buffer.from(text)), 'utf-8');
  assert.equal(detectEncoding(Buffer.from(`\uFEFF${text}`)), 'utf-8-bom');
  assert.equal(detectDelimiter(text), ';');
  assert.equal(detectDelimiter('a\tb,c\td\n'), '\t');
  const source = { format: 'csv', encoding: 'gb18030', delimiter: ';' } as const;
  const table = await readTable(writeCsv([['名称', '城市'], ['甲', '上海;浦东']], source), source);
  assert.deepEqual(table, { header: ['名称', '城市'], rows: [['甲', '上海;浦东']] });
});
