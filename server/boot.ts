// Brings a database to a usable state: system tables, default roles, and a table for every object.
import { migrateDatabase, type Database } from './platform/db/index.ts';
import { ensureDefaultRoles } from './platform/access/roles.ts';
import { installAccessTriggers } from './platform/access/context-cache.ts';
import { Registry, systemCaller, type ModuleSet } from './records/index.ts';
import { installedModules } from './domains/index.ts';

/** The actor of work done at start: no user (the nil UUID). */
const SYSTEM_ACTOR_ID = '00000000-0000-0000-0000-000000000000';

/** Migrates, seeds the default roles and syncs record tables; returns the loaded registry. */
export async function prepareDatabase(db: Database, modules: ModuleSet = installedModules): Promise<Registry> {
  await migrateDatabase(db);
  await installAccessTriggers(db);
  await ensureDefaultRoles(db);
  const registry = new Registry(modules);
  await registry.load(db);
  await registry.syncTables(db);
  // The records modules need to work (a default pipeline …), written by no user in particular.
  for (const module of modules.modules) await module.seed?.(systemCaller({ db, registry }, SYSTEM_ACTOR_ID));
  return registry;
}
