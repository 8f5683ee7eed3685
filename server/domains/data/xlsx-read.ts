// Reading the first worksheet of an XLSX workbook as rows of text. A workbook is a ZIP of XML parts:
// the central directory names the parts, `node:zlib` inflates them, and the few elements a cell
// needs (shared strings, inline strings, values) are read with patterns — formatting is ignored.
// Dates arrive as Excel serial numbers; the date transform reads those (import-values.ts).
import { inflateRawSync } from 'node:zlib';

const maxPartBytes = 200 * 1024 * 1024;

/** A workbook that cannot be read (the import route answers 400). */
export class UnreadableWorkbookError extends Error {}

/** The parts of a ZIP archive, by name, inflated on demand. */
function zipEntries(zip: Buffer): Map<string, () => Buffer> {
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new UnreadableWorkbookError('not a ZIP archive');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, () => Buffer>();
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw new UnreadableWorkbookError('broken central directory');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    entries.set(name, () => {
      if (local + 30 > zip.length) throw new UnreadableWorkbookError('broken entry');
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + compressedSize);
      if (method === 0) return data;
      if (method !== 8) throw new UnreadableWorkbookError('unsupported compression');
      return inflateRawSync(data, { maxOutputLength: maxPartBytes });
    });
    at += 46 + skip;
  }
  return entries;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : entities[e]!,
  );
}

/** The text of every `<t>` run inside an element (shared and inline strings may be rich text). */
function textRuns(xml: string): string {
  let text = '';
  for (const match of xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) text += unescapeXml(match[1]!);
  return text;
}

/** Column letters (`AB`) to a 0-based index. */
function columnIndex(reference: string): number {
  let index = 0;
  for (const char of reference.replace(/\d+$/, '')) index = index * 26 + (char.charCodeAt(0) - 64);
  return index - 1;
}

/** The rows of the workbook's first worksheet, each cell as text. */
export async function readXlsxRows(bytes: Buffer): Promise<string[][]> {
  try {
    const entries = zipEntries(bytes);
    const sheetName = [...entries.keys()].filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name)).toSorted((a, b) => a.localeCompare(b, 'en', { numeric: true }))[0];
    if (!sheetName) throw new UnreadableWorkbookError('no worksheet');
    const shared = entries.get('xl/sharedStrings.xml');
    const strings = shared ? [...shared().toString('utf8').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textRuns(m[1]!)) : [];
    const sheet = entries.get(sheetName)!().toString('utf8');
    const rows: string[][] = [];
    for (const rowMatch of sheet.matchAll(/<row\b[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g)) {
      const cells: string[] = [];
      for (const cell of (rowMatch[1] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const attributes = cell[1]!;
        const reference = /\br="([A-Z]+\d*)"/.exec(attributes)?.[1];
        const type = /\bt="(\w+)"/.exec(attributes)?.[1];
        const inner = cell[2] ?? '';
        const value = unescapeXml(/<v>([\s\S]*?)<\/v>/.exec(inner)?.[1] ?? '');
        const text = type === 's' ? (strings[Number(value)] ?? '') : type === 'inlineStr' ? textRuns(inner) : type === 'b' ? (value === '1' ? 'TRUE' : 'FALSE') : value;
        const index = reference ? columnIndex(reference) : cells.length;
        while (cells.length < index) cells.push('');
        cells[index] = text;
      }
      rows.push(cells);
    }
    return rows;
  } catch (error) {
    if (error instanceof UnreadableWorkbookError) throw error;
    throw new UnreadableWorkbookError((error as Error).message);
  }
}
