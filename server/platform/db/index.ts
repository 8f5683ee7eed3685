// Opens the configured database and brings its schema up to date.
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { openEmbeddedDatabase } from './embedded.ts';
import { openPostgresDatabase } from './postgres.ts';
import type { Database } from './database.ts';

export type { Database } from './database.ts';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Opens PostgreSQL when a URL is given, else the embedded database in dataDir (not yet migrated). */
export async function openDatabase(options: { databaseUrl?: string; dataDir?: string }): Promise<Database> {
  return options.databaseUrl ? openPostgresDatabase(options.databaseUrl) : openEmbeddedDatabase(options.dataDir);
}

/** Applies the system-table migrations (idempotent) and the extensions they rely on. */
export async function migrateDatabase(db: Database): Promise<void> {
  await db.exec('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  if (db.kind === 'embedded') {
    await migratePglite(db.orm as unknown as PgliteDatabase, { migrationsFolder });
  } else {
    await migratePostgres(db.orm as unknown as NodePgDatabase, { migrationsFolder });
  }
}
