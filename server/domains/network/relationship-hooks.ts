// What a relationship checks and keeps on every write path: its two ends differ, its strength is
// 1–5, it ends after it starts, and its summary ("From → To") names the two ends for lists and search.
import { sql } from 'drizzle-orm';
import { toColumnName, type FieldError, type ObjectHooks, type RecordValues, type WriteEvent } from '../../records/index.ts';

export const MIN_STRENGTH = 1;
export const MAX_STRENGTH = 5;

/** The title of one end, read as the writer (the engine has already checked they may read it). */
async function titleOf(e: WriteEvent, object: unknown, id: unknown): Promise<string> {
  if (typeof object !== 'string' || typeof id !== 'string' || !e.caller.registry.has(object)) return '?';
  const def = e.caller.registry.get(object);
  const column = sql.identifier(toColumnName(def.titleField));
  const [row] = await e.caller.db.rows<{ title: string | null }>(sql`select ${column}::text as title from ${sql.identifier(def.table)} where id = ${id}::uuid`);
  return row?.title ?? '?';
}

function isEndChanged(e: WriteEvent): boolean {
  return ['fromObject', 'fromId', 'toObject', 'toId'].some((name) => name in e.changes);
}

async function deriveSummary(e: WriteEvent): Promise<RecordValues | void> {
  if (e.action === 'update' && !isEndChanged(e)) return;
  const from = await titleOf(e, e.proposed.fromObject, e.proposed.fromId);
  const to = await titleOf(e, e.proposed.toObject, e.proposed.toId);
  return { summary: `${from} → ${to}`.slice(0, 255) };
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
