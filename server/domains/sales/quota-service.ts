// The quota planner's inputs from the records the caller may see: the average deal size and win rate
// of the last twelve months, last year's months (for a seasonal split), and what the pipeline holds
// now per region and month. Every figure goes through the engine's access-aware aggregate.
import { aggregateRecords, getRecord, type Caller } from '../../records/index.ts';
import { invalidField } from '../../platform/http/problem.ts';
import { Exact } from './decimal.ts';
import { baseCurrency, convert, moneyList, ratesOn, type Money, type RateTable } from './exchange-rates.ts';
import { loadPeople, ownerCondition, subtreeOf } from './forecast.ts';
import { periodContaining, periodYearBefore, type Period, type PeriodType } from './forecast-periods.ts';
import { planQuota } from './quota-plan.ts';
import type { PlanRequest, PlanResponse, SplitMethod } from './forecast-shape.ts';

export type { PlanRequest, PlanResponse } from './forecast-shape.ts';

/** The owners whose deals count: the assignee and everyone below them, or the whole visible data. */
async function ownerScope(c: Caller, assigneeId: string | null | undefined): Promise<string> {
  if (!assigneeId) return '';
  const people = await loadPeople(c.db);
  if (!people.has(assigneeId)) throw invalidField('assigneeId', 'not_found', 'is not a user');
  return ownerCondition('ownerId', subtreeOf(people, assigneeId));
}

function twelveMonthsBefore(day: string): string {
  return `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
}

async function history(c: Caller, period: Period, scope: string, rates: RateTable, missing: Set<string>) {
  const from = twelveMonthsBefore(period.start);
  const filter = `closeDate gte '${from}' and closeDate lt '${period.start}' and stage in ('won', 'lost')${scope}`;
  const { data } = await aggregateRecords(c, 'opportunities', { filter, groupBy: 'stage', sum: 'amount' });
  const won = data.find((g) => g.key === 'won');
  const lost = data.find((g) => g.key === 'lost');
  const wonCount = won?.count ?? 0;
  const lostCount = lost?.count ?? 0;
  const wonAmount = convert(rates, moneyList(won?.sums.amount), missing);
  return {
    averageDealSize: wonCount ? wonAmount.dividedBy(BigInt(wonCount)) : null,
    winRate: wonCount + lostCount ? new Exact(BigInt(wonCount), BigInt(wonCount + lostCount)) : null,
    wonCount,
    lostCount,
    from,
    to: period.start,
  };
}

async function seasonality(c: Caller, period: Period, scope: string, rates: RateTable, missing: Set<string>): Promise<Exact[]> {
  const last = periodYearBefore(period);
  const filter = `closeDate gte '${last.start}' and closeDate lt '${last.end}' and stage eq 'won'${scope}`;
  const { data } = await aggregateRecords(c, 'opportunities', { filter, groupBy: 'closeDate:month', sum: 'amount' });
  return last.months.map((month) => convert(rates, moneyList(data.find((g) => g.key === month)?.sums.amount), missing));
}

async function pipelineNow(c: Caller, period: Period, scope: string, rates: RateTable, missing: Set<string>) {
  const filter = `closeDate gte '${period.start}' and closeDate lt '${period.end}'${scope}`;
  const { data } = await aggregateRecords(c, 'opportunities', { filter, groupBy: 'region,closeDate:month,stage', sum: 'amount' }, { maxGroups: 50_000 });
  const held: Record<string, Record<string, { openCount: number; openAmount: Exact; wonAmount: Exact }>> = {};
  for (const group of data) {
    const [region, month, stage] = group.key as [string | null, string, string | null];
    const cell = ((held[region ?? ''] ??= {})[month] ??= { openCount: 0, openAmount: Exact.zero, wonAmount: Exact.zero });
    const amount = convert(rates, moneyList(group.sums.amount), missing);
    if (stage === 'won') cell.wonAmount = cell.wonAmount.plus(amount);
    else if (stage !== 'lost') {
      cell.openCount += group.count;
      cell.openAmount = cell.openAmount.plus(amount);
    }
  }
  return held;
}

const percent = (v: Exact | null) => (v ? Number(v.times(100n).toFixed(2)) : null);

/** Plans a quota for the caller: the split, what it takes, and what the pipeline holds. */
export async function planForCaller(c: Caller, request: PlanRequest, today: string): Promise<PlanResponse> {
  const period = periodContaining(request.periodType, request.periodStart);
  const scope = await ownerScope(c, request.assigneeId);
  const rates = await ratesOn(c, request.asOf ?? today);
  const missing = new Set<string>();
  const past = await history(c, period, scope, rates, missing);
  const dealSize = request.averageDealSize ? Exact.of(request.averageDealSize) : past.averageDealSize;
  const winRate = request.winRate ? Exact.of(request.winRate).dividedBy(100n) : past.winRate;
  const manual = request.manual
    ? Object.fromEntries(Object.entries(request.manual).map(([region, months]) => [region, Object.fromEntries(Object.entries(months).map(([m, v]) => [m, Exact.of(v)]))]))
    : undefined;
  const plan = planQuota({
    amount: Exact.of(request.amount),
    regions: request.regions,
    months: period.months,
    splitMethod: request.splitMethod,
    seasonality: request.splitMethod === 'seasonal' ? await seasonality(c, period, scope, rates, missing) : undefined,
    manual,
    averageDealSize: dealSize,
    winRate,
    pipeline: await pipelineNow(c, period, scope, rates, missing),
  });
  return {
    currency: baseCurrency,
    period,
    history: { averageDealSize: past.averageDealSize?.toFixed(2) ?? null, winRate: percent(past.winRate), wonCount: past.wonCount, lostCount: past.lostCount, from: past.from, to: past.to },
    used: { averageDealSize: dealSize?.toFixed(2) ?? null, winRate: percent(winRate), isDealSizeOverridden: Boolean(request.averageDealSize), isWinRateOverridden: Boolean(request.winRate) },
    missingRates: [...missing].toSorted(),
    plan,
  };
}

/** Plans a stored quota (404 when the caller may not see it). */
export async function planStoredQuota(c: Caller, id: string, today: string): Promise<PlanResponse> {
  const quota = await getRecord(c, 'quotas', id);
  const plan = (quota.plan ?? {}) as { regions?: string[]; manual?: Record<string, Record<string, string>> };
  const amount = quota.amount as Money;
  const rates = await ratesOn(c, today);
  const missing = new Set<string>();
  const inBase = convert(rates, [amount], missing);
  return planForCaller(
    c,
    {
      amount: inBase.toFixed(4),
      periodType: quota.periodType as PeriodType,
      periodStart: String(quota.periodStart),
      regions: Array.isArray(plan.regions) ? plan.regions.map(String) : [],
      splitMethod: (quota.splitMethod as SplitMethod | null) ?? 'even',
      manual: plan.manual,
      averageDealSize: (quota.averageDealSize as Money | null)?.amount ?? null,
      winRate: (quota.winRate as number | null) ?? null,
      assigneeId: (quota.assigneeId as string | null) ?? null,
    },
    today,
  );
}
