// Whole-installation backup and restore: every system and record table, restorable from the
// embedded database into PostgreSQL and back (see platform/db/backup.ts for the format).
import { count } from 'drizzle-orm';
import type { Database } from './platform/db/index.ts';
import { users } from './platform/db/schema.ts';
import { backupDatabase, restoreDatabase } from './platform/db/backup.ts';
import { junctionTable } from './records/ddl.ts';
import type { Registry } from './records/registry.ts';

// System tables in an order that restores cleanly; sessions, throttling and idempotency are transient.
const systemTables = [
  'roles',
  'users',
  'teams',
  'team_members',
  'api_keys',
  'custom_objects',
  'custom_fields',
  'object_access_defaults',
  'sharing_rules',
  'record_shares',
  'audit_events',
  'record_changes',
];
const RECORDS_MARKER = 'record_changes';

function tablesOf(registry: Registry): string[] {
  const records = registry.all().filter((d) => !d.isReadOnly);
  const junctions = records.flatMap((d) => d.fields.filter((f) => f.type === 'multiLookup').map((f) => junctionTable(d, f)));
  return [...systemTables, ...records.map((d) => d.table), ...junctions];
}

/** Writes a compressed SQL backup of everything to `file`; returns the number of rows. */
export function backupAll(db: Database, registry: Registry, file: string): Promise<number> {
  return backupDatabase(db, tablesOf(registry), file);
}

/** Restores a backup into a database that has no users yet; returns the number of rows. */
export async function restoreAll(db: Database, registry: Registry, file: string): Promise<number> {
  const [{ value: userCount }] = await db.orm.select({ value: count() }).from(users);
  if (userCount > 0) throw new Error('The target database is not empty; restore into a new data directory or database.');
  // A fresh database already has the default roles: the backup's own roles replace them.
  await db.exec('DELETE FROM roles');
  const restored = await restoreDatabase(db, file, async (table, tx) => {
    // Record tables come after the metadata tables: create custom ones once their definitions are in.
    if (table === RECORDS_MARKER) {
      await registry.load(tx);
      await registry.syncTables(tx);
    }
  });
  await registry.load(db);
  return restored;
}
