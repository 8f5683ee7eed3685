// Values as people read them, in their language and time zone: money (¥1,234.50), dates
// (2026年12月4日), options by their label. Lookups are shown by title elsewhere (useTitles).
import type { FieldDef, Label } from './metadata.ts';

/** The text of a field value for lists, cards and record pages. */
export function formatValue(field: FieldDef, value: unknown, locale: string, pick: (label: Label) => string): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field.type) {
    case 'currency': {
      const money = value as { amount: string; currency: string };
      return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency }).format(Number(money.amount));
    }
    case 'number':
      return new Intl.NumberFormat(locale).format(Number(value));
    case 'percent':
      return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(Number(value))}%`;
    case 'date':
      return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${String(value)}T00:00:00Z`));
    case 'datetime':
      return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(String(value)));
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
