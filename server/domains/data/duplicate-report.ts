// The duplicate report: groups of records of an object that share a rule's key (same e-mail, phone,
// text, company name without suffixes and place, or person name), computed by a scheduled job and
// stored as a `duplicateReports` record. Readers get only the records, and the reasons, they may see.
import { sql } from 'drizzle-orm';
import { defineScheduledJob } from '../../platform/jobs/index.ts';
import { Problem } from '../../platform/http/problem.ts';
import { newId } from '../../platform/ids.ts';
import { definitionFor, listRecords, systemCaller, toColumnName, type Caller, type ModuleJobContext } from '../../records/index.ts';
import { activeRulesOf, type DuplicateRule } from './duplicate-rules.ts';
import { ruleKey, textOf, type MatchStrength } from './duplicate-match.ts';
import type { DuplicateReport } from './duplicates-shape.ts';

export const MAX_GROUPS = 500;
export const MAX_GROUP_SIZE = 20;
/** Records per object read by one report: past it, the report says it is partial. */
const MAX_SCANNED = 200_000;

export interface StoredGroup {
  ids: string[];
  strength: MatchStrength;
  ruleIds: string[];
}

/** Groups ids that share a key under any rule (union-find: a chain of shared keys is one group). */
function groupRecords(pairs: Array<{ ids: string[]; rule: DuplicateRule }>): StoredGroup[] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  for (const { ids } of pairs) {
    for (const id of ids) if (!parent.has(id)) parent.set(id, id);
    for (const id of ids.slice(1)) parent.set(find(id), find(ids[0]!));
  }
  const groups = new Map<string, StoredGroup>();
  for (const { ids, rule } of pairs) {
    const root = find(ids[0]!);
    const group = groups.get(root) ?? { ids: [], strength: 'weak' as MatchStrength, ruleIds: [] };
    for (const id of ids) if (!group.ids.includes(id)) group.ids.push(id);
    if (!group.ruleIds.includes(rule.id)) group.ruleIds.push(rule.id);
    // Person names are shared by strangers: only the other rules make a group strong.
    if (rule.method !== 'personName') group.strength = 'strong';
    groups.set(root, group);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, ids: g.ids.toSorted().slice(0, MAX_GROUP_SIZE) }))
    .toSorted((a, b) => (a.strength === b.strength ? b.ids.length - a.ids.length : a.strength === 'strong' ? -1 : 1))
    .slice(0, MAX_GROUPS);
}

/** Computes the duplicate groups of one object over every live record (system read: the job). */
export async function computeDuplicateGroups(c: Caller, objectName: string): Promise<StoredGroup[]> {
  const def = c.registry.get(objectName);
  const pairs: Array<{ ids: string[]; rule: DuplicateRule }> = [];
  for (const rule of await activeRulesOf(c, objectName)) {
    const column = sql.identifier(toColumnName(rule.field));
    const rows = await c.db.rows<{ id: string; value: unknown }>(sql`select id, ${column}::text as value from ${sql.identifier(def.table)}
      where deleted_at is null and ${column} is not null order by id limit ${MAX_SCANNED}`);
    const byKey = new Map<string, string[]>();
    for (const row of rows) {
      const key = ruleKey(rule, textOf(row.value));
      if (!key) continue;
      byKey.set(key, [...(byKey.get(key) ?? []), row.id]);
    }
    for (const ids of byKey.values()) if (ids.length > 1) pairs.push({ ids, rule });
  }
  return groupRecords(pairs);
}

/** Recomputes and stores the report of one object; returns how many groups it found. */
export async function refreshDuplicateReport(c: Caller, objectName: string, now: Date): Promise<number> {
  const groups = await computeDuplicateGroups(systemCaller(c, c.ctx.userId), objectName);
  // Written straight into the table: the job's system actor is not a user, and a report has no owner.
  const at = now.toISOString();
  await c.db.transaction(async (tx) => {
    const [existing] = await tx.rows<{ id: string }>(sql`select id from duplicate_reports where deleted_at is null and object_name = ${objectName} limit 1 for update`);
    if (existing) {
      await tx.rows(sql`update duplicate_reports set generated_at = ${at}::timestamptz, group_count = ${groups.length}, groups = ${JSON.stringify(groups)}::jsonb,
        updated_at = now(), version = version + 1 where id = ${existing.id}::uuid`);
    } else {
      await tx.rows(sql`insert into duplicate_reports (id, object_name, generated_at, group_count, groups)
        values (${newId()}::uuid, ${objectName}, ${at}::timestamptz, ${groups.length}, ${JSON.stringify(groups)}::jsonb)`);
    }
  });
  return groups.length;
}

/** The objects that have active rules. */
async function objectsWithRules(c: Caller): Promise<string[]> {
  const rows = await c.db.rows<{ object_name: string }>(sql`select distinct object_name from duplicate_rules where deleted_at is null and is_active order by object_name`);
  return rows.map((r) => r.object_name).filter((name) => c.registry.has(name));
}

/** The report of an object as the caller may see it: groups cut to the records they may read (two or more left). */
export async function readDuplicateReport(c: Caller, objectName: string): Promise<DuplicateReport> {
  const def = c.registry.get(objectName);
  const visible = definitionFor(c, def);
  if (!visible) throw new Problem(403, { key: 'detail.403' });
  // The instant as ISO text in SQL: the two drivers hand timestamps back differently.
  const [report] = await c.db.rows<{ generated_at: string; groups: unknown }>(sql`select
      to_char(generated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as generated_at, groups from duplicate_reports
    where deleted_at is null and object_name = ${objectName} limit 1`);
  if (!report) return { generatedAt: null, groups: [] };
  const rules = new Map((await activeRulesOf(c, objectName)).filter((r) => visible.fields.some((f) => f.name === r.field)).map((r) => [r.id, r]));
  const stored = (Array.isArray(report.groups) ? report.groups : []) as StoredGroup[];
  const titles = new Map<string, string>();
  const allIds = [...new Set(stored.flatMap((g) => g.ids))];
  for (let i = 0; i < allIds.length; i += 500) {
    const chunk = allIds.slice(i, i + 500);
    const { data } = await listRecords(c, objectName, { filter: `id in (${chunk.map((id) => `'${id}'`).join(', ')})`, fields: def.titleField, limit: 500 });
    for (const record of data) titles.set(String(record.id), textOf(record[def.titleField]));
  }
  const groups = stored
    .map((g) => ({
      strength: g.strength,
      reasons: g.ruleIds.flatMap((id) => (rules.has(id) ? [{ ruleId: id, rule: rules.get(id)!.name, field: rules.get(id)!.field }] : [])),
      records: g.ids.filter((id) => titles.has(id)).map((id) => ({ id, title: titles.get(id)! })),
    }))
    .filter((g) => g.records.length > 1 && g.reasons.length > 0);
  return { generatedAt: report.generated_at, groups };
}

/** The nightly job: refreshes the report of every object that has duplicate rules. */
export function duplicateReportJobs({ db, registry, now }: ModuleJobContext) {
  return [
    defineScheduledJob({
      name: 'data.duplicate-report',
      schedule: '41 3 * * *',
      handler: async (_payload, { log }) => {
        const c = systemCaller({ db, registry }, '00000000-0000-0000-0000-000000000000');
        for (const objectName of await objectsWithRules(c)) {
          const groups = await refreshDuplicateReport(c, objectName, now());
          log.info({ objectName, groups }, 'duplicate report refreshed');
        }
      },
    }),
  ];
}
