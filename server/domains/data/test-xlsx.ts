// Test support: reads back the workbooks the exporter writes — the ZIP's central directory, each
// entry inflated, the sheet's cells with their types — so tests check the file, not the code path.
import { crc32, inflateRawSync } from 'node:zlib';

/** The files of a ZIP archive by name (CRC checked). */
export function unzip(archive: Buffer): Map<string, Buffer> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('no end of central directory');
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory header');
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const compressedSize = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const offset = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (archive.readUInt32LE(offset) !== 0x04034b50) throw new Error(`bad local header of ${name}`);
    const dataStart = offset + 30 + archive.readUInt16LE(offset + 26) + archive.readUInt16LE(offset + 28);
    const raw = archive.subarray(dataStart, dataStart + compressedSize);
    const data = method === 8 ? inflateRawSync(raw) : raw;
    if (crc32(data) !== crc) throw new Error(`CRC mismatch in ${name}`);
    files.set(name, data);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** A cell as read back: its type (`s` inline string, `n` number, `b` boolean), style and value. */
export interface ReadCell {
  ref: string;
  type: 's' | 'n' | 'b';
  style: number;
  value: string;
}

const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** The rows of the first sheet, each a list of its cells. */
export function readSheet(archive: Buffer): { rows: ReadCell[][]; files: Map<string, Buffer> } {
  const files = unzip(archive);
  const xml = files.get('xl/worksheets/sheet1.xml')?.toString('utf8');
  if (!xml) throw new Error('no sheet');
  const rows: ReadCell[][] = [];
  for (const [, rowXml] of xml.matchAll(/<row[^>]*>(.*?)<\/row>/gs)) {
    const cells: ReadCell[] = [];
    for (const [, attributes, body] of rowXml!.matchAll(/<c ([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const ref = /r="([A-Z]+\d+)"/.exec(attributes!)![1]!;
      const t = /t="(\w+)"/.exec(attributes!)?.[1];
      const style = Number(/s="(\d+)"/.exec(attributes!)?.[1] ?? 0);
      const value = t === 'inlineStr' ? unescape(/<t[^>]*>(.*?)<\/t>/s.exec(body ?? '')?.[1] ?? '') : (/<v>(.*?)<\/v>/.exec(body ?? '')?.[1] ?? '');
      cells.push({ ref, type: t === 'inlineStr' ? 's' : t === 'b' ? 'b' : 'n', style, value });
    }
    rows.push(cells);
  }
  return { rows, files };
}
