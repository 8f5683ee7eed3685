// What a quota takes: the target split by region and by month, and per cell the won deals and the
// prospects needed at the average deal size and win rate. Pure and exact: every figure is a fraction
// until it is shown, rounded once (money to cents, deals and prospects up to whole ones).
import { Exact, sumExact } from './decimal.ts';
import type { Plan, SplitMethod } from './forecast-shape.ts';

export type { Plan, PlanCell, PlanRegion, SplitMethod } from './forecast-shape.ts';

export interface PlanInput {
  amount: Exact;
  regions: string[];
  /** First day of each month of the period. */
  months: string[];
  splitMethod: SplitMethod;
  /** Seasonal split: last year's won amount in the same month, per month of `months` (same order). */
  seasonality?: Exact[];
  /** Manual split: the amount per region and month. */
  manual?: Record<string, Record<string, Exact>>;
  averageDealSize: Exact | null;
  /** As a fraction (0.1 for 10 %). */
  winRate: Exact | null;
  /** What the pipeline holds now, per region and month (open deals, and won amount). */
  pipeline?: Record<string, Record<string, { openCount: number; openAmount: Exact; wonAmount: Exact }>>;
}

const noPipeline = { openCount: 0, openAmount: Exact.zero, wonAmount: Exact.zero };

/** Shares of a whole per month: even, or in proportion to last year's months (even when it had none). */
function monthShares(input: PlanInput): Exact[] {
  const even = input.months.map(() => new Exact(1n, BigInt(input.months.length)));
  if (input.splitMethod !== 'seasonal' || !input.seasonality) return even;
  const total = sumExact(input.seasonality);
  if (total.isZero() || total.isNegative()) return even;
  return input.seasonality.map((v) => v.dividedBy(total));
}

/** Splits a quota and says what it takes, per region and month. */
export function planQuota(input: PlanInput): Plan {
  const regions = input.regions.length ? input.regions : [''];
  const regionTarget = input.amount.dividedBy(BigInt(regions.length));
  const shares = monthShares(input);
  let wins = 0n;
  let prospects = 0n;
  let openCount = 0;
  let won = Exact.zero;
  let planned = Exact.zero;
  const canCount = input.averageDealSize !== null && !input.averageDealSize.isZero() && !input.averageDealSize.isNegative();
  const canProspect = canCount && input.winRate !== null && !input.winRate.isZero() && !input.winRate.isNegative();
  const planRegions = regions.map((region) => {
    const cells = input.months.map((month, i) => {
      const target = input.splitMethod === 'manual' ? (input.manual?.[region]?.[month] ?? Exact.zero) : regionTarget.times(shares[i]!);
      const exactWins = canCount ? target.dividedBy(input.averageDealSize!) : null;
      const exactProspects = exactWins && canProspect ? exactWins.dividedBy(input.winRate!) : null;
      const winsNeeded = exactWins ? exactWins.ceil() : null;
      const prospectsNeeded = exactProspects ? exactProspects.ceil() : null;
      const held = input.pipeline?.[region]?.[month] ?? noPipeline;
      wins += winsNeeded ?? 0n;
      prospects += prospectsNeeded ?? 0n;
      openCount += held.openCount;
      won = won.plus(held.wonAmount);
      planned = planned.plus(target);
      return {
        month,
        target: target.toFixed(2),
        winsNeeded: winsNeeded === null ? null : Number(winsNeeded),
        exactWins: exactWins?.toFixed(2) ?? null,
        prospectsNeeded: prospectsNeeded === null ? null : Number(prospectsNeeded),
        exactProspects: exactProspects?.toFixed(2) ?? null,
        openCount: held.openCount,
        openAmount: held.openAmount.toFixed(2),
        wonAmount: held.wonAmount.toFixed(2),
        gap: target.minus(held.wonAmount).toFixed(2),
        prospectGap: prospectsNeeded === null ? null : Math.max(0, Number(prospectsNeeded) - held.openCount),
      };
    });
    const target = input.splitMethod === 'manual' ? sumExact(input.months.map((m) => input.manual?.[region]?.[m] ?? Exact.zero)) : regionTarget;
    return { region, target: target.toFixed(2), months: cells };
  });
  return {
    target: input.amount.toFixed(2),
    plannedTotal: planned.toFixed(2),
    regions: planRegions,
    totals: {
      winsNeeded: canCount ? Number(wins) : null,
      prospectsNeeded: canProspect ? Number(prospects) : null,
      openCount,
      wonAmount: won.toFixed(2),
      gap: input.amount.minus(won).toFixed(2),
    },
  };
}
