// The streamed reader of an import (`openTable`) gives exactly the rows `readTable` gives — blank lines
// dropped, short rows padded, quoted line breaks and multi-byte characters across its decoding chunks —
// so row numbers agree between the run, the dry run and the error file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTable, readTable, writeCsv, type ImportSource } from './import-file.ts';

/** A file larger than several decoding chunks: Chinese text, quoted breaks and commas, blank and short rows. */
function lines(): string[][] {
  const out: string[][] = [['姓名', 'Notes', 'City']];
  for (let i = 0; i < 20_000; i++) {
    if (i % 997 === 0) out.push(['', '', '']);
    out.push(i % 13 === 0 ? [`张伟${i}`] : [`张伟${i} Zhang`, `第${i}行, "引号"\n第二行 ${'长'.repeat(i % 40)}`, i % 2 ? '上海' : 'Hangzhou']);
  }
  return out;
}

async function streamed(bytes: Buffer, source: ImportSource, size: number) {
  const reader = await openTable(bytes, source);
  const rows: string[][] = [];
  for (let batch = await reader.next(size); batch.length > 0; batch = await reader.next(size)) rows.push(...batch);
  return { header: reader.header, rows };
}

for (const encoding of ['utf-8', 'utf-8-bom', 'gb18030'] as const) {
  test(`a ${encoding} CSV read as a stream gives readTable's header and rows`, async () => {
    const source: ImportSource = { format: 'csv', encoding, delimiter: ',' };
    const bytes = writeCsv(lines(), source);
    assert.ok(bytes.length > 3 * 256 * 1024, 'spans several decoding chunks');
    const whole = await readTable(bytes, source);
    const inBatches = await streamed(bytes, source, 777);
    assert.deepEqual(inBatches.header, whole.header);
    assert.equal(inBatches.rows.length, whole.rows.length);
    assert.deepEqual(inBatches.rows, whole.rows);
  });
}

test('a semicolon CSV without a header row is refused like readTable refuses it', async () => {
  const source: ImportSource = { format: 'csv', encoding: 'utf-8', delimiter: ';' };
  await assert.rejects(openTable(Buffer.from('\n \n'), source), /no header/);
  const reader = await openTable(Buffer.from('a;b\n1\n\n2;3;4\n'), source);
  assert.deepEqual(await reader.next(10), [['1', ''], ['2', '3']]);
  assert.deepEqual(await reader.next(10), []);
});
