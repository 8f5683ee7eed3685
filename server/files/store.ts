// Where attachment bytes live: files under the data directory, named by a random key and spread over
// sub-folders. Another store (an S3-compatible bucket) would implement the same three functions.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { newId } from '../platform/ids.ts';

export interface FileStore {
  /** Stores bytes under a new key and returns it. */
  put(content: Buffer): Promise<string>;
  /** Streams the bytes of a key. */
  read(key: string): Readable;
  /** The whole content (backups). */
  readAll(key: string): Promise<Buffer>;
  /** Stores bytes under a given key (restoring a backup). */
  putAt(key: string, content: Buffer): Promise<void>;
  remove(key: string): Promise<void>;
}

const keyPattern = /^[0-9a-f]{2}\/[0-9a-f-]{36}$/;

/** A store in `root` (GUANXI_DATA_DIR/files). */
export function localFileStore(root: string): FileStore {
  const pathOf = (key: string) => {
    // Keys come from the database, but a path is never built from anything looser than our own format.
    if (!keyPattern.test(key)) throw new Error(`Not a file key: ${key.slice(0, 80)}`);
    return join(root, key);
  };
  const putAt = async (key: string, content: Buffer) => {
    await mkdir(join(root, key.slice(0, 2)), { recursive: true });
    await writeFile(pathOf(key), content, { flag: 'wx' });
  };
  return {
    async put(content) {
      const id = newId();
      // The random end of a UUIDv7 spreads files evenly over 256 folders.
      const key = `${id.slice(-2)}/${id}`;
      await putAt(key, content);
      return key;
    },
    read: (key) => createReadStream(pathOf(key)),
    readAll: (key) => readFile(pathOf(key)),
    putAt,
    remove: (key) => rm(pathOf(key), { force: true }),
  };
}
