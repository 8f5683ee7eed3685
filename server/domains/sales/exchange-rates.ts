// Converting amounts of several currencies into the base currency with dated exchange rates: the rate
// of a currency on a day is its latest rate effective on or before that day.
import { listRecords, type Caller, type ObjectHooks } from '../../records/index.ts';
import { assertAdmin } from '../../platform/access/index.ts';
import { invalidField } from '../../platform/http/problem.ts';
import { Exact } from './decimal.ts';
import type { Money } from './money-shape.ts';

/** The installation's base currency: forecasts and quotas are shown in it. */
export const baseCurrency = process.env.GUANXI_DEFAULT_CURRENCY ?? 'CNY';

export type { Money } from './money-shape.ts';

export interface RateTable {
  asOf: string;
  /** Base-currency units per unit of each currency (the base currency itself is 1). */
  rates: Map<string, Exact>;
}

/** The rates in effect on a day, read with the caller's access (they are public to read). */
export async function ratesOn(c: Caller, day: string): Promise<RateTable> {
  const rates = new Map<string, Exact>([[baseCurrency, Exact.of(1)]]);
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await listRecords(c, 'exchangeRates', { filter: `effectiveDate lte '${day}'`, sort: '-effectiveDate,-createdAt', limit: 500, cursor, fields: 'currency,rate,effectiveDate' });
    for (const row of page.data) {
      const currency = String(row.currency).toUpperCase();
      if (seen.has(currency) || currency === baseCurrency) continue;
      seen.add(currency);
      rates.set(currency, Exact.of(row.rate as number));
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { asOf: day, rates };
}

/** The per-currency amounts of an aggregate's currency sum (none when absent). */
export function moneyList(value: unknown): Money[] {
  return Array.isArray(value) ? (value as Money[]) : [];
}

/** Converts per-currency amounts into the base currency; currencies without a rate are left out and named. */
export function convert(table: RateTable, amounts: readonly Money[], missing: Set<string>): Exact {
  let total = Exact.zero;
  for (const money of amounts) {
    const rate = table.rates.get(money.currency);
    if (!rate) {
      missing.add(money.currency);
      continue;
    }
    total = total.plus(Exact.of(money.amount).times(rate));
  }
  return total;
}

/** Only administrators maintain rates; a rate is a positive number and a currency three capitals. */
export const exchangeRateHooks: ObjectHooks = {
  beforeWrite: ({ caller }) => {
    if (!caller.isSystem) assertAdmin(caller.ctx);
  },
  validate: ({ proposed }) => {
    const errors = [];
    if (typeof proposed.currency === 'string' && !/^[A-Z]{3}$/.test(proposed.currency)) {
      errors.push({ field: 'currency', code: 'invalid', message: 'is an ISO 4217 code of three capital letters' });
    }
    if (typeof proposed.rate === 'number' && !(proposed.rate > 0)) errors.push({ field: 'rate', code: 'out_of_range', message: 'is more than 0' });
    return errors;
  },
};

/** A day as the API takes it, checked (YYYY-MM-DD, a real date). */
export function parseDay(value: string, parameter: string): string {
  const isDay = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!isDay) throw invalidField(parameter, 'invalid', 'is a date: YYYY-MM-DD');
  return value;
}
