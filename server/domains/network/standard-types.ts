// The relationship types every installation starts with. Administrators add their own as records of
// `relationshipTypes`; these are created once under their key and never overwritten (an admin may
// rename or deactivate them).
import { sql } from 'drizzle-orm';
import { newId } from '../../platform/ids.ts';
import { recordSearchTokens, type Caller } from '../../records/index.ts';

/** [key, English, 中文] of the standard types. */
export const standardRelationshipTypes: ReadonlyArray<[string, string, string]> = [
  ['peer', 'Peer', '同行'],
  ['supplier', 'Upstream supplier', '上游供应商'],
  ['customer', 'Downstream customer', '下游客户'],
  ['parent', 'Parent company', '母公司'],
  ['subsidiary', 'Subsidiary', '子公司'],
  ['relative', 'Relative', '亲属'],
  ['friend', 'Friend', '朋友'],
  ['formerColleague', 'Former colleague', '前同事'],
];

/** Creates the standard types that are missing (by key, deleted ones included). Safe at every start. */
export async function seedRelationshipTypes(c: Caller): Promise<void> {
  const def = c.registry.get('relationshipTypes');
  await c.db.transaction(async (tx) => {
    const existing = await tx.rows<{ key: string }>(sql`select key from relationship_types where key is not null`);
    const known = new Set(existing.map((r) => r.key));
    for (const [key, name, nameZh] of standardRelationshipTypes) {
      if (known.has(key)) continue;
      const values: Record<string, unknown> = { name, nameZh, key };
      const tokens = recordSearchTokens(def, (f) => values[f.name]);
      await tx.rows(sql`insert into relationship_types (id, name, name_zh, key, is_active, search_tokens)
        values (${newId()}::uuid, ${name}, ${nameZh}, ${key}, true, ${sql.param(tokens)}::text[])`);
    }
  });
}
