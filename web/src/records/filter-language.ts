// What the filter builder writes: conditions in the API's filter language (docs/api.md), including
// fields of linked records (`account.city`) and relative dates turned into plain date ranges. Pure
// functions, so the rules are tested without a browser.
import type { FieldDef, Label, ObjectDef } from '../app/metadata.ts';

export interface Condition {
  field: string;
  op: string;
  value: string;
}

/** A field the builder offers: one of the object's own, or one of a linked record's (`account.city`). */
export interface FilterField {
  path: string;
  field: FieldDef;
  /** The lookup the path goes through, for its label ("Account › City"). */
  via?: FieldDef;
}

// Types a condition can compare directly; the others (documents, rich text, links to many) are left out.
const FILTERABLE = new Set(['text', 'longText', 'email', 'phone', 'url', 'number', 'percent', 'currency', 'date', 'datetime', 'select', 'multiSelect', 'boolean', 'lookup', 'owner', 'tags', 'autoNumber']);
const NUMERIC = new Set(['number', 'percent', 'currency', 'autoNumber']);
const CREATED_AT: FieldDef = { name: 'createdAt', type: 'datetime', label: { en: 'Created', 'zh-CN': '创建时间' } };

export const RELATIVE_DATES = ['today', 'thisWeek', 'thisMonth', 'thisQuarter', 'last7', 'last30', 'last90'] as const;

/** The fields a filter can use: the object's own, then those of the records its lookups point at. */
export function filterFields(def: ObjectDef, objects?: Map<string, ObjectDef>): FilterField[] {
  const own = [...def.fields.filter((f) => FILTERABLE.has(f.type)), CREATED_AT].map((field) => ({ path: field.name, field }));
  const linked = def.fields
    .filter((f) => f.type === 'lookup' && f.target && objects?.has(f.target))
    .flatMap((via) =>
      objects!
        .get(via.target!)!
        .fields.filter((f) => FILTERABLE.has(f.type) && f.type !== 'lookup')
        .map((field) => ({ path: `${via.name}.${field.name}`, field, via })),
    );
  return [...own, ...linked];
}

/** The label of a filter field in one language ("客户 › 城市"). */
export function filterFieldLabel(entry: FilterField, pick: (label: Label) => string): string {
  return entry.via ? `${pick(entry.via.label)} › ${pick(entry.field.label)}` : pick(entry.field.label);
}

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
const day = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

/** The date range a relative date stands for, as [from, toExclusive]; `lastN` is the last N days with today. */
export function relativeRange(name: string, now = new Date()): [string, string] {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const lastDays = /^last(\d{1,4})$/.exec(name);
  if (lastDays) return [day(addDays(start, -Number(lastDays[1]) + 1)), day(addDays(start, 1))];
  switch (name) {
    case 'thisWeek': {
      const monday = addDays(start, -((start.getUTCDay() + 6) % 7));
      return [day(monday), day(addDays(monday, 7))];
    }
    case 'thisMonth':
      return [day(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1))), day(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1)))];
    case 'thisQuarter': {
      const q = Math.floor(start.getUTCMonth() / 3) * 3;
      return [day(new Date(Date.UTC(start.getUTCFullYear(), q, 1))), day(new Date(Date.UTC(start.getUTCFullYear(), q + 3, 1)))];
    }
    default:
      return [day(start), day(addDays(start, 1))];
  }
}

/** One condition in the filter language. */
export function conditionToFilter(fields: FilterField[], c: Condition, now = new Date()): string {
  const type = fields.find((f) => f.path === c.field)?.field.type ?? 'text';
  if (c.op === 'raw') return `(${c.value})`;
  if (c.op === 'isNull') return `${c.field} isNull`;
  if (c.op === 'relative') {
    const [from, to] = relativeRange(c.value, now);
    return `${c.field} gte ${quote(from)} and ${c.field} lt ${quote(to)}`;
  }
  if (type === 'boolean' && (c.value === 'true' || c.value === 'false')) return `${c.field} ${c.op} ${c.value}`;
  const isNumeric = NUMERIC.has(type) && c.value.trim() !== '' && !Number.isNaN(Number(c.value));
  return `${c.field} ${c.op} ${isNumeric ? c.value.trim() : quote(c.value)}`;
}

/** All conditions joined with "and". */
export const toFilter = (fields: FilterField[], conditions: Condition[], now = new Date()) =>
  conditions.map((c) => conditionToFilter(fields, c, now)).join(' and ');
