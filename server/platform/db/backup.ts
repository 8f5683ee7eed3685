// Backups as plain SQL: one INSERT per row, each row carried as JSON and rebuilt with
// json_populate_record, so a dump from PGlite restores into PostgreSQL and back.
// The restore path (`guanxi restore`) creates the tables first; the dump itself holds data only.
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from './database.ts';

const HEADER = '-- guanxi backup v1';
const BATCH = 2000;

/** A file kept outside the database (an attachment's bytes) that travels in the backup. */
export interface BackupFile {
  key: string;
  content: Buffer;
}

/**
 * Writes a gzip-compressed SQL dump of the given tables, in the order given, from one snapshot, then
 * the `files` (as `-- file <key> <base64>` lines).
 */
export async function backupDatabase(db: Database, tables: string[], file: string, files?: (tx: Database) => AsyncIterable<BackupFile>): Promise<number> {
  const gzip = createGzip();
  const out = gzip.pipe(createWriteStream(file));
  const write = async (text: string) => {
    if (!gzip.write(text)) await once(gzip, 'drain');
  };
  let count = 0;
  await write(`${HEADER} ${new Date().toISOString()}\n`);
  await db.transaction(async (tx) => {
    await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    for (const table of tables) {
      await write(`-- table ${table}\n`);
      await tx.exec(`DECLARE dump_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM "${table}" t`);
      for (;;) {
        const rows = await tx.rows<{ j: string }>(sql.raw(`FETCH ${BATCH} FROM dump_rows`));
        for (const { j } of rows) {
          const tag = `$g${randomBytes(4).toString('hex')}$`;
          await write(`insert into "${table}" select * from json_populate_record(null::"${table}", ${tag}${j}${tag});\n`);
        }
        count += rows.length;
        if (rows.length < BATCH) break;
      }
      await tx.exec('CLOSE dump_rows');
    }
    // Files listed in the same snapshot as their rows.
    for await (const { key, content } of files?.(tx) ?? []) {
      await write(`-- file ${key} ${content.toString('base64')}\n`);
    }
  });
  gzip.end();
  await finished(out);
  return count;
}

/**
 * Restores a dump into an empty database in one transaction. `onTable` runs before a table's rows,
 * with the transaction's handle, so the caller can create record tables once their metadata is in.
 */
export async function restoreDatabase(
  db: Database,
  file: string,
  onTable: (table: string, tx: Database) => Promise<void>,
  onFile?: (file: BackupFile) => Promise<void>,
): Promise<number> {
  let count = 0;
  let isFirst = true;
  await db.transaction(async (tx) => {
    // Rows come in table order, but a record may point at a later one in its own table (a parent account).
    await tx.exec('SET LOCAL session_replication_role = replica');
    // Open the reader only now: lines read before the loop starts iterating would be lost.
    const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of lines) {
      if (isFirst) {
        if (!line.startsWith(HEADER)) throw new Error(`${file} is not a Guanxi backup.`);
        isFirst = false;
      } else if (line.startsWith('-- table ')) {
        await onTable(line.slice('-- table '.length), tx);
      } else if (line.startsWith('-- file ')) {
        const [key, content] = line.slice('-- file '.length).split(' ');
        await onFile?.({ key: key!, content: Buffer.from(content ?? '', 'base64') });
      } else if (line.trim()) {
        await tx.exec(line);
        count++;
      }
    }
  });
  return count;
}
