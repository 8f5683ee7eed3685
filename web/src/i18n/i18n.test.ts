// Both languages are complete: the same keys, every key the code uses exists, and the Chinese texts
// hold no stray English words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const en = JSON.parse(readFileSync(join(here, 'en.json'), 'utf8'));
const zh = JSON.parse(readFileSync(join(here, 'zh-CN.json'), 'utf8'));

function flatten(node: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value as Record<string, unknown>, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const enKeys = flatten(en);
const zhKeys = flatten(zh);
const base = (key: string) => key.replace(/_(one|other)$/, '');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

test('English and Chinese have exactly the same keys', () => {
  assert.deepEqual([...zhKeys.keys()].toSorted(), [...enKeys.keys()].toSorted());
});

test('every text key the code uses exists in both languages', () => {
  const used = new Set<string>();
  for (const text of sources(join(here, '..'))) {
    for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z]+(?:\.[a-zA-Z]+)+)'/g)) used.add(match[1]!);
  }
  assert.ok(used.size > 40, 'the scan found the keys');
  const known = new Set([...enKeys.keys()].map(base));
  assert.deepEqual([...used].filter((key) => !known.has(key)), []);
});

test('Chinese texts hold no English words (names and keys aside) and no spaces between Chinese characters', () => {
  // Product names and the names printed on keys stay as they are written.
  const allowed = new Set(['Guanxi', 'Ctrl', 'K', 'Google', 'Password', 'Shift', 'Alt']);
  for (const [key, value] of zhKeys) {
    const words = value.replace(/\{\{[^}]+\}\}/g, '').match(/[A-Za-z]{2,}/g) ?? [];
    assert.deepEqual(words.filter((w) => !allowed.has(w)), [], key);
    assert.doesNotMatch(value, /[\u4e00-\u9fff] [\u4e00-\u9fff]/, key);
  }
});
