// Rebuilding an object's search tokens from its searchable fields as they are defined now. Writes keep
// tokens current; a deleted searchable field leaves its words in every row's tokens until this runs
// (search re-checks candidates, so they are never shown, but they crowd candidate selection).
import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.ts';
import { defineJob, type JobDefinition } from '../platform/jobs/index.ts';
import { decodeRecords, selectList } from './columns.ts';
import type { Registry } from './registry.ts';
import { recordSearchTokens } from './search-tokens.ts';

/** Rows read and written per statement: short locks, and memory stays flat on large tables. */
const BATCH_SIZE = 1000;

export interface SearchRebuildPayload {
  object: string;
}

/** The rebuild job's name, which is all an enqueue needs of it. */
export const searchRebuildJobRef: Pick<JobDefinition<SearchRebuildPayload>, 'name'> = { name: 'records.rebuild-search-tokens' };

/**
 * Recomputes the search tokens of every record of `objectName` (the recycle bin too), in batches by
 * id; returns how many rows changed. Rows written meanwhile are skipped: their write computed tokens.
 */
export async function rebuildSearchTokens(db: Database, registry: Registry, objectName: string, batchSize = BATCH_SIZE): Promise<number> {
  if (!registry.has(objectName)) return 0; // the object was deleted since
  let changed = 0;
  let lastId: string | null = null;
  for (;;) {
    // The definition is read per batch: another change reloads the registry while a large table runs.
    const def = registry.get(objectName);
    const searchable = def.fields.filter((f) => f.isSearchable);
    const columns = searchable.length ? sql`, ${selectList(def, 't', searchable)}` : sql``;
    const rows: Array<Record<string, unknown>> = await db.rows(sql`select t.id, t.version${columns} from ${sql.identifier(def.table)} t
      ${lastId ? sql`where t.id > ${lastId}::uuid` : sql``} order by t.id limit ${batchSize}`);
    if (!rows.length) return changed;
    const records = decodeRecords(searchable, rows);
    const tokens = rows.map((row, i) => ({ id: row.id, version: Number(row.version), tokens: recordSearchTokens(def, (f) => records[i]![f.name]) }));
    const updated = await db.rows(sql`update ${sql.identifier(def.table)} t set search_tokens = v.tokens
      from jsonb_to_recordset(${JSON.stringify(tokens)}::jsonb) as v(id uuid, version integer, tokens text[])
      where t.id = v.id and t.version = v.version and t.search_tokens is distinct from v.tokens returning t.id`);
    changed += updated.length;
    lastId = String(rows.at(-1)!.id);
  }
}

/** `guanxi rebuild-search`: rebuilds the named objects' tokens (every object's when none are named). */
export async function rebuildSearchIndexes(db: Database, registry: Registry, objects: readonly string[], print: (line: string) => void): Promise<void> {
  const unknown = objects.filter((name) => !registry.has(name));
  if (unknown.length) throw new Error(`No such object: ${unknown.join(', ')}.`);
  for (const name of objects.length ? objects : registry.all().map((def) => def.name)) {
    print(`${name}: ${await rebuildSearchTokens(db, registry, name)} records changed`);
  }
}

/** The job that rebuilds one object's tokens, enqueued when a searchable field is deleted. */
export function searchRebuildJob(db: Database, registry: Registry): JobDefinition<SearchRebuildPayload> {
  return defineJob<SearchRebuildPayload>({
    name: searchRebuildJobRef.name,
    retryLimit: 5,
    retryBackoff: true,
    retryDelaySeconds: 5,
    expireInSeconds: 3600,
    handler: async ({ object }, { log }) => {
      // The job's NOTIFY may reach a worker process before the metadata one that reloads its definitions.
      await registry.load(db);
      const changed = await rebuildSearchTokens(db, registry, object);
      log.info({ object, changed }, 'rebuilt search tokens');
    },
  });
}
