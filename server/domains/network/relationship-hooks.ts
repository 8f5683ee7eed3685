// What a relationship checks and keeps on every write path: its two ends differ, its strength is
// 1–5, it ends after it starts, and its summary names its type for lists, lookups and search. The
// summary never names the ends: a reader of the relationship may not be allowed to read them.
import { sql } from 'drizzle-orm';
import type { FieldError, ObjectHooks, RecordValues, WriteEvent } from '../../records/index.ts';

export const MIN_STRENGTH = 1;
export const MAX_STRENGTH = 5;

async function deriveSummary(e: WriteEvent): Promise<RecordValues | void> {
  if (e.action === 'update' && !('typeId' in e.changes)) return;
  const [type] = await e.caller.db.rows<{ name: string; name_zh: string | null }>(
    sql`select name, name_zh from relationship_types where id = ${String(e.proposed.typeId)}::uuid`,
  );
  if (!type) return;
  return { summary: (type.name_zh && type.name_zh !== type.name ? `${type.name} · ${type.name_zh}` : type.name).slice(0, 255) };
}

function check(e: WriteEvent): FieldError[] {
  const errors: FieldError[] = [];
  const { fromObject, fromId, toObject, toId, strength, startDate, endDate } = e.proposed;
  if (fromObject === toObject && fromId === toId) errors.push({ field: 'toId', code: 'invalid', message: 'a record cannot be related to itself' });
  if (typeof strength === 'number' && (!Number.isInteger(strength) || strength < MIN_STRENGTH || strength > MAX_STRENGTH)) {
    errors.push({ field: 'strength', code: 'invalid', message: `must be a whole number from ${MIN_STRENGTH} to ${MAX_STRENGTH}` });
  }
  if (typeof startDate === 'string' && typeof endDate === 'string' && endDate < startDate) {
    errors.push({ field: 'endDate', code: 'invalid', message: 'must not be before the start date' });
  }
  return errors;
}

export const relationshipHooks: ObjectHooks = { beforeWrite: deriveSummary, validate: check };

/** A contact cannot report to themselves (longer loops are tolerated: the org chart stops at them). */
export const contactHooks: ObjectHooks = {
  validate: (e) => (e.proposed.reportsToId && e.proposed.reportsToId === e.id ? [{ field: 'reportsToId', code: 'invalid', message: 'a contact cannot report to themselves' }] : []),
};
