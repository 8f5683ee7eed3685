// Exact money arithmetic for forecasts and quota plans: fractions of big integers, so a third of a
// target stays a third until the figure is shown, and rounding happens once, at the end.

const gcd = (a: bigint, b: bigint): bigint => {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y) [x, y] = [y, x % y];
  return x || 1n;
};

/** An exact rational number. */
export class Exact {
  readonly num: bigint;
  readonly den: bigint;

  constructor(num: bigint, den = 1n) {
    if (den === 0n) throw new RangeError('division by zero');
    const sign = den < 0n ? -1n : 1n;
    const divisor = gcd(num, den);
    this.num = (sign * num) / divisor;
    this.den = (sign * den) / divisor;
  }

  /** Parses a decimal text or a finite number (through its shortest decimal text). */
  static of(value: string | number | bigint | Exact): Exact {
    if (value instanceof Exact) return value;
    if (typeof value === 'bigint') return new Exact(value);
    const text = typeof value === 'number' ? numberText(value) : value.trim();
    const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
    if (!match || (match[2] === '' && !match[3])) throw new RangeError(`not a decimal: ${text.slice(0, 40)}`);
    const fraction = match[3] ?? '';
    const num = BigInt((match[2] || '0') + fraction) * (match[1] === '-' ? -1n : 1n);
    return new Exact(num, 10n ** BigInt(fraction.length));
  }

  static readonly zero = new Exact(0n);

  plus(other: Exact | string | number | bigint): Exact {
    const o = Exact.of(other);
    return new Exact(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  minus(other: Exact | string | number | bigint): Exact {
    const o = Exact.of(other);
    return new Exact(this.num * o.den - o.num * this.den, this.den * o.den);
  }

  times(other: Exact | string | number | bigint): Exact {
    const o = Exact.of(other);
    return new Exact(this.num * o.num, this.den * o.den);
  }

  dividedBy(other: Exact | string | number | bigint): Exact {
    const o = Exact.of(other);
    return new Exact(this.num * o.den, this.den * o.num);
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  isNegative(): boolean {
    return this.num < 0n;
  }

  /** The smallest integer not below this number. */
  ceil(): bigint {
    const q = this.num / this.den;
    return this.num > 0n && q * this.den !== this.num ? q + 1n : q;
  }

  /** Decimal text with `places` decimals, rounded half away from zero. */
  toFixed(places = 2): string {
    const scale = 10n ** BigInt(places);
    const negative = this.num < 0n;
    const abs = negative ? -this.num : this.num;
    const rounded = (abs * scale * 2n + this.den) / (this.den * 2n);
    const whole = (rounded / scale).toString();
    const fraction = places ? `.${(rounded % scale).toString().padStart(places, '0')}` : '';
    return `${negative && rounded !== 0n ? '-' : ''}${whole}${fraction}`;
  }

  /** For display only (a chart's bar length), never for money. */
  toNumber(): number {
    return Number(this.toFixed(6));
  }
}

/** A finite number as plain decimal text (no exponent). */
function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError('not a finite number');
  const text = String(value);
  if (!/e/i.test(text)) return text;
  if (Number.isInteger(value)) return BigInt(value).toString();
  return value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/** Adds up exact numbers. */
export function sumExact(values: Iterable<Exact>): Exact {
  let total = Exact.zero;
  for (const v of values) total = total.plus(v);
  return total;
}
