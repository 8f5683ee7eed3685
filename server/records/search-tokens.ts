// The search tokens of a record: the tokenizer's words and CJK bigrams for text fields, and whole
// numbers for phone fields (prefixes of every digit run bloated the index for no useful match).
import { indexTokens, MAX_PREFIX } from '../platform/search/tokens.ts';
import { parsePhone } from './phone-parse.ts';
import type { FieldDefinition, ObjectDefinition } from './types.ts';

function flatten(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(flatten);
  if (value && typeof value === 'object') return Object.values(value).flatMap(flatten);
  return [value];
}

/** A phone number's tokens: its digits in E.164, as typed and nationally, and the last four digits. */
function phoneTokens(values: unknown[]): string[] {
  const forms = new Set<string>();
  for (const value of values) {
    if (typeof value !== 'string' || !value) continue;
    const digits = value.replace(/\D/g, '');
    if (digits) forms.add(digits);
    const national = value.startsWith('+') ? parsePhone(value)?.nationalNumber : undefined;
    if (national) forms.add(national);
  }
  const tokens = new Set<string>();
  for (const digits of forms) {
    tokens.add(digits);
    // Queries are cut to MAX_PREFIX characters, so a longer number must also be findable by that cut.
    if (digits.length > MAX_PREFIX) tokens.add(digits.slice(0, MAX_PREFIX));
    if (digits.length > 4) tokens.add(digits.slice(-4));
  }
  return [...tokens];
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
/** Most characters of one rich-text value that are indexed: a long article is found by its start. */
const MAX_RICH_TEXT_INDEXED = 20_000;

/** The words of stored (sanitised, well-formed) HTML, without tag names or entities. */
function textOfHtml(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.replace(/<[^>]*>/g, ' ').replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => entities[name]!);
  return text.slice(0, MAX_RICH_TEXT_INDEXED);
}

/**
 * Tokens for a record, from each searchable field's value as `valueOf` gives it: API form
 * ({e164, original}), column form ([main, extra]) or plain.
 */
export function recordSearchTokens(def: ObjectDefinition, valueOf: (field: FieldDefinition) => unknown): string[] {
  const searchable = def.fields.filter((f) => f.isSearchable);
  const text = searchable
    .filter((f) => f.type !== 'phone')
    .flatMap((f) => (f.type === 'richText' ? flatten(valueOf(f)).map(textOfHtml) : flatten(valueOf(f))));
  const phones = searchable.filter((f) => f.type === 'phone').flatMap((f) => phoneTokens(flatten(valueOf(f))));
  return [...new Set([...indexTokens(text), ...phones])];
}
