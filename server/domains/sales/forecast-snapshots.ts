// The weekly forecast snapshot: every Monday, each owner's deals per category and close month (this
// year and next), in the base currency at that day's rates, kept as forecastSnapshots records owned by
// the deal owner, so reading them later follows the same record access as the deals.
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import { defineScheduledJob } from '../../platform/jobs/index.ts';
import { aggregateRecords, createRecord, systemCaller, writeTransaction, type ModuleJobContext, type Registry } from '../../records/index.ts';
import { baseCurrency, convert, moneyList, ratesOn } from './exchange-rates.ts';
import { weekOf } from './forecast-periods.ts';

/** The actor recorded on snapshot records: no person, the system. */
const SYSTEM_ACTOR = '00000000-0000-0000-0000-000000000000';

/**
 * Takes (or takes again) the snapshot of the week `now` falls in; returns how many rows it holds.
 * Deals closing from the first day of this year to the last day of next year are counted.
 */
export async function snapshotForecast(db: Database, registry: Registry, now: Date): Promise<{ weekOf: string; rows: number }> {
  const week = weekOf(now);
  const year = now.getUTCFullYear();
  const caller = systemCaller({ db, registry }, SYSTEM_ACTOR);
  const rates = await ratesOn(caller, now.toISOString().slice(0, 10));
  const { data } = await aggregateRecords(
    caller,
    'opportunities',
    { filter: `closeDate gte '${year}-01-01' and closeDate lt '${year + 2}-01-01'`, groupBy: 'ownerId,forecastCategory,closeDate:month', sum: 'amount,amount*probability' },
    { maxGroups: 1_000_000 },
  );
  const missing = new Set<string>();
  return writeTransaction(caller, async (tx) => {
    // Taken again the same week (a retry, a manual run): the new figures replace the old.
    await tx.db.rows(sql`delete from forecast_snapshots where week_of = ${week}::date`);
    for (const group of data) {
      const [ownerId, category, month] = group.key as [string | null, string | null, string];
      await createRecord(tx, 'forecastSnapshots', {
        ownerId,
        weekOf: week,
        month,
        category: category ?? 'pipeline',
        dealCount: group.count,
        amount: { amount: convert(rates, moneyList(group.sums.amount), missing).toFixed(4), currency: baseCurrency },
        weightedAmount: { amount: convert(rates, moneyList(group.sums['amount*probability']), missing).toFixed(4), currency: baseCurrency },
      });
    }
    return { weekOf: week, rows: data.length };
  });
}

/** The weekly job (Mondays, 03:10 UTC) that takes the forecast snapshot. */
export function forecastJobs({ db, registry, now }: ModuleJobContext) {
  return [
    defineScheduledJob({
      name: 'sales.snapshot-forecast',
      schedule: '10 3 * * 1',
      handler: async (_payload, { log }) => {
        const taken = await snapshotForecast(db, registry, now());
        log.info(taken, 'took the weekly forecast snapshot');
      },
    }),
  ];
}
