// Access control as SQL. Read paths ask for a condition and put it inside their query, so lists,
// counts, lookups, search and timelines can never show what a direct read would not.
//
// A caller sees a record of object O when any of these holds:
//   - they are an administrator, or every role they act with has `readAll` on O;
//   - O's org-wide default is public read (or read-write);
//   - they own it, or someone below them in the manager hierarchy does;
//   - it is shared with them, with one of their teams (or a parent team of theirs), or with everyone;
//   - a sharing rule for one of their teams or their role matches it.
// Editing needs the same with `editAll`, public read-write, or shares and rules granting edit.
import { sql, type SQL } from 'drizzle-orm';
import type { RequestContext } from '../auth/context.ts';
import { Problem } from '../http/problem.ts';
import { t } from '../i18n/index.ts';
import { roleAllows, type FieldRestriction, type ObjectAction } from './permissions.ts';

export type { ObjectAction } from './permissions.ts';
export type AccessLevel = 'read' | 'edit';

/** What an access rule needs to know about an object. */
export interface AccessTarget {
  name: string;
  /** What people call the object, so a refusal names it in their language. */
  labelPlural?: { en: string; 'zh-CN': string };
  isReadOnly?: boolean;
  access: { default: 'private' | 'publicRead' | 'publicReadWrite' };
}

/** Whether every role the caller acts with allows the action on the object. */
export function canDo(ctx: RequestContext, objectName: string, action: ObjectAction): boolean {
  return ctx.roles.every((role) => roleAllows(role, objectName, action));
}

/** The object in a message: its API name in English (as before), its label in Chinese. */
function objectWords(target: AccessTarget) {
  return { en: target.name, 'zh-CN': target.labelPlural?.['zh-CN'] ?? target.name };
}

/** Throws 403 (405 for read-only objects) unless the caller may take `action` on the object at all. */
export function assertObjectAction(ctx: RequestContext, target: AccessTarget, action: ObjectAction): void {
  if (target.isReadOnly && action !== 'read') {
    throw new Problem(405, { key: 'detail.objectReadOnly', params: { object: objectWords(target) } });
  }
  if (!canDo(ctx, target.name, action)) {
    const words = { en: t('en', `action.${action}`), 'zh-CN': t('zh-CN', `action.${action}`) };
    throw new Problem(403, { key: 'detail.actionNotAllowed', params: { action: words, object: objectWords(target) } });
  }
}

/**
 * The condition a row of `target` (aliased `alias`) must meet for the caller to read or edit it.
 * `sharedByRules` is the caller's applicable sharing rules, compiled by the records layer.
 */
export function recordAccessCondition(
  ctx: RequestContext,
  target: AccessTarget,
  alias: string,
  level: AccessLevel,
  sharedByRules: SQL | null,
): SQL {
  if (isEveryRow(ctx, target, level)) return sql`true`;
  const row = sql.identifier(alias);
  const conditions = [sql`${row}.owner_id = any(${sql.param(ctx.ownerScopeIds)}::uuid[])`, ...grantedBeyondOwnership(ctx, alias, level, sharedByRules)];
  return sql`(${sql.join(conditions, sql` or `)})`;
}

/** Whether the caller's roles or the org-wide default grant every row (the condition is `true`). */
function isEveryRow(ctx: RequestContext, target: AccessTarget, level: AccessLevel): boolean {
  if (ctx.isAdmin) return true;
  if (canDo(ctx, target.name, 'editAll') || (level === 'read' && canDo(ctx, target.name, 'readAll'))) return true;
  const orgDefault = target.access.default;
  return orgDefault === 'publicReadWrite' || (level === 'read' && orgDefault === 'publicRead');
}

/** The grants that are not ownership: record shares, and the caller's sharing rules. */
function grantedBeyondOwnership(ctx: RequestContext, alias: string, level: AccessLevel, sharedByRules: SQL | null): SQL[] {
  const row = sql.identifier(alias);
  const s = sql.identifier(`${alias}_share`); // distinct from any record alias it may sit inside
  const shareLevel = level === 'edit' ? sql` and ${s}.access = 'edit'` : sql``;
  const conditions = [
    sql`exists (select 1 from record_shares ${s} where ${s}.record_id = ${row}.id${shareLevel} and (
      (${s}.principal_type = 'user' and ${s}.principal_id = ${ctx.userId}::uuid)
      or ${s}.principal_type = 'everyone'
      or (${s}.principal_type = 'team' and ${s}.principal_id = any(${sql.param(ctx.teamIds)}::uuid[]))))`,
  ];
  if (sharedByRules) conditions.push(sharedByRules);
  return conditions;
}

/**
 * The rows the caller reaches other than through ownership: shared with them or matched by one of
 * their sharing rules, and owned by nobody in their owner scope (`false` when they see every row).
 * With recordAccessCondition's owner part it makes up the whole condition, each row counted once,
 * so a reader can take the owned rows from figures kept ahead and only these live.
 */
export function recordAccessBeyondOwnership(ctx: RequestContext, target: AccessTarget, alias: string, level: AccessLevel, sharedByRules: SQL | null): SQL {
  if (isEveryRow(ctx, target, level)) return sql`false`;
  const row = sql.identifier(alias);
  // A top-level AND, so the planner can start from the (few) shares rather than from every row.
  return sql`(${row}.owner_id is null or ${row}.owner_id <> all(${sql.param(ctx.ownerScopeIds)}::uuid[])) and (${sql.join(grantedBeyondOwnership(ctx, alias, level, sharedByRules), sql` or `)})`;
}

/** Field restrictions of the caller on an object: the strictest over their roles. */
export function fieldRestrictions(ctx: RequestContext, objectName: string): Map<string, FieldRestriction> {
  const restrictions = new Map<string, FieldRestriction>();
  if (ctx.isAdmin) return restrictions;
  for (const role of ctx.roles) {
    for (const [field, restriction] of Object.entries(role.fields?.[objectName] ?? {})) {
      if (restrictions.get(field) !== 'hidden') restrictions.set(field, restriction);
    }
  }
  return restrictions;
}

/** Throws 403 unless the caller is an administrator (users, roles, sharing, the data model). */
export function assertAdmin(ctx: RequestContext | undefined): void {
  if (!ctx?.isAdmin) throw new Problem(403, { key: 'detail.adminOnly' });
}
