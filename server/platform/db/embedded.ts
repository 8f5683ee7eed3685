// The embedded database: PGlite (PostgreSQL in WASM) under a data directory, guarded by a lock file
// because PGlite itself does not stop a second process from opening the same directory.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import * as schema from './schema.ts';
import { DataDirectoryLockedError, wrapOrm, type Database, type Orm, type RunCompiled } from './database.ts';
import { embeddedDatabaseDir } from './index.ts';

export { DataDirectoryLockedError };

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the data directory's lock file or throws DataDirectoryLockedError naming the holder. */
function lockDataDirectory(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'guanxi.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isProcessAlive(holder)) {
        throw new DataDirectoryLockedError(
          `The data directory ${dataDir} is already in use by process ${holder}. ` +
            'Stop that Guanxi server first, or set GUANXI_DATA_DIR to another directory.',
        );
      }
      rmSync(lockPath, { force: true }); // stale lock left by a crashed process
    }
  }
  throw new DataDirectoryLockedError(`Could not lock ${dataDir}`);
}

/** Opens PGlite: in memory when dataDir is undefined (tests), else on disk with an exclusive lock. */
export async function openEmbeddedDatabase(dataDir?: string, loadDataDir?: Blob): Promise<Database> {
  const unlock = dataDir ? lockDataDirectory(dataDir) : () => {};
  try {
    const client = new PGlite({
      dataDir: dataDir ? embeddedDatabaseDir(dataDir) : undefined,
      loadDataDir,
      // Every open must load the same extensions, or writes touching them fail.
      extensions: { pg_trgm },
      relaxedDurability: true,
      // PostgreSQL's default 128 MB of shared buffers live in PGlite's WebAssembly memory and are all
      // resident from the start; 32 MB hold a small team's working set, the OS caches the files behind it.
      postgresqlconf: ['min_wal_size=32MB', 'max_wal_size=64MB', "timezone='UTC'", 'shared_buffers=32MB'],
    } as ConstructorParameters<typeof PGlite>[0]);
    await client.waitReady;
    const orm = drizzle({ client, schema }) as unknown as Orm;
    // One process: a NOTIFY reaches this process's listeners when its transaction commits.
    const listen = async (channel: string, onNotify: (payload: string) => void) => {
      const stop = await client.listen(channel, onNotify);
      return async () => {
        if (!client.closed) await stop();
      };
    };
    // Dates and times stay PostgreSQL text, as Drizzle's own queries leave them (see database.ts).
    const asText = (value: string) => value;
    const parsers = { [types.TIMESTAMP]: asText, [types.TIMESTAMPTZ]: asText, [types.INTERVAL]: asText, [types.DATE]: asText };
    const runCompiled: RunCompiled = async ({ text, params }) => (await client.query(text, params, { parsers })).rows;
    return wrapOrm(
      'embedded',
      orm,
      async () => {
        await client.close();
        unlock();
      },
      listen,
      undefined,
      runCompiled,
    );
  } catch (error) {
    unlock();
    throw error;
  }
}

/** Dumps the in-memory or on-disk PGlite cluster to a tarball (used to clone test databases fast). */
export async function dumpEmbedded(db: Database): Promise<Blob> {
  const client = (db.orm as unknown as { $client: PGlite }).$client;
  return (await client.dumpDataDir('none')) as Blob;
}
