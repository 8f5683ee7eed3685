// What points at the records being merged away, moved to the survivor (and back on undo): lookups of
// any object (polymorphic ones too, e.g. an activity's related record), multi-lookups, manual shares
// and the change history. Links are moved through the engine as the system: the merging user may
// not be allowed to edit a colleague's contact, yet the contact must follow its account.
import { sql } from 'drizzle-orm';
import {
  getRecord, junctionTable, systemCaller, toColumnName, updateRecord, type Caller, type FieldDefinition, type ObjectDefinition,
} from '../../records/index.ts';

/** One link moved from a merged-away record to the survivor. */
export interface MovedLink {
  object: string;
  id: string;
  field: string;
  from: string;
  /** multiLookup only: the record was linked to the survivor already. */
  hadSurvivor?: boolean;
}

export interface MovedShare {
  principalType: string;
  principalId: string;
}

export interface MovedHistory {
  id: string;
  from: string;
}

const uuidList = (ids: string[]) => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);

/** The fields of `def` that may point at a record of `objectName`. */
function referencingFields(def: ObjectDefinition, objectName: string): FieldDefinition[] {
  return def.fields.filter((f) => (f.type === 'lookup' && (f.target === objectName || f.targetFrom)) || (f.type === 'multiLookup' && f.target === objectName));
}

/** The live records of `def` whose `field` points at one of `ids`, with the id they point at. */
async function linkedRecords(c: Caller, def: ObjectDefinition, field: FieldDefinition, objectName: string, ids: string[]) {
  const table = sql.identifier(def.table);
  if (field.type === 'multiLookup') {
    return c.db.rows<{ id: string; target: string }>(sql`select j.record_id as id, j.target_id as target
      from ${sql.identifier(junctionTable(def, field))} j join ${table} t on t.id = j.record_id
      where t.deleted_at is null and j.target_id in (${uuidList(ids)}) order by j.record_id`);
  }
  const column = sql.identifier(toColumnName(field.name));
  const isOfObject = field.targetFrom ? sql`and t.${sql.identifier(toColumnName(field.targetFrom))} = ${objectName}` : sql``;
  return c.db.rows<{ id: string; target: string }>(sql`select t.id, t.${column} as target from ${table} t
    where t.deleted_at is null and t.${column} in (${uuidList(ids)}) ${isOfObject} order by t.id`);
}

/** Replaces `from` ids by `to` in a multi-lookup value, keeping each id once. */
function replaceIds(current: unknown, from: string[], to: string[]): string[] {
  const ids = Array.isArray(current) ? current.map(String) : [];
  return [...new Set([...ids.filter((id) => !from.includes(id)), ...to])];
}

/** Points every live link to a loser at the survivor; returns what moved, for undo. */
export async function moveLinks(t: Caller, objectName: string, loserIds: string[], survivorId: string): Promise<MovedLink[]> {
  const system = systemCaller(t, t.ctx.userId);
  const moved: MovedLink[] = [];
  for (const def of t.registry.all()) {
    if (def.isReadOnly) continue;
    for (const field of referencingFields(def, objectName)) {
      // The merged records themselves are left alone: the survivor must not end up pointing at itself.
      const links = (await linkedRecords(system, def, field, objectName, loserIds)).filter((l) => def.name !== objectName || (l.id !== survivorId && !loserIds.includes(l.id)));
      if (field.type !== 'multiLookup') {
        for (const link of links) {
          await updateRecord(system, def.name, link.id, { [field.name]: survivorId });
          moved.push({ object: def.name, id: link.id, field: field.name, from: link.target });
        }
        continue;
      }
      for (const id of new Set(links.map((l) => l.id))) {
        const current = (await getRecord(system, def.name, id, field.name))[field.name];
        const hadSurvivor = Array.isArray(current) && current.includes(survivorId);
        await updateRecord(system, def.name, id, { [field.name]: replaceIds(current, loserIds, [survivorId]) });
        for (const link of links.filter((l) => l.id === id)) moved.push({ object: def.name, id, field: field.name, from: link.target, hadSurvivor });
      }
    }
  }
  return moved;
}

/** Points moved links back at the records they came from (only where they still point at the survivor). */
export async function restoreLinks(t: Caller, moved: MovedLink[], survivorId: string): Promise<void> {
  const system = systemCaller(t, t.ctx.userId);
  for (const link of moved) {
    if (!t.registry.has(link.object)) continue;
    const current = (await getRecord(system, link.object, link.id, link.field).catch(() => undefined))?.[link.field];
    if (current === undefined) continue;
    if (Array.isArray(current)) {
      const others = moved.filter((m) => m.object === link.object && m.id === link.id && m.field === link.field);
      const isLast = others.at(-1) === link;
      if (!isLast) continue;
      const keepSurvivor = others.some((m) => m.hadSurvivor);
      const restored = replaceIds(current, keepSurvivor ? [] : [survivorId], others.map((m) => m.from));
      await updateRecord(system, link.object, link.id, { [link.field]: restored });
    } else if (current === survivorId) {
      await updateRecord(system, link.object, link.id, { [link.field]: link.from });
    }
  }
}

/** Gives the survivor the manual shares of the losers it did not have; returns those added. */
export async function copyShares(t: Caller, objectName: string, loserIds: string[], survivorId: string): Promise<MovedShare[]> {
  const rows = await t.db.rows<{ principal_type: string; principal_id: string }>(sql`insert into record_shares
      (object_name, record_id, principal_type, principal_id, access, created_by, created_at)
    select distinct on (principal_type, principal_id) ${objectName}, ${survivorId}::uuid, principal_type, principal_id, access, ${t.ctx.userId}::uuid, now()
    from record_shares where record_id in (${uuidList(loserIds)})
    order by principal_type, principal_id, (access = 'edit') desc
    on conflict do nothing returning principal_type, principal_id`);
  return rows.map((r) => ({ principalType: r.principal_type, principalId: r.principal_id }));
}

/** Removes the shares a merge gave the survivor. */
export async function removeCopiedShares(t: Caller, survivorId: string, shares: MovedShare[]): Promise<void> {
  for (const share of shares) {
    await t.db.rows(sql`delete from record_shares where record_id = ${survivorId}::uuid
      and principal_type = ${share.principalType} and principal_id = ${share.principalId}::uuid`);
  }
}

/** Moves the losers' change history to the survivor, so its history tells the whole story. */
export async function moveHistory(t: Caller, loserIds: string[], survivorId: string): Promise<MovedHistory[]> {
  const rows = await t.db.rows<{ id: string; from: string }>(sql`with moved as (
      select id, record_id from record_changes where record_id in (${uuidList(loserIds)}))
    update record_changes c set record_id = ${survivorId}::uuid from moved where c.id = moved.id
    returning c.id, moved.record_id as "from"`);
  return rows.map((r) => ({ id: r.id, from: r.from }));
}

/** Gives each moved history entry back to its record. */
export async function restoreHistory(t: Caller, moved: MovedHistory[]): Promise<void> {
  const byRecord = new Map<string, string[]>();
  for (const entry of moved) byRecord.set(entry.from, [...(byRecord.get(entry.from) ?? []), entry.id]);
  for (const [recordId, ids] of byRecord) {
    await t.db.rows(sql`update record_changes set record_id = ${recordId}::uuid where id in (${uuidList(ids)})`);
  }
}
