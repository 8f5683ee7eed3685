// How labels become API names and option values: the names the API accepts, made from what an
// administrator types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_NAME_PATTERN, toApiName, toOptionValue } from './field-types.ts';

test('an English label becomes a camelCase API name the API accepts', () => {
  assert.equal(toApiName('Customer tier'), 'customerTier');
  assert.equal(toApiName('  VIP level (2026) '), 'vipLevel2026');
  assert.equal(toApiName('Café owner'), 'cafeOwner');
  assert.equal(toApiName('2nd contact'), 'contact'); // a name starts with a letter
  for (const label of ['Customer tier', 'VIP level (2026)', 'E-mail opt-out']) assert.match(toApiName(label), API_NAME_PATTERN);
});

test('a label with no Latin letters gives no name, to be typed by hand', () => {
  assert.equal(toApiName('客户层级'), '');
  assert.equal(toApiName('123'), '');
});

test('a long label is cut to the longest name the API takes', () => {
  assert.equal(toApiName('word '.repeat(20)).length, 41);
});

test('an option value is the English label in lower case with underscores', () => {
  assert.equal(toOptionValue('Key account'), 'key_account');
  assert.equal(toOptionValue(' A/B test! '), 'a_b_test');
  assert.equal(toOptionValue('重点'), '');
});
