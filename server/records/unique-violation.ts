// A write that meets a unique value already taken (an external id, a unique custom field) answers 409
// naming the field, and the id of the record that holds the value when, and only when, the caller
// may read that record: a record they may not see stays as unknown as it is everywhere else.
import { sql } from 'drizzle-orm';
import { Problem, pgErrorCode } from '../platform/http/problem.ts';
import { codecOf, hasColumn } from './fields.ts';
import { baseConditions } from './read.ts';
import { fitName } from './sql-names.ts';
import { toColumnName, type FieldDefinition, type ObjectDefinition } from './types.ts';
import type { Caller } from './caller.ts';

/** Where PostgreSQL puts the offending index and value (drivers expose them on the error or its cause). */
function violationOf(error: unknown): { constraint?: string; detail?: string } {
  for (let e = error as { constraint?: string; detail?: string; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (e.constraint || e.detail) return { constraint: e.constraint, detail: e.detail };
    e = e.cause as typeof e;
  }
  return {};
}

/** The object and field whose unique index is `constraint` (see ddl.ts for the index names). */
function fieldOfIndex(c: Caller, constraint: string): { def: ObjectDefinition; field: FieldDefinition } | undefined {
  for (const def of c.registry.all()) {
    for (const field of def.fields) {
      if (!hasColumn(field) || !(field.isUnique || field.isExternalId || codecOf(field).isUnique)) continue;
      if (fitName(`${def.table}_${toColumnName(field.name)}_key`) === constraint) return { def, field };
    }
  }
  return undefined;
}

/** The 409 problem for a unique violation, or undefined when `error` is not one of a record field. */
export async function uniqueViolationProblem(c: Caller, error: unknown): Promise<Problem | undefined> {
  if (pgErrorCode(error) !== '23505') return undefined;
  const { constraint, detail } = violationOf(error);
  const found = constraint ? fieldOfIndex(c, constraint) : undefined;
  if (!found) return undefined;
  const { def, field } = found;
  const value = /^Key \(.+?\)=\((.*)\) already exists\.?$/s.exec(detail ?? '')?.[1];
  let existingId: string | undefined;
  if (value !== undefined) {
    // Outside the failed transaction; only a record the caller may read is named.
    const column = sql.identifier(toColumnName(field.name));
    const conditions = [sql`t.${column}::text = ${value}`, ...baseConditions(c, def, 't')];
    const rows = await c.db.rows<{ id: string }>(sql`select t.id from ${sql.identifier(def.table)} t where ${sql.join(conditions, sql` and `)} limit 1`).catch(() => []);
    existingId = rows[0]?.id;
  }
  const label = def.fields.find((f) => f.name === field.name)?.label ?? { en: field.name, 'zh-CN': field.name };
  const en = `${label.en} must be unique: another ${def.label.en.toLowerCase()} already has this value.`;
  return new Problem(409, { key: 'detail.uniqueViolation', params: { field: label }, en }, [
    { field: field.name, code: 'unique_violation', message: 'is already used by another record', ...(existingId ? { existingId } : {}) },
  ]);
}
