// Duplicate rules: which fields make two records of an object likely the same. Stored as records of
// `duplicateRules` (so administrators edit them like any list); the defaults below are seeded once.
import { sql } from 'drizzle-orm';
import { Problem } from '../../platform/http/problem.ts';
import { assertAdmin } from '../../platform/access/index.ts';
import { newId } from '../../platform/ids.ts';
import { recordSearchTokens, type Caller, type ObjectHooks } from '../../records/index.ts';

export const matchMethods = ['exact', 'email', 'phone', 'personName', 'companyName'] as const;
export type MatchMethod = (typeof matchMethods)[number];

/** Field types whose value is one comparable text (a column, not a junction table or a document). */
const comparableTypes = new Set(['text', 'longText', 'email', 'phone', 'url', 'select', 'number', 'autoNumber']);

/** Whether a rule may compare this field of this object. */
function isComparable(c: Caller, objectName: string, fieldName: unknown): boolean {
  if (!c.registry.has(objectName)) return false;
  const field = c.registry.get(objectName).fields.find((f) => f.name === fieldName);
  return Boolean(field && comparableTypes.has(field.type));
}

/** Rules applied per object at most (the first created win): a check stays a handful of queries. */
export const MAX_RULES = 50;

export interface DuplicateRule {
  id: string;
  name: string;
  objectName: string;
  field: string;
  method: MatchMethod;
  /** 0…1: how alike two names must be to count (similarity methods only). */
  threshold: number;
}

/** The rules a fresh installation starts with: accounts, contacts and leads. */
export const defaultRules: ReadonlyArray<Omit<DuplicateRule, 'id'>> = [
  { name: 'Account: company name', objectName: 'accounts', field: 'name', method: 'companyName', threshold: 0.6 },
  { name: 'Account: e-mail', objectName: 'accounts', field: 'email', method: 'email', threshold: 1 },
  { name: 'Account: phone', objectName: 'accounts', field: 'phone', method: 'phone', threshold: 1 },
  { name: 'Contact: e-mail', objectName: 'contacts', field: 'email', method: 'email', threshold: 1 },
  { name: 'Contact: mobile', objectName: 'contacts', field: 'mobile', method: 'phone', threshold: 1 },
  { name: 'Contact: phone', objectName: 'contacts', field: 'phone', method: 'phone', threshold: 1 },
  { name: 'Contact: name', objectName: 'contacts', field: 'name', method: 'personName', threshold: 0.6 },
  { name: 'Lead: e-mail', objectName: 'leads', field: 'email', method: 'email', threshold: 1 },
  { name: 'Lead: phone', objectName: 'leads', field: 'phone', method: 'phone', threshold: 1 },
  { name: 'Lead: company', objectName: 'leads', field: 'company', method: 'companyName', threshold: 0.6 },
  { name: 'Lead: name', objectName: 'leads', field: 'name', method: 'personName', threshold: 0.6 },
];

/** Seeds the default rules when the installation has never had any (deleted rules stay deleted). */
export async function seedDuplicateRules(c: Caller): Promise<void> {
  const [row] = await c.db.rows<{ n: number }>(sql`select count(*)::int as n from duplicate_rules`);
  if (Number(row?.n ?? 0) > 0) return;
  // Straight into the table, owned by no one: the seeding system actor is not a user (an owner must be).
  const def = c.registry.get('duplicateRules');
  await c.db.transaction(async (tx) => {
    for (const rule of defaultRules) {
      const tokens = recordSearchTokens(def, (f) => (f.name === 'name' ? rule.name : undefined));
      await tx.rows(sql`insert into duplicate_rules (id, name, object_name, field, method, threshold, is_active, search_tokens)
        values (${newId()}::uuid, ${rule.name}, ${rule.objectName}, ${rule.field}, ${rule.method}, ${rule.threshold * 100}, true, ${sql.param(tokens)}::text[])`);
    }
  });
}

/** The active rules of an object whose field still exists (a rule may outlive a removed custom field). */
export async function activeRulesOf(c: Caller, objectName: string): Promise<DuplicateRule[]> {
  const rows = await c.db.rows<{ id: string; name: string; object_name: string; field: string; method: string; threshold: unknown }>(
    sql`select id, name, object_name, field, method, threshold from duplicate_rules
      where deleted_at is null and is_active and object_name = ${objectName} order by created_at, id limit ${MAX_RULES}`,
  );
  return rows
    .filter((r) => (matchMethods as readonly string[]).includes(r.method) && isComparable(c, objectName, r.field))
    .map((r) => ({
      id: r.id,
      name: r.name,
      objectName: r.object_name,
      field: r.field,
      method: r.method as MatchMethod,
      threshold: Math.min(1, Math.max(0.1, Number(r.threshold ?? 60) / 100)),
    }));
}

/** Rules are read by everyone and changed by administrators only. */
export const duplicateRuleHooks: ObjectHooks = {
  beforeWrite: ({ caller }) => {
    assertAdmin(caller.ctx);
  },
  validate: ({ caller, proposed }) => {
    const objectName = String(proposed.objectName ?? '');
    if (!caller.registry.has(objectName)) return [{ field: 'objectName', code: 'unknown_object', message: `there is no object "${objectName.slice(0, 63)}"` }];
    if (!isComparable(caller, objectName, proposed.field)) return [{ field: 'field', code: 'unknown_field', message: 'choose a text, e-mail, phone, pick-list or number field of the object' }];
  },
  afterWrite: ({ caller, action }) => {
    if (action === 'delete' || action === 'restore') assertAdmin(caller.ctx);
  },
};

/** Merges and reports are written by the system only (the merge service, the report job). */
export const systemOnlyHooks: ObjectHooks = {
  beforeWrite: ({ caller }) => {
    if (!caller.isSystem) throw new Problem(405, { key: 'detail.405' });
  },
  afterWrite: ({ caller }) => {
    if (!caller.isSystem) throw new Problem(405, { key: 'detail.405' });
  },
};
