// From a record's API value to a spreadsheet cell: what a person reads, typed where a spreadsheet can
// compute with it (numbers, amounts, dates, yes/no). Linked records are named by their titles.
import type { FieldDefinition, RecordValues } from '../../records/index.ts';
import type { Locale } from '../../platform/i18n/index.ts';

/** One exported cell. CSV writes each kind as text; XLSX keeps numbers, amounts, dates and booleans typed. */
export type Cell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  /** A phone number in E.164 (`+8613812345678`): a plus and digits, which no spreadsheet runs. */
  | { kind: 'phone'; e164: string }
  | { kind: 'number'; value: number }
  | { kind: 'money'; amount: string; currency: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'date'; iso: string }
  | { kind: 'datetime'; iso: string };

/** The title of a record a field links to, if the caller may read it (otherwise the id is written). */
export type TitleLookup = (field: FieldDefinition, id: string, record: RecordValues) => string | undefined;

const empty: Cell = { kind: 'empty' };
/** Separates the items of multi-selects, tags and multi-lookups in one cell. */
export const itemSeparator = '; ';
const addressParts = ['street', 'city', 'province', 'postalCode', 'country'] as const;

const text = (value: string): Cell => ({ kind: 'text', text: value });

function optionLabel(field: FieldDefinition, value: string, locale: Locale): string {
  return field.options?.find((o) => o.value === value)?.label[locale] ?? value;
}

/** The cell of one field's value. */
export function cellOf(field: FieldDefinition, record: RecordValues, locale: Locale, titleOf: TitleLookup): Cell {
  const value = record[field.name];
  if (value === null || value === undefined) return empty;
  switch (field.type) {
    case 'number':
    case 'percent':
      return typeof value === 'number' ? { kind: 'number', value } : text(String(value));
    case 'currency': {
      const money = value as { amount: string; currency: string };
      return { kind: 'money', amount: String(money.amount), currency: String(money.currency) };
    }
    case 'boolean':
      return { kind: 'boolean', value: value === true };
    case 'date':
      return { kind: 'date', iso: String(value) };
    case 'datetime':
      return { kind: 'datetime', iso: String(value) };
    case 'phone':
      return { kind: 'phone', e164: String((value as { e164: string }).e164) };
    case 'select':
      return text(optionLabel(field, String(value), locale));
    case 'multiSelect':
      return text((value as string[]).map((v) => optionLabel(field, v, locale)).join(itemSeparator));
    case 'tags':
      return text((value as string[]).join(itemSeparator));
    case 'lookup':
    case 'owner':
    case 'parent':
      return text(titleOf(field, String(value), record) ?? String(value));
    case 'multiLookup':
      return text((value as string[]).map((id) => titleOf(field, id, record) ?? id).join(itemSeparator));
    case 'address': {
      const address = value as Partial<Record<(typeof addressParts)[number], string>>;
      return text(addressParts.map((part) => address[part]).filter(Boolean).join(', '));
    }
    case 'json':
      return text(JSON.stringify(value));
    default:
      return text(String(value));
  }
}
