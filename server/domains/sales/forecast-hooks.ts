// What the forecast module adds to writes: an opportunity's forecast category follows its stage unless
// the same write chooses one, and is never left empty; a quota names a person or a team and a period.
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import type { FieldError, ObjectHooks, RecordValues, WriteEvent } from '../../records/index.ts';
import { categoryOfStage } from './forecast-figures.ts';

const isChanged = (e: WriteEvent, field: string) => field in e.changes && e.changes[field] !== e.before?.[field];

function deriveCategory(e: WriteEvent): RecordValues | void {
  const chosen = e.proposed.forecastCategory;
  const isChosenNow = 'forecastCategory' in e.changes && chosen !== null && chosen !== undefined;
  if (isChosenNow) return;
  const stageCategory = categoryOfStage[String(e.proposed.stage)] ?? 'pipeline';
  // The sales module's hook ran first, so `stage` is already the one the pipeline stage implies.
  if (isChanged(e, 'stage') || isChanged(e, 'stageId') || chosen === null || chosen === undefined) return { forecastCategory: stageCategory };
}

export const forecastOpportunityHooks: ObjectHooks = { beforeWrite: deriveCategory };

async function checkQuota(e: WriteEvent): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (!e.proposed.assigneeId && !e.proposed.teamId) errors.push({ field: 'assigneeId', code: 'required', message: 'name a salesperson or a team' });
  if (e.proposed.teamId && isChanged(e, 'teamId')) {
    const found = await e.caller.db.rows(sql`select 1 from teams where id = ${String(e.proposed.teamId)}::uuid`);
    if (found.length === 0) errors.push({ field: 'teamId', code: 'not_found', message: 'is not a team' });
  }
  const amount = e.proposed.amount as { amount?: string } | null | undefined;
  if (amount && typeof amount.amount === 'string' && amount.amount.startsWith('-')) errors.push({ field: 'amount', code: 'out_of_range', message: 'is 0 or more' });
  const winRate = e.proposed.winRate;
  if (typeof winRate === 'number' && (winRate <= 0 || winRate > 100)) errors.push({ field: 'winRate', code: 'out_of_range', message: 'is more than 0 and at most 100' });
  if (isChanged(e, 'plan') && e.proposed.plan !== null && e.proposed.plan !== undefined && !isPlanShape(e.proposed.plan)) {
    errors.push({ field: 'plan', code: 'invalid', message: 'is { regions: [names], manual?: { region: { "YYYY-MM-01": "amount" } } }' });
  }
  return errors;
}

/** A quota's stored plan: region names and, for a split by hand, amounts per region and month. */
function isPlanShape(plan: unknown): boolean {
  if (typeof plan !== 'object' || plan === null || Array.isArray(plan)) return false;
  const { regions, manual, ...rest } = plan as Record<string, unknown>;
  if (Object.keys(rest).length) return false;
  if (!Array.isArray(regions) || regions.length > 50 || !regions.every((r) => typeof r === 'string' && r.length > 0 && r.length <= 100)) return false;
  if (manual === undefined) return true;
  if (typeof manual !== 'object' || manual === null) return false;
  return Object.entries(manual).every(
    ([region, months]) =>
      regions.includes(region) && typeof months === 'object' && months !== null &&
      Object.entries(months).every(([month, amount]) => /^\d{4}-\d{2}-01$/.test(month) && typeof amount === 'string' && /^\d{1,15}(\.\d{1,4})?$/.test(amount)),
  );
}

export const quotaHooks: ObjectHooks = { validate: checkQuota };

/** Gives deals written before the field existed the category their stage implies (cheap when none). */
export async function backfillForecastCategories(db: Database): Promise<void> {
  const cases = sql.join(Object.entries(categoryOfStage).map(([stage, category]) => sql`when ${stage} then ${category}`), sql` `);
  await db.rows(sql`update opportunities set forecast_category = case stage ${cases} else 'pipeline' end where forecast_category is null`);
}
