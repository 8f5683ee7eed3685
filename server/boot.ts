// Brings a database to a usable state: system tables, default roles, and a table for every object.
import { migrateDatabase, type Database } from './platform/db/index.ts';
import { ensureDefaultRoles } from './platform/access/roles.ts';
import { Registry } from './records/registry.ts';

/** Migrates, seeds the default roles and syncs record tables; returns the loaded registry. */
export async function prepareDatabase(db: Database): Promise<Registry> {
  await migrateDatabase(db);
  await ensureDefaultRoles(db);
  const registry = new Registry();
  await registry.load(db);
  await registry.syncTables(db);
  return registry;
}
