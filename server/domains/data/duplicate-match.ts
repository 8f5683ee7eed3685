// Likely duplicates of a draft record (the create form asks before saving). Candidates are found by
// the active rules of the object, then read through the records engine with the caller's access, so
// a record the caller may not read never comes back, and rules on fields hidden from them are skipped.
import { sql, type SQL } from 'drizzle-orm';
import { Problem } from '../../platform/http/problem.ts';
import { definitionFor, listRecords, toColumnName, type Caller, type ObjectDefinition, type RecordValues } from '../../records/index.ts';
import { activeRulesOf, type DuplicateRule } from './duplicate-rules.ts';
import {
  bigramSimilarity, isChinese, normalizeCompanyName, normalizeEmail, normalizePersonName, normalizePhone, normalizeText,
} from './duplicate-normalize.ts';

import type { DuplicateMatch, MatchReason, MatchStrength } from './duplicates-shape.ts';

export type { DuplicateMatch, MatchReason, MatchStrength } from './duplicates-shape.ts';

/** Every rule's candidates together (five rules of 50 at most, on the standard objects). */
const MAX_CANDIDATES = 500;
export const MAX_MATCHES = 20;

/** A field value as text: phones compare by their E.164 form, other values as typed. */
export function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'e164' in value) return String((value as { e164: unknown }).e164 ?? '');
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** The key two values of a rule's field must share to be the same (empty: the value cannot match). */
export function ruleKey(rule: DuplicateRule, value: unknown): string {
  const text = textOf(value);
  if (!text.trim()) return '';
  switch (rule.method) {
    case 'email':
      return normalizeEmail(text);
    case 'phone':
      return normalizePhone(text);
    case 'personName':
      return normalizePersonName(text);
    case 'companyName':
      return normalizeCompanyName(text);
    default:
      return normalizeText(text);
  }
}

/**
 * How one rule judges a draft value against a stored one. Equal e-mails, phones, texts and company
 * names are strong; a company name containing the other, or names only alike, are weak (never merged
 * without a person deciding); `trigram` is PostgreSQL's pg_trgm similarity of the raw names.
 */
export function judge(rule: DuplicateRule, draft: unknown, stored: unknown, trigram = 0): { strength: MatchStrength; score: number } | undefined {
  const a = ruleKey(rule, draft);
  const b = ruleKey(rule, stored);
  if (!a || !b) return undefined;
  if (rule.method === 'email' || rule.method === 'phone' || rule.method === 'exact') {
    return a === b ? { strength: 'strong', score: 1 } : undefined;
  }
  const isHan = isChinese(a) || isChinese(b);
  const similarity = isHan ? bigramSimilarity(a, b) : Math.max(trigram, a === b ? 1 : 0);
  if (rule.method === 'companyName') {
    if (a === b) return { strength: 'strong', score: 1 };
    const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
    const isContained = [...shorter].length >= 2 && longer.includes(shorter);
    if (isContained || similarity >= rule.threshold) return { strength: 'weak', score: Math.max(similarity, isContained ? 0.5 : 0) };
    return undefined;
  }
  // Person names: many people share one, so a name alone is at most a weak hint.
  if (a === b || similarity >= rule.threshold) return { strength: 'weak', score: a === b ? 1 : similarity };
  return undefined;
}

/** The SQL condition that finds stored candidates for a draft value of a rule (broad: judge() decides). */
function candidateCondition(rule: DuplicateRule, column: SQL, value: unknown): SQL | undefined {
  const key = ruleKey(rule, value);
  if (!key) return undefined;
  const raw = normalizeText(textOf(value));
  switch (rule.method) {
    case 'email':
    case 'phone':
      return sql`${column} = ${key}`;
    case 'exact':
      return sql`lower(btrim(${column})) = ${key}`;
    case 'personName':
      return sql`(lower(${column}) = ${raw} or similarity(lower(${column}), ${raw}) >= ${Math.min(rule.threshold, 0.3)})`;
    case 'companyName': {
      const head = [...key].slice(0, 4).join('');
      return sql`(strpos(lower(${column}), ${key}) > 0 or strpos(${raw}, lower(${column})) > 0
        or strpos(lower(${column}), ${head}) > 0 or similarity(lower(${column}), ${raw}) >= 0.3)`;
    }
  }
}

/** The rules the caller can use: their field is one the caller may see. */
function visibleRules(rules: DuplicateRule[], visible: ObjectDefinition): DuplicateRule[] {
  return rules.filter((r) => visible.fields.some((f) => f.name === r.field));
}

const CANDIDATES_PER_RULE = 50;

/**
 * Candidate ids (any record: nothing here reaches the caller unread) per rule, the most alike first,
 * with each name rule's pg_trgm score: id → rule index → score.
 */
async function findCandidates(c: Caller, def: ObjectDefinition, rules: DuplicateRule[], draft: RecordValues, excludeId?: string) {
  const scores = new Map<string, Map<number, number>>();
  const notSelf = excludeId ? sql`and t.id <> ${excludeId}::uuid` : sql``;
  for (const [i, rule] of rules.entries()) {
    const column = sql`t.${sql.identifier(toColumnName(rule.field))}::text`;
    const condition = candidateCondition(rule, column, draft[rule.field]);
    if (!condition) continue;
    const raw = normalizeText(textOf(draft[rule.field]));
    const isName = rule.method === 'personName' || rule.method === 'companyName';
    const score = isName ? sql`coalesce(similarity(lower(${column}), ${raw}), 0)` : sql`1`;
    const rows = await c.db.rows<{ id: string; score: unknown }>(sql`select t.id, ${score} as score from ${sql.identifier(def.table)} t
      where t.deleted_at is null ${notSelf} and ${condition} order by 2 desc, t.id limit ${CANDIDATES_PER_RULE}`);
    for (const row of rows) {
      const byRule = scores.get(row.id) ?? new Map<number, number>();
      byRule.set(i, Number(row.score ?? 0));
      scores.set(row.id, byRule);
    }
  }
  return scores;
}

/** Stronger matches, with more and closer reasons, rank first. */
const rank = (m: DuplicateMatch) => (m.strength === 'strong' ? 10 : 0) + m.reasons.length + Math.max(...m.reasons.map((r) => r.score));

/** The likely duplicates of `draft` among the records of `objectName` the caller may read, strongest first. */
export async function findDuplicates(c: Caller, objectName: string, draft: RecordValues, excludeId?: string): Promise<DuplicateMatch[]> {
  const def = c.registry.get(objectName);
  const visible = definitionFor(c, def);
  if (!visible) throw new Problem(403, { key: 'detail.403' });
  const rules = visibleRules(await activeRulesOf(c, objectName), visible);
  const candidates = await findCandidates(c, def, rules, draft, excludeId);
  if (candidates.size === 0) return [];
  const fields = [...new Set([def.titleField, ...rules.map((r) => r.field)])].filter((f) => visible.fields.some((v) => v.name === f));
  // The caller's own read: the engine's access condition is in this query, hidden fields are not read.
  const { data } = await listRecords(c, objectName, {
    filter: `id in (${[...candidates.keys()].map((id) => `'${id}'`).join(', ')})`,
    fields: fields.join(','),
    limit: MAX_CANDIDATES,
  });
  const matches: DuplicateMatch[] = [];
  for (const record of data) {
    const id = String(record.id);
    const reasons: MatchReason[] = [];
    rules.forEach((rule, i) => {
      const verdict = judge(rule, draft[rule.field], record[rule.field], candidates.get(id)?.get(i) ?? 0);
      if (verdict) reasons.push({ ruleId: rule.id, rule: rule.name, field: rule.field, ...verdict });
    });
    if (reasons.length === 0) continue;
    const strength = reasons.some((r) => r.strength === 'strong') ? 'strong' : 'weak';
    matches.push({ id, title: textOf(record[def.titleField]), strength, reasons, record });
  }
  return matches.toSorted((a, b) => rank(b) - rank(a)).slice(0, MAX_MATCHES);
}
