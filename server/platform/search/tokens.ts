// Search tokens for mixed Chinese/English text, computed in the app so both databases index them the
// same way (a text[] column with a GIN index) without extensions PGlite lacks.
//   Latin/digits: lower-cased words and their prefixes (2..MAX_PREFIX chars), so "zha" finds "Zhang";
//   one-letter query words are ignored (they would match nearly everything).
//   CJK: overlapping bigrams plus single characters, so "星空" finds "北京星空在线…" and "张" finds "张伟".

export const MAX_PREFIX = 12;
const cjkRun = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const latinWord = /[\p{L}\p{N}]+/gu;

function latinTokens(text: string, into: Set<string>, isQuery: boolean): void {
  const latinOnly = text.replace(cjkRun, ' ').normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  for (const [word] of latinOnly.matchAll(latinWord)) {
    if (isQuery) {
      // A query word matches as a prefix; beyond the indexed prefix length, its first MAX_PREFIX chars.
      if (word.length >= 2) into.add(word.slice(0, MAX_PREFIX));
      continue;
    }
    into.add(word);
    for (let n = 2; n <= Math.min(word.length - 1, MAX_PREFIX); n++) into.add(word.slice(0, n));
  }
}

function cjkTokens(text: string, into: Set<string>, isQuery: boolean): void {
  for (const [run] of text.matchAll(cjkRun)) {
    const chars = Array.from(run);
    if (!isQuery || chars.length === 1) for (const c of chars) into.add(c);
    for (let i = 0; i + 1 < chars.length; i++) into.add(chars[i]! + chars[i + 1]!);
  }
}

/** Tokens to index for a record, from the values of its searchable fields. */
export function indexTokens(values: readonly unknown[]): string[] {
  const tokens = new Set<string>();
  for (const value of values) {
    if (value === null || value === undefined || value === '') continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    latinTokens(text, tokens, false);
    cjkTokens(text, tokens, false);
  }
  return [...tokens];
}

/** Tokens a query must all match; empty when the query has nothing searchable. */
export function queryTokens(query: string): string[] {
  const tokens = new Set<string>();
  latinTokens(query, tokens, true);
  cjkTokens(query, tokens, true);
  return [...tokens];
}
