// The quote arithmetic on its own: exact decimals, rounded once, to cents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quoteFigures } from './quote-math.ts';

test('3 × ¥33.33 with a 7.5% discount and 13% VAT is exact to the cent', () => {
  const figures = quoteFigures([{ quantity: 3, unitPrice: '33.33', discountPercent: 7.5, taxRate: 13 }], 0);
  // 99.99 × 0.925 = 92.49075; × 0.13 = 12.0237975; total 104.5145475
  assert.deepEqual(
    { subtotal: figures.subtotal, tax: figures.taxAmount, total: figures.total, line: figures.lineNet[0] },
    { subtotal: '92.49', tax: '12.02', total: '104.51', line: '92.49' },
  );
  assert.equal(figures.largestDiscount, '7.5000');
});

test('the total discount applies after line discounts and before tax; the sum is rounded once, not per line', () => {
  const lines = [
    { quantity: 1, unitPrice: '0.005', discountPercent: 0, taxRate: 0 },
    { quantity: 1, unitPrice: '0.005', discountPercent: 0, taxRate: 0 },
  ];
  assert.equal(quoteFigures(lines, 0).total, '0.01', 'two half cents make a cent');
  const mixed = quoteFigures(
    [
      { quantity: '2.5', unitPrice: '100', discountPercent: 10, taxRate: 13 },
      { quantity: 1, unitPrice: '19.99', discountPercent: 0, taxRate: 6 },
    ],
    5,
  );
  // nets 225 + 19.99 = 244.99; discount 12.2495; tax 225×.95×.13 + 19.99×.95×.06 = 27.7875 + 1.139430
  assert.deepEqual([mixed.subtotal, mixed.discountAmount, mixed.taxAmount, mixed.total], ['244.99', '12.25', '28.93', '261.67']);
  assert.equal(mixed.largestDiscount, '14.5000', '1 − 0.9 × 0.95');
});

test('no lines: everything is zero, the total discount is still the largest discount', () => {
  const figures = quoteFigures([], 12);
  assert.deepEqual([figures.subtotal, figures.total, figures.largestDiscount], ['0.00', '0.00', '12.0000']);
});
