// Auto-number fields (`Q-{YYYY}-{000000}` → Q-2026-000123): assigned at create from a counter row in
// record_counters, locked until the creating transaction ends, so concurrent creates on several
// processes never share a number and a rolled-back create leaves no gap.
import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.ts';
import { toInteger } from '../platform/db/database.ts';
import { toColumnName, type FieldDefinition, type ObjectDefinition } from './types.ts';

const DEFAULT_FORMAT = '{000000}';
const TOKEN = /\{(YYYY|YY|MM|0{1,12})\}/g;

/** A format has exactly one number token ({0000}: at least that many digits) and may have {YYYY}, {YY}, {MM}. */
export const autoNumberFormatPattern = '^[^{}]*(\\{(YYYY|YY|MM)\\}[^{}]*)*\\{0{1,12}\\}[^{}]*(\\{(YYYY|YY|MM)\\}[^{}]*)*$';

function renderDate(token: string, now: Date): string {
  const year = String(now.getUTCFullYear());
  if (token === 'YYYY') return year;
  if (token === 'YY') return year.slice(-2);
  return String(now.getUTCMonth() + 1).padStart(2, '0');
}

/** The text of number `n` in `format` at `now` (dates in UTC). */
export function renderAutoNumber(format: string, n: number, now: Date): string {
  return format.replace(TOKEN, (_, token: string) => (token.startsWith('0') ? String(n).padStart(token.length, '0') : renderDate(token, now)));
}

/** The counter of a field: one per period its date tokens name, so `{YYYY}` restarts every year. */
function counterKey(def: ObjectDefinition, field: FieldDefinition, format: string, now: Date): string {
  const period = [...format.matchAll(TOKEN)].map(([, token]) => (token!.startsWith('0') ? '' : renderDate(token!, now))).filter(Boolean);
  return [def.table, toColumnName(field.name), ...period].join('.');
}

/** Takes the next number of an auto-number field (inside the creating transaction). */
export async function nextAutoNumber(db: Database, def: ObjectDefinition, field: FieldDefinition, now = new Date()): Promise<string> {
  const format = field.format ?? DEFAULT_FORMAT;
  const [row] = await db.rows<{ value: unknown }>(sql`insert into record_counters (key, value)
    values (${counterKey(def, field, format, now)}, 1)
    on conflict (key) do update set value = record_counters.value + 1 returning value`);
  return renderAutoNumber(format, toInteger(row!.value), now);
}
