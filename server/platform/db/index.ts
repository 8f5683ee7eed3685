// Opens the configured database and brings its schema up to date. Each driver is imported only when
// it is used: PGlite and its migrator alone add tens of MB to a server that runs on PostgreSQL.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Database } from './database.ts';

export type { CompiledQuery, Database } from './database.ts';
export { DataDirectoryLockedError } from './database.ts';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Where PGlite keeps the embedded database under a data directory. */
export function embeddedDatabaseDir(dataDir: string): string {
  return join(dataDir, 'pg');
}

/** Whether the embedded database under `dataDir` has been created. */
export function hasEmbeddedDatabase(dataDir: string): boolean {
  return existsSync(join(embeddedDatabaseDir(dataDir), 'PG_VERSION'));
}

/** Opens PostgreSQL when a URL is given, else the embedded database in dataDir (not yet migrated). */
export async function openDatabase(options: { databaseUrl?: string; dataDir?: string }): Promise<Database> {
  if (options.databaseUrl) return (await import('./postgres.ts')).openPostgresDatabase(options.databaseUrl);
  return (await import('./embedded.ts')).openEmbeddedDatabase(options.dataDir);
}

/** Applies the system-table migrations (idempotent) and the extensions they rely on. */
export async function migrateDatabase(db: Database): Promise<void> {
  await db.exec('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  if (db.kind === 'embedded') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(db.orm as unknown as PgliteDatabase, { migrationsFolder });
  } else {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    await migrate(db.orm as unknown as NodePgDatabase, { migrationsFolder });
  }
}
