// The quote editor's data helpers: saved lines become editable rows (a price typed by hand stays,
// the book's does not), and the server's line errors land on their lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../app/api.ts';
import { draftOf, splitErrors } from './quote-api.ts';

test('saved lines become rows; only a price typed by hand fills the price box', () => {
  const rows = draftOf([
    { id: 'a', version: 1, productId: 'p1', quantity: 3, discountPercent: 7.5, unitPrice: { amount: '33.33', currency: 'CNY' }, listPrice: { amount: '33.33', currency: 'CNY' }, isPriceOverridden: false, taxRate: 13 },
    { id: 'b', version: 1, productId: 'p2', quantity: 1, discountPercent: 0, unitPrice: { amount: '10.00', currency: 'CNY' }, isPriceOverridden: true },
  ]);
  assert.deepEqual(rows.map((r) => [r.key, r.productId, r.quantity, r.discountPercent, r.unitPrice, r.taxRate]), [
    ['a', 'p1', 3, 7.5, '', 13],
    ['b', 'p2', 1, 0, '10.00', null],
  ]);
});

test('compatibility errors are grouped by line and field; other failures keep their message', () => {
  const problem = new ApiError({
    status: 400,
    detail: 'Some products on this quote do not go together',
    errors: [
      { field: 'lines.0.productId', code: 'excludes_product', message: 'cannot go with B' },
      { field: 'lines.2.productId', code: 'requires_product', message: 'needs C' },
      { field: 'lines.2.quantity', code: 'minimum', message: 'more than 0' },
      { field: 'status', code: 'approval_required', message: 'approve first' },
    ],
  });
  const { lines, message } = splitErrors(problem, 'fallback');
  assert.equal(message, 'Some products on this quote do not go together');
  assert.deepEqual([...lines.keys()], [0, 2]);
  assert.deepEqual([...lines.get(2)!], [['productId', 'needs C'], ['quantity', 'more than 0']]);
  assert.equal(splitErrors(new Error('network'), 'fallback').message, 'fallback');
});
