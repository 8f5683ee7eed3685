// PostgreSQL through a pg connection pool, for DATABASE_URL deployments.
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from './schema.ts';
import { wrapOrm, type Database, type Orm } from './database.ts';

/** Opens a pooled connection to PostgreSQL; every session runs in UTC. */
export async function openPostgresDatabase(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: '-c TimeZone=UTC' });
  // An idle client's network error must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  await pool.query('select 1');
  const orm = drizzle({ client: pool, schema }) as unknown as Orm;
  return wrapOrm('postgres', orm, () => pool.end());
}
