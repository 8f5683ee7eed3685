// Values as people read them, in their language and time zone: money (¥1,234.50), dates
// (2026年12月4日), options by their label. Lookups are shown by title elsewhere (useTitles).
import type { FieldDef, Label } from './metadata.ts';

// Building an Intl formatter costs far more than formatting with it, and a scrolling list formats a
// dozen values a frame: each kind is built once per locale (and currency).
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let made = formatters.get(key) as T | undefined;
  if (!made) formatters.set(key, (made = make()));
  return made;
}
const numberFormat = (locale: string, kind: string, options: Intl.NumberFormatOptions) => formatter(`${locale}|${kind}`, () => new Intl.NumberFormat(locale, options));
const dateFormat = (locale: string, kind: string, options: Intl.DateTimeFormatOptions) => formatter(`${locale}|${kind}`, () => new Intl.DateTimeFormat(locale, options));

/** The text of a field value for lists, cards and record pages. */
export function formatValue(field: FieldDef, value: unknown, locale: string, pick: (label: Label) => string): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field.type) {
    case 'currency': {
      const money = value as { amount: string; currency: string };
      return numberFormat(locale, `currency:${money.currency}`, { style: 'currency', currency: money.currency }).format(Number(money.amount));
    }
    case 'number':
      return numberFormat(locale, 'number', {}).format(Number(value));
    case 'percent':
      return `${numberFormat(locale, 'percent', { maximumFractionDigits: 2 }).format(Number(value))}%`;
    case 'date':
      return dateFormat(locale, 'date', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${String(value)}T00:00:00Z`));
    case 'datetime':
      return dateFormat(locale, 'datetime', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(String(value)));
    case 'boolean':
      return value ? '✓' : '—';
    case 'phone':
      return (value as { original: string }).original;
    case 'select': {
      const option = field.options?.find((o) => o.value === value);
      return option ? pick(option.label) : String(value);
    }
    case 'multiSelect':
      return (value as string[]).map((v) => pick(field.options?.find((o) => o.value === v)?.label ?? { en: v, 'zh-CN': v })).join(locale === 'en' ? ', ' : '、');
    case 'tags':
      return (value as string[]).join(locale === 'en' ? ', ' : '、');
    case 'address': {
      const a = value as Record<string, string>;
      return locale === 'en'
        ? [a.street, a.city, a.province, a.country].filter(Boolean).join(', ')
        : [a.country, a.province, a.city, a.street].filter(Boolean).join('');
    }
    case 'richText':
      return new DOMParser().parseFromString(String(value), 'text/html').body.textContent ?? '';
    case 'json':
      return JSON.stringify(value);
    default:
      return String(value);
  }
}

/** "3 天前" / "3 days ago". */
export function formatRelative(iso: string, locale: string, now = Date.now()): string {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [['year', 31536000], ['month', 2592000], ['day', 86400], ['hour', 3600], ['minute', 60]];
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  return format.format(Math.round(seconds), 'second');
}

/** Fields that read well in a list column (not long texts or documents). */
export const isListable = (field: FieldDef) => !['longText', 'richText', 'json', 'address', 'multiLookup', 'parent'].includes(field.type);
