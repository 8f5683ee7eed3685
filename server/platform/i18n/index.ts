// The API's own words in the caller's language: English and Simplified Chinese catalogues with the
// same keys, and the choice of language for a request.
import { en, type MessageKey } from './en.ts';
import { zhCN } from './zh-CN.ts';

export type Locale = 'en' | 'zh-CN';
export type { MessageKey };

const catalogues: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** Whether the catalogues have a message under `key`. */
export function hasMessage(key: string): key is MessageKey {
  return key in en;
}

/**
 * The message in the locale, with `{name}` replaced by its parameter. A parameter may be a label in
 * each language (`{ en, 'zh-CN' }`, as objects and fields have): the locale's own is used.
 */
export function t(locale: Locale, key: MessageKey, params: Record<string, unknown> = {}): string {
  return catalogues[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? wordParam(params[name], locale) : whole));
}

function wordParam(value: unknown, locale: Locale): string {
  if (value && typeof value === 'object' && locale in value) return String((value as Record<Locale, unknown>)[locale]);
  return String(value);
}

/**
 * A field error's message in the locale. Validator errors (they carry `params`) are always worded from
 * the catalogue, in plain words; errors thrown with their own English text keep it for English readers
 * (it is often more specific) and get the catalogue's words in other languages. The web app words
 * the errors its own form checks find with this same function.
 */
export function wordFieldError(locale: Locale, error: { code: string; message: string; params?: Record<string, unknown> }): string {
  const params = error.params ?? {};
  const specific = error.code === 'format' ? `field.format.${String(params.format)}` : error.code === 'pattern' ? `field.pattern.${String(params.pattern)}` : '';
  const key = hasMessage(specific) ? specific : `field.${error.code}`;
  if (locale === 'en' && !error.params) return error.message;
  if (hasMessage(key)) return t(locale, key, params);
  return locale === 'en' ? error.message : t(locale, 'field.invalid');
}

/** The supported language an Accept-Language header prefers (by q-value), if any. */
export function negotiateLocale(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...options] = part.trim().split(';');
      const q = Number(options.find((o) => o.trim().startsWith('q='))?.trim().slice(2) ?? 1);
      return { tag: tag.toLowerCase(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
  }
  return undefined;
}
