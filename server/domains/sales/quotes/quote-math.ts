// A quote's figures in exact decimal arithmetic: every product of quantity, price, discount and tax
// stays an exact fraction, and each figure is rounded once, to cents, when it is stored.
import { Exact, sumExact } from '../decimal.ts';

/** What a line contributes: quantity × unit price less its discount, taxed at its rate. */
export interface LineFigures {
  quantity: number | string;
  unitPrice: string;
  /** Percent, e.g. 7.5 */
  discountPercent: number | string;
  /** Percent, e.g. 13 */
  taxRate: number | string;
}

export interface QuoteFigures {
  /** Per line, the amount before tax after the line discount (rounded to cents). */
  lineNet: string[];
  subtotal: string;
  discountAmount: string;
  taxAmount: string;
  total: string;
  /** The largest discount any line gets off its price, line and total discount together (percent). */
  largestDiscount: string;
}

const hundred = Exact.of(100);
const percentOf = (value: number | string | null | undefined) => Exact.of(value ?? 0).dividedBy(hundred);

/**
 * The quote's figures: subtotal is the sum of line amounts after line discounts; the total discount
 * applies to that subtotal; tax is charged per line on what remains of it after both discounts.
 */
export function quoteFigures(lines: LineFigures[], totalDiscountPercent: number | string): QuoteFigures {
  const totalShare = Exact.of(1).minus(percentOf(totalDiscountPercent));
  const nets = lines.map((line) => Exact.of(line.quantity).times(line.unitPrice).times(Exact.of(1).minus(percentOf(line.discountPercent))));
  const subtotal = sumExact(nets);
  const discountAmount = subtotal.minus(subtotal.times(totalShare));
  const tax = sumExact(nets.map((net, i) => net.times(totalShare).times(percentOf(lines[i]!.taxRate))));
  const total = subtotal.minus(discountAmount).plus(tax);
  const effective = lines.map((line) => Exact.of(1).minus(Exact.of(1).minus(percentOf(line.discountPercent)).times(totalShare)));
  const largest = effective.reduce((max, d) => (d.minus(max).isNegative() ? max : d), Exact.of(1).minus(totalShare));
  return {
    lineNet: nets.map((n) => n.toFixed(2)),
    subtotal: subtotal.toFixed(2),
    discountAmount: discountAmount.toFixed(2),
    taxAmount: tax.toFixed(2),
    total: total.toFixed(2),
    largestDiscount: largest.times(hundred).toFixed(4),
  };
}
