// Whole-installation backup and restore: every system and record table, restorable from the
// embedded database into PostgreSQL and back (see platform/db/backup.ts for the format).
import { count, sql } from 'drizzle-orm';
import type { Database } from './platform/db/index.ts';
import { users } from './platform/db/schema.ts';
import { backupDatabase, restoreDatabase, type BackupFile } from './platform/db/backup.ts';
import type { FileStore } from './files/store.ts';
import { hasColumn, inCreationOrder, junctionTable, type Registry } from './records/index.ts';

// System tables in an order that restores cleanly. Every system table is in one of the two lists
// (a test checks), so a new table is never left out of backups by accident.
export const systemTables = [
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
  'record_counters',
  'saved_views',
  'org_settings',
  'notifications',
  'notification_preferences',
  'attachments',
  'import_runs',
  'import_rows',
  'import_mappings',
];
/** Tables a backup leaves out on purpose: what lives only as long as a sign-in or a retry window. */
export const transientTables = ['sessions', 'password_resets', 'rate_limits', 'idempotency_keys'];
/**
 * Tables a backup leaves out because they are computed from others: a module's triggers keep them and
 * fill them at start, so a restore (whose rows pass the triggers) rebuilds them.
 */
export const derivedTables = ['forecast_totals'];
const RECORDS_MARKER = 'record_changes';

function tablesOf(registry: Registry): string[] {
  const records = inCreationOrder(registry.all()).filter((d) => !d.isReadOnly);
  const junctions = records.flatMap((d) => d.fields.filter((f) => !hasColumn(f)).map((f) => junctionTable(d, f)));
  return [...systemTables, ...records.map((d) => d.table), ...junctions];
}

/** The bytes of every attachment, read from the store (in the backup's snapshot). */
async function* attachedFiles(tx: Database, store: FileStore): AsyncIterable<BackupFile> {
  for (const { key } of await tx.rows<{ key: string }>(sql`select storage_key as key from attachments order by id`)) {
    yield { key, content: await store.readAll(key) };
  }
}

/** Writes a compressed SQL backup of everything, attachments' bytes included, to `file`; returns the number of rows. */
export function backupAll(db: Database, registry: Registry, file: string, store?: FileStore): Promise<number> {
  return backupDatabase(db, tablesOf(registry), file, store && ((tx) => attachedFiles(tx, store)));
}

/** Restores a backup into a database that has no users yet; returns the number of rows. */
export async function restoreAll(db: Database, registry: Registry, file: string, store?: FileStore): Promise<number> {
  const [{ value: userCount }] = await db.orm.select({ value: count() }).from(users);
  if (userCount > 0) throw new Error('The target database is not empty; restore into a new data directory or database.');
  // A fresh database already has the default roles: the backup's own roles replace them.
  await db.exec('DELETE FROM roles');
  const restored = await restoreDatabase(db, file, async (table, tx) => {
    // Record tables come after the metadata tables: create custom ones once their definitions are in.
    if (table === RECORDS_MARKER) {
      await registry.load(tx);
      await registry.syncTables(tx);
      // Module seeds (the default pipeline, the standard relationship types) wrote into the fresh record
      // tables: the backup's own rows replace them. Referring tables first (creation order reversed).
      for (const def of inCreationOrder(registry.all()).filter((d) => !d.isReadOnly).toReversed()) await tx.rows(sql`delete from ${sql.identifier(def.table)}`);
    }
  }, store && ((attached) => store.putAt(attached.key, attached.content)));
  await registry.load(db);
  return restored;
}
