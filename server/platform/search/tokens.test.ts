// Unit tests of search tokenisation: what a record is indexed under and what a query must match.
// A record matches when its index tokens contain every query token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { indexTokens, queryTokens } from './tokens.ts';

const seed = Number(process.env.FC_SEED ?? 20260101);

/** Whether a record with these values would be found by the query. */
const matches = (values: unknown[], query: string) => {
  const index = new Set(indexTokens(values));
  const wanted = queryTokens(query);
  return wanted.length > 0 && wanted.every((t) => index.has(t));
};

test('Latin words are indexed lower-cased, whole and by prefixes of two characters or more', () => {
  const tokens = new Set(indexTokens(['Zhang Wei']));
  for (const t of ['zhang', 'zh', 'zha', 'zhan', 'wei', 'we']) assert.ok(tokens.has(t), t);
  for (const t of ['z', 'w', 'Zhang', 'zhang wei', 'hang']) assert.ok(!tokens.has(t), t);
});

test('prefixes stop at twelve characters but the whole word is kept', () => {
  const tokens = new Set(indexTokens(['Internationalization']));
  assert.ok(tokens.has('internationalization'));
  assert.ok(tokens.has('internationa')); // 12 characters
  assert.ok(!tokens.has('international')); // 13 characters
  assert.deepEqual(queryTokens('internationalisation'), ['internationa']);
});

test('accents and case do not matter; digits are words too', () => {
  assert.ok(matches(['Café Müller'], 'cafe muller'));
  assert.ok(matches(['CAFÉ'], 'café'));
  assert.ok(matches(['Order 2026-0042'], '2026'));
  assert.ok(matches(['+8613800138000'], '86138'));
});

test('CJK text is indexed as single characters and overlapping bigrams', () => {
  const tokens = indexTokens(['北京星空']);
  assert.deepEqual(new Set(tokens), new Set(['北', '京', '星', '空', '北京', '京星', '星空']));
});

test('a CJK query needs its bigrams, or its single character when it is one character long', () => {
  assert.deepEqual(queryTokens('星空'), ['星空']);
  assert.deepEqual(new Set(queryTokens('星空在线')), new Set(['星空', '空在', '在线']));
  assert.deepEqual(queryTokens('张'), ['张']);
  assert.ok(matches(['北京星空在线文化传播有限公司'], '星空'));
  assert.ok(matches(['北京星空在线文化传播有限公司'], '文化传播'));
  assert.ok(!matches(['北京星空在线文化传播有限公司'], '星在')); // not adjacent
  assert.ok(matches(['张伟'], '张伟'));
  assert.ok(matches(['张伟'], '伟'));
  assert.ok(!matches(['张伟'], '张三'));
});

test('mixed Chinese and English text and queries', () => {
  const values = ['上海Acme科技 Zhang Wei 张伟'];
  assert.ok(matches(values, 'acme'));
  assert.ok(matches(values, '上海'));
  assert.ok(matches(values, 'zha 张伟'));
  assert.ok(matches(values, 'Acme科技'));
  assert.ok(!matches(values, 'acme 北京'));
});

test('one-letter Latin query words are ignored; a query of nothing searchable has no tokens', () => {
  assert.deepEqual(queryTokens('z'), []);
  assert.deepEqual(queryTokens('a b c'), []);
  assert.deepEqual(queryTokens('z wei'), ['wei']);
  assert.deepEqual(queryTokens("' or 1=1 --"), ['or']);
  assert.deepEqual(queryTokens('!!! ... ---'), []);
  assert.deepEqual(queryTokens(''), []);
});

test('empty values are skipped; numbers and objects are indexed by their JSON text', () => {
  assert.deepEqual(indexTokens([null, undefined, '']), []);
  assert.ok(indexTokens([12345]).includes('12345'));
  assert.ok(indexTokens([{ city: '上海', street: 'Nanjing Road' }]).includes('nanjing'));
  assert.ok(indexTokens([{ city: '上海' }]).includes('上海'));
});

test('tokens are unique', () => {
  const tokens = indexTokens(['wei wei wei 张伟张伟']);
  assert.equal(tokens.length, new Set(tokens).size);
});

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.array(fc.constantFrom('张', '伟', '星', '空', '北', '京', 'Zhang', 'wei', 'ÉCOLE', '上海', ' ', '-', '7', 'ß', 'ｱ', '한'), { maxLength: 12 }).map((a) => a.join('')),
);

test('property: a text is always found by itself', () => {
  fc.assert(
    fc.property(text, (s) => {
      const index = new Set(indexTokens([s]));
      for (const token of queryTokens(s)) assert.ok(index.has(token), `${JSON.stringify(s)}: ${token}`);
    }),
    { seed, numRuns: 1000 },
  );
});

test('property: a Latin word is found by each of its prefixes of two characters or more', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z0-9]{2,30}$/), fc.nat(), (word, cut) => {
      const prefix = word.slice(0, 2 + (cut % (word.length - 1)));
      assert.ok(matches([`x ${word} y`], prefix.toUpperCase()), `${word} / ${prefix}`);
    }),
    { seed, numRuns: 500 },
  );
});

test('property: a CJK text is found by any run of its characters', () => {
  const han = fc.array(fc.constantFrom(...'北京星空在线文化传播有限公司张伟上海'), { minLength: 1, maxLength: 20 }).map((a) => a.join(''));
  fc.assert(
    fc.property(han, fc.nat(), fc.nat(), (s, a, b) => {
      const chars = Array.from(s);
      const start = a % chars.length;
      const end = start + 1 + (b % (chars.length - start));
      assert.ok(matches([`公司 ${s} Ltd`], chars.slice(start, end).join('')));
    }),
    { seed, numRuns: 500 },
  );
});
