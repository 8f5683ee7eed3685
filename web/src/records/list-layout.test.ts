// The list layout rules: multi-column sort by click and Shift-click, moving and sizing columns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clampWidth, gridTemplate, moveColumn, parseSort, sortStateOf, toggleSort } from './list-layout.ts';

test('a click sorts by one column, descending first, then flips', () => {
  assert.equal(toggleSort('-createdAt', 'name', false), '-name');
  assert.equal(toggleSort('-name', 'name', false), 'name');
  assert.equal(toggleSort('name', 'name', false), '-name');
  assert.equal(toggleSort('-amount,name', 'name', false), '-name');
});

test('Shift-click adds a column to the sort, or flips it in place', () => {
  assert.equal(toggleSort('-amount', 'name', true), '-amount,name');
  assert.equal(toggleSort('-amount,name', 'name', true), '-amount,-name');
  assert.equal(toggleSort('-amount,name', 'amount', true), 'amount,name');
  assert.deepEqual(sortStateOf('-amount,name', 'name'), { direction: 'ascending', position: 2 });
  assert.deepEqual(sortStateOf('-amount,name', 'city'), { direction: 'none', position: 0 });
  assert.deepEqual(parseSort(' -a , b ,'), [{ field: 'a', isDescending: true }, { field: 'b', isDescending: false }]);
});

test('columns move and keep sensible widths', () => {
  assert.deepEqual(moveColumn(['a', 'b', 'c'], 0, 2), ['b', 'c', 'a']);
  assert.deepEqual(moveColumn(['a', 'b', 'c'], 2, 0), ['c', 'a', 'b']);
  assert.deepEqual(moveColumn(['a', 'b'], 0, 5), ['a', 'b']);
  assert.equal(clampWidth(10), 80);
  assert.equal(clampWidth(250.6), 251);
  assert.equal(clampWidth(5000), 800);
  assert.equal(gridTemplate(['a', 'b'], { a: 120 }, true), '44px 120px minmax(160px, 1fr)');
});
