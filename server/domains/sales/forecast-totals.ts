// Forecast totals kept ahead of time: per owner, close month, forecast category and currency, how many
// live deals there are and what their amounts and weighted amounts add up to. A trigger on the
// opportunities table keeps them in the same transaction as every write, whatever the path (the API,
// an import, a merge, a bulk edit, a purge, plain SQL), so a forecast over the deals a caller sees
// through ownership reads a few hundred rows instead of scanning every deal.
//
// The figures are exactly the engine aggregate's: the category is the chosen one else the stage's,
// the weighted amount is `amount * (probability / 100)` in numeric, and a deal with no amount or no
// currency counts but adds no money (`amount_count` says whether any amount was added).
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import { categoryOfStage } from './forecast-figures.ts';

const categoryCases = Object.entries(categoryOfStage)
  .map(([stage, category]) => `when '${stage}' then '${category}'`)
  .join(' ');

/** A deal's key and figures, from the transition table `rows`, signed +1 (added) or -1 (removed). */
const deltas = (rows: string, sign: 1 | -1) => `select owner_id, date_trunc('month', close_date)::date as month,
      coalesce(forecast_category, case stage ${categoryCases} else 'pipeline' end) as category,
      amount_currency as currency, ${sign} as deal_count, ${sign} * (amount is not null)::int as amount_count,
      ${sign} * coalesce(amount, 0) as amount, ${sign} * coalesce(amount * (probability / 100), 0) as weighted
    from ${rows} where deleted_at is null and close_date is not null`;

/**
 * Adds the changes in one upsert per key, in key order (two writers lock shared rows in the same
 * order), skipping keys whose changes cancel out (an edit of the name touches no totals row).
 */
const upsert = (source: string) => `insert into forecast_totals as f (owner_id, month, category, currency, deal_count, amount_count, amount, weighted)
    select owner_id, month, category, currency, sum(deal_count), sum(amount_count), sum(amount), sum(weighted)
    from (${source}) d group by 1, 2, 3, 4
    having sum(deal_count) <> 0 or sum(amount_count) <> 0 or sum(amount) <> 0 or sum(weighted) <> 0
    order by 1, 2, 3, 4
    on conflict (owner_id, month, category, currency) do update set deal_count = f.deal_count + excluded.deal_count,
      amount_count = f.amount_count + excluded.amount_count, amount = f.amount + excluded.amount, weighted = f.weighted + excluded.weighted`;

const functionSql = `create or replace function forecast_totals_apply() returns trigger language plpgsql as $$
begin
  if tg_op = 'TRUNCATE' then
    delete from forecast_totals;
  elsif tg_op = 'INSERT' then
    ${upsert(deltas('new_rows', 1))};
  elsif tg_op = 'DELETE' then
    ${upsert(deltas('old_rows', -1))};
  else
    ${upsert(`${deltas('new_rows', 1)} union all ${deltas('old_rows', -1)}`)};
  end if;
  return null;
end $$`;

const statements = [
  `create table if not exists forecast_totals (
    owner_id uuid, month date not null, category text not null, currency text,
    deal_count bigint not null default 0, amount_count bigint not null default 0,
    amount numeric not null default 0, weighted numeric not null default 0,
    constraint forecast_totals_key unique nulls not distinct (owner_id, month, category, currency))`,
  functionSql,
  // Statement triggers with transition tables: a million-row insert costs one grouped upsert, not a million.
  `create or replace trigger opportunities_forecast_insert after insert on opportunities referencing new table as new_rows for each statement execute function forecast_totals_apply()`,
  `create or replace trigger opportunities_forecast_update after update on opportunities referencing old table as old_rows new table as new_rows for each statement execute function forecast_totals_apply()`,
  `create or replace trigger opportunities_forecast_delete after delete on opportunities referencing old table as old_rows for each statement execute function forecast_totals_apply()`,
  `create or replace trigger opportunities_forecast_truncate after truncate on opportunities for each statement execute function forecast_totals_apply()`,
];

/** Which definition the totals were computed with: a changed rule (a category mapping) recomputes them. */
function definitionVersion(): string {
  let hash = 0;
  for (const ch of statements.join('\n')) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) | 0;
  return `forecast totals ${(hash >>> 0).toString(16)}`;
}

/**
 * Creates the totals table and its triggers, and fills it from the deals when it is new or was made
 * by another definition; at every start, cheap when nothing changed. Under a lock, and in one
 * transaction with the trigger's creation, so no write is missed or counted twice.
 */
export async function installForecastTotals(db: Database): Promise<void> {
  const version = definitionVersion();
  await db.transaction(async (tx) => {
    await tx.rows(sql`select pg_advisory_xact_lock(hashtext('forecast_totals'))`);
    const [current] = await tx.rows<{ version: string | null }>(sql`select obj_description(to_regclass('forecast_totals'), 'pg_class') as version`);
    if (current?.version === version) return;
    for (const statement of statements) await tx.rows(sql.raw(statement));
    await rebuildForecastTotals(tx);
    await tx.rows(sql.raw(`comment on table forecast_totals is '${version}'`));
  });
}

/** Recomputes every total from the deals (at installation; a maintainer's repair). */
export async function rebuildForecastTotals(db: Database): Promise<void> {
  await db.rows(sql`lock table opportunities in share mode`);
  await db.rows(sql`delete from forecast_totals`);
  await db.rows(sql.raw(upsert(deltas('opportunities', 1))));
  // Fresh statistics, so the first reads aggregate by hash rather than sorting thousands of rows.
  await db.rows(sql`analyze forecast_totals`);
}

export interface TotalsRow {
  ownerId: string | null;
  category: string;
  currency: string | null;
  count: number;
  /** Null when no deal of the group has an amount. */
  amount: string | null;
  weighted: string | null;
}

/**
 * The totals of the months from `start` to `end` (exclusive, first days of months), per owner,
 * category and currency; `owners` limits them (undefined: every owner, deals with none included).
 */
// Sums leave without trailing zeros (a weighted sum carries ~24 decimals): exact either way, but
// shorter fractions keep the forecast's exact arithmetic cheap.
export async function readForecastTotals(db: Database, start: string, end: string, owners: string[] | undefined): Promise<TotalsRow[]> {
  if (owners && owners.length === 0) return [];
  const rows = await db.rows<{ owner_id: string | null; category: string; currency: string | null; n: string | number; amount_count: string | number; amount: string; weighted: string }>(sql`
    select owner_id, category, currency, sum(deal_count) as n, sum(amount_count) as amount_count, trim_scale(sum(amount))::text as amount, trim_scale(sum(weighted))::text as weighted
    from forecast_totals where month >= ${start}::date and month < ${end}::date
      ${owners ? sql`and owner_id = any(${sql.param(owners)}::uuid[])` : sql``}
    group by 1, 2, 3 having sum(deal_count) <> 0`);
  return rows.map((r) => {
    const hasAmount = Number(r.amount_count) > 0;
    return { ownerId: r.owner_id, category: r.category, currency: r.currency, count: Number(r.n), amount: hasAmount ? r.amount : null, weighted: hasAmount ? r.weighted : null };
  });
}
