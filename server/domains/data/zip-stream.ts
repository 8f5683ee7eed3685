// A ZIP archive written as a stream (APPNOTE 6.3): each entry's local header goes out before its
// data, which is deflated as it arrives; its CRC and sizes follow in a data descriptor, and the
// central directory closes the archive. Nothing but the list of entries is kept in memory.
import { pipeline, Readable } from 'node:stream';
import { createDeflateRaw, crc32 } from 'node:zlib';

/** One file of the archive: its path and its bytes, produced on demand. */
export interface ZipEntry {
  name: string;
  content: () => AsyncIterable<string | Uint8Array>;
}

interface WrittenEntry {
  name: Buffer;
  offset: number;
  crc: number;
  compressedSize: number;
  size: number;
}

// Bit 3: sizes and CRC follow the data; bit 11: names are UTF-8.
const FLAGS = 0x0808;
const DEFLATE = 8;
const VERSION = 20;
const MAX_32 = 0xffffffff;

/** MS-DOS date and time words of a moment (local fields, two-second precision). */
function dosDateTime(at: Date): { date: number; time: number } {
  const year = Math.max(at.getFullYear(), 1980);
  return {
    date: ((year - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2),
  };
}

function localHeader(name: Buffer, stamp: { date: number; time: number }): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(VERSION, 4);
  header.writeUInt16LE(FLAGS, 6);
  header.writeUInt16LE(DEFLATE, 8);
  header.writeUInt16LE(stamp.time, 10);
  header.writeUInt16LE(stamp.date, 12);
  // CRC and sizes (14–25) stay zero: the data descriptor carries them.
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name]);
}

function dataDescriptor(entry: WrittenEntry): Buffer {
  const descriptor = Buffer.alloc(16);
  descriptor.writeUInt32LE(0x08074b50, 0);
  descriptor.writeUInt32LE(entry.crc, 4);
  descriptor.writeUInt32LE(entry.compressedSize, 8);
  descriptor.writeUInt32LE(entry.size, 12);
  return descriptor;
}

function centralHeader(entry: WrittenEntry, stamp: { date: number; time: number }): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(VERSION, 4);
  header.writeUInt16LE(VERSION, 6);
  header.writeUInt16LE(FLAGS, 8);
  header.writeUInt16LE(DEFLATE, 10);
  header.writeUInt16LE(stamp.time, 12);
  header.writeUInt16LE(stamp.date, 14);
  header.writeUInt32LE(entry.crc, 16);
  header.writeUInt32LE(entry.compressedSize, 20);
  header.writeUInt32LE(entry.size, 24);
  header.writeUInt16LE(entry.name.length, 28);
  header.writeUInt32LE(entry.offset, 42);
  return Buffer.concat([header, entry.name]);
}

function endOfCentralDirectory(count: number, size: number, offset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return end;
}

/**
 * The archive's bytes, pulled as the reader asks for them (backpressure reaches each entry's source).
 * Entries past 4 GiB would need ZIP64: the stream fails rather than write a broken file.
 */
export async function* zipStream(entries: Iterable<ZipEntry>, modifiedAt = new Date()): AsyncGenerator<Buffer> {
  const stamp = dosDateTime(modifiedAt);
  const written: WrittenEntry[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const header = localHeader(name, stamp);
    const state: WrittenEntry = { name, offset, crc: 0, compressedSize: 0, size: 0 };
    yield header;
    offset += header.length;
    const measured = async function* () {
      for await (const chunk of entry.content()) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        state.crc = crc32(bytes, state.crc);
        state.size += bytes.length;
        if (state.size > MAX_32) throw new Error(`${entry.name} is larger than a ZIP without ZIP64 can hold.`);
        yield bytes;
      }
    };
    // pipeline, not pipe: a failing source fails the deflater too, and stopping early stops the source.
    const deflated = pipeline(Readable.from(measured()), createDeflateRaw(), () => {});
    for await (const compressed of deflated) {
      state.compressedSize += (compressed as Buffer).length;
      yield compressed as Buffer;
    }
    const descriptor = dataDescriptor(state);
    yield descriptor;
    offset += state.compressedSize + descriptor.length;
    if (offset > MAX_32) throw new Error('The archive is larger than a ZIP without ZIP64 can hold.');
    written.push(state);
  }
  const central = Buffer.concat(written.map((entry) => centralHeader(entry, stamp)));
  yield central;
  yield endOfCentralDirectory(written.length, central.length, offset);
}
