// Which searchable fields each object's search tokens may hold. Tokens are written with the
// searchable fields of the time and are not rewritten when a field is deleted, so global search reads
// a hit again to check it against the fields the caller may see now (search.ts). That read is needed
// only when the caller has hidden searchable fields, or when the tokens may hold a field that is no
// longer searchable: `search_token_fields` keeps, per object, every searchable field its tokens were
// ever written with, and `*` for rows written before it was kept (an unknown past).
import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.ts';
import { searchTokenFields } from '../platform/db/schema.ts';
import type { ObjectDefinition } from './types.ts';

const UNKNOWN_PAST = '*';

const searchableNames = (def: ObjectDefinition) => def.fields.filter((f) => f.isSearchable).map((f) => f.name);

/**
 * Adds the object's searchable fields to those its tokens may hold; in the transaction of the change
 * that makes them searchable, before any record is written with them.
 */
export async function recordSearchTokenFields(db: Database, def: ObjectDefinition, options: { isUnknownPast?: boolean } = {}): Promise<void> {
  const names = [...(options.isUnknownPast ? [UNKNOWN_PAST] : []), ...searchableNames(def)];
  await db.rows(sql`insert into search_token_fields (object_name, field_names) values (${def.name}, ${sql.param(names)}::text[])
    on conflict (object_name) do update
      set field_names = array(select distinct unnest(search_token_fields.field_names || excluded.field_names) order by 1)
      where not (excluded.field_names <@ search_token_fields.field_names)`);
}

/** At start: records every object's searchable fields; a table that already has rows but no record gets an unknown past. */
export async function syncSearchTokenFields(db: Database, defs: ObjectDefinition[]): Promise<void> {
  const known = new Set((await db.orm.select({ objectName: searchTokenFields.objectName }).from(searchTokenFields)).map((r) => r.objectName));
  for (const def of defs) {
    const isUnknownPast = !known.has(def.name) && (await db.rows(sql`select 1 from ${sql.identifier(def.table)} limit 1`)).length > 0;
    await recordSearchTokenFields(db, def, { isUnknownPast });
  }
}

/** The objects whose tokens may hold something other than their searchable fields of now (or whose past is unknown). */
export async function objectsWithStaleSearchTokens(db: Database, defs: ObjectDefinition[]): Promise<Set<string>> {
  const recorded = new Map((await db.orm.select().from(searchTokenFields)).map((r) => [r.objectName, r.fieldNames]));
  const stale = new Set<string>();
  for (const def of defs) {
    const names = recorded.get(def.name);
    const current = new Set(searchableNames(def));
    if (!names || names.some((name) => !current.has(name))) stale.add(def.name);
  }
  return stale;
}

/** Marks every object's tokens as of an unknown past (a restore of a backup that did not record it). */
export async function forgetSearchTokenPast(db: Database): Promise<void> {
  await db.rows(sql`update search_token_fields set field_names = array_append(field_names, ${UNKNOWN_PAST}) where not (${UNKNOWN_PAST} = any(field_names))`);
}
