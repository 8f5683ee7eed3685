// Values as read in lists: the formatters are built once per locale and kind, and stay apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatValue } from './format.ts';
import type { FieldDef, Label } from './metadata.ts';

const field = (type: FieldDef['type']): FieldDef => ({ name: 'x', type, label: { en: 'X', 'zh-CN': 'X' } });
const pick = (label: Label) => label.en;

test('money keeps its own currency and locale when formatted many times', () => {
  const money = field('currency');
  for (let i = 0; i < 3; i++) {
    assert.equal(formatValue(money, { amount: '1234.5', currency: 'CNY' }, 'zh-CN', pick), '¥1,234.50');
    assert.equal(formatValue(money, { amount: '1234.5', currency: 'USD' }, 'en', pick), '$1,234.50');
    assert.equal(formatValue(money, { amount: '1234.5', currency: 'USD' }, 'zh-CN', pick), 'US$1,234.50');
  }
});

test('numbers, percents, dates and times each use their own format', () => {
  assert.equal(formatValue(field('number'), 1234567, 'en', pick), '1,234,567');
  assert.equal(formatValue(field('percent'), 12.345, 'en', pick), '12.35%');
  assert.equal(formatValue(field('date'), '2026-12-04', 'zh-CN', pick), '2026年12月4日');
  assert.equal(formatValue(field('date'), '2026-12-04', 'en', pick), 'Dec 4, 2026');
  assert.match(formatValue(field('datetime'), '2026-12-04T08:30:00Z', 'en', pick), /^Dec 4, 2026/);
});
