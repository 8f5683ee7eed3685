// Reading an uploaded table: which encoding and delimiter a CSV has (detected, then as the user
// says), its header and rows. Writing one back (the error file) in the same encoding and delimiter.
import { Readable } from 'node:stream';
import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { csvField } from './csv-format.ts';
import { isVcard, readVcardTable } from './vcard-read.ts';
import { readXlsxRows } from './xlsx-read.ts';

import { importDelimiters, type ImportDelimiter, type ImportEncoding, type ImportSource } from './import-shape.ts';

export { importDelimiters, importEncodings, type ImportDelimiter, type ImportEncoding, type ImportSource } from './import-shape.ts';

/** A file's cells: the header and the data rows, every cell as text. */
export interface ImportTable {
  header: string[];
  rows: string[][];
}

/** A file that cannot be read as a table (the caller turns it into a 400). */
export class UnreadableFileError extends Error {}

const utf8Bom = Buffer.from([0xef, 0xbb, 0xbf]);
const zipMagic = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The encoding of CSV bytes: a BOM says UTF-8; valid UTF-8 is UTF-8; anything else is read as GB18030 (GBK's superset). */
export function detectEncoding(bytes: Buffer): ImportEncoding {
  if (bytes.subarray(0, 3).equals(utf8Bom)) return 'utf-8-bom';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** The text of CSV bytes in an encoding (without the BOM). */
export function decodeText(bytes: Buffer, encoding: ImportEncoding): string {
  if (encoding === 'gb18030') return new TextDecoder('gb18030').decode(bytes);
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** The delimiter of the header line: the candidate found most often outside quotes (a comma on a tie). */
export function detectDelimiter(text: string): ImportDelimiter {
  const counts = new Map<string, number>();
  let isQuoted = false;
  for (const char of text) {
    if (char === '"') isQuoted = !isQuoted;
    else if (!isQuoted && (char === '\n' || char === '\r')) break;
    else if (!isQuoted) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best: ImportDelimiter = ',';
  for (const candidate of importDelimiters) if ((counts.get(candidate) ?? 0) > (counts.get(best) ?? 0)) best = candidate;
  return best;
}

/** Whether the bytes are a ZIP container (an XLSX workbook). */
export function isZip(bytes: Buffer): boolean {
  return bytes.subarray(0, 4).equals(zipMagic);
}

/** How an uploaded file is read, as far as its bytes tell. */
export function detectSource(bytes: Buffer): ImportSource {
  if (isZip(bytes)) return { format: 'xlsx', encoding: 'utf-8-bom', delimiter: ',' };
  const encoding = detectEncoding(bytes);
  if (isVcard(decodeText(bytes.subarray(0, 1024), encoding))) return { format: 'vcf', encoding, delimiter: ',' };
  return { format: 'csv', encoding, delimiter: detectDelimiter(decodeText(bytes.subarray(0, 64 * 1024), encoding)) };
}

/** Reads a file into a header and rows; blank lines are dropped, short rows padded. */
export async function readTable(bytes: Buffer, source: ImportSource): Promise<ImportTable> {
  let records: string[][];
  if (source.format === 'xlsx') {
    records = await readXlsxRows(bytes);
  } else if (source.format === 'vcf') {
    const cards = readVcardTable(decodeText(bytes, source.encoding));
    if (cards.rows.length === 0) throw new UnreadableFileError('The file has no vCard.');
    records = [cards.header, ...cards.rows];
  } else {
    try {
      records = parse(decodeText(bytes, source.encoding), csvOptions(source)) as string[][];
    } catch (error) {
      throw new UnreadableFileError((error as Error).message);
    }
  }
  const nonBlank = records.filter((row) => !isBlankRow(row));
  const [header = [], ...rows] = nonBlank;
  if (header.length === 0) throw new UnreadableFileError('The file has no header row.');
  return { header: header.map((title) => title.trim()), rows: rows.map((row) => header.map((_, i) => row[i] ?? '')) };
}

/** A file's rows read a few at a time: the header, then `next(n)` gives up to n data rows (none at the end). */
export interface TableReader {
  header: string[];
  next(count: number): Promise<string[][]>;
}

const isBlankRow = (row: readonly string[]) => !row.some((cell) => cell.trim() !== '');
const csvOptions = (source: ImportSource) => ({ delimiter: source.delimiter, relax_column_count: true, skip_empty_lines: true, relax_quotes: true });
/** Bytes decoded per step of a streamed CSV. */
const DECODE_CHUNK = 256 * 1024;

/** The decoded text of CSV bytes, a chunk at a time (without the BOM). */
function* textChunks(bytes: Buffer, encoding: ImportEncoding): Generator<string> {
  const decoder = new TextDecoder(encoding === 'gb18030' ? 'gb18030' : 'utf-8');
  let isFirst = true;
  for (let at = 0; at < bytes.length; at += DECODE_CHUNK) {
    let text = decoder.decode(bytes.subarray(at, at + DECODE_CHUNK), { stream: true });
    if (isFirst && text.startsWith('\uFEFF')) text = text.slice(1);
    isFirst = false;
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * Opens a file for reading its rows in order, as `readTable` reads them (same blank-row dropping and
 * padding, so row numbers agree): a CSV is parsed as a stream, so only the rows asked for exist as
 * objects; a workbook or vCard file is read whole (their readers are not streaming).
 */
export async function openTable(bytes: Buffer, source: ImportSource): Promise<TableReader> {
  if (source.format !== 'csv') {
    const table = await readTable(bytes, source);
    let at = 0;
    return { header: table.header, next: async (count) => table.rows.slice(at, (at += count)) };
  }
  const parser = Readable.from(textChunks(bytes, source.encoding)).pipe(parseStream(csvOptions(source)));
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const nextRecord = async (): Promise<string[] | undefined> => {
    try {
      for (;;) {
        const step = await records.next();
        if (step.done) return undefined;
        if (!isBlankRow(step.value)) return step.value;
      }
    } catch (error) {
      throw new UnreadableFileError((error as Error).message);
    }
  };
  const first = await nextRecord();
  if (!first || first.length === 0) throw new UnreadableFileError('The file has no header row.');
  const header = first.map((title) => title.trim());
  return {
    header,
    async next(count) {
      const rows: string[][] = [];
      while (rows.length < count) {
        const row = await nextRecord();
        if (!row) break;
        rows.push(header.map((_, i) => row[i] ?? ''));
      }
      return rows;
    },
  };
}

/** A CSV of rows (header first) in the source's encoding and delimiter: the error file. */
export function writeCsv(lines: readonly (readonly string[])[], source: ImportSource): Buffer {
  const quote = (text: string) => (text.includes(source.delimiter) ? `"${text.replace(/"/g, '""')}"` : csvField(text));
  const text = lines.map((cells) => cells.map(quote).join(source.delimiter)).join('\r\n') + '\r\n';
  if (source.encoding === 'gb18030') return iconv.encode(text, 'gb18030');
  const body = Buffer.from(text, 'utf8');
  return source.encoding === 'utf-8-bom' || source.format === 'xlsx' ? Buffer.concat([utf8Bom, body]) : body;
}
