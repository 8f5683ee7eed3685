// Exact arithmetic: thirds stay thirds, rounding happens once and half away from zero.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Exact } from './decimal.ts';

test('a third of 100000 shows as 33333.33 and adds back to the whole', () => {
  const third = Exact.of('100000').dividedBy(3);
  assert.equal(third.toFixed(2), '33333.33');
  assert.equal(third.times(3).toFixed(2), '100000.00');
});

test('ceil and rounding', () => {
  assert.equal(Exact.of('33333.3333').dividedBy('10000').ceil(), 4n);
  assert.equal(Exact.of('3').ceil(), 3n);
  assert.equal(Exact.of('-2.5').ceil(), -2n);
  assert.equal(Exact.of('0.005').toFixed(2), '0.01');
  assert.equal(Exact.of('-0.005').toFixed(2), '-0.01');
  assert.equal(Exact.of(0.1).plus(0.2).toFixed(20), '0.30000000000000000000');
  assert.equal(Exact.of(1e21).toFixed(0), '1000000000000000000000');
  assert.throws(() => Exact.of('abc'));
});
