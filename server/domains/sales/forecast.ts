// The forecast of a period for the caller: every deal they may see (totals kept ahead for the deals
// they see through ownership, the records engine's aggregate for the others), by owner and category, converted into the base
// currency at the rates of a day, rolled up the manager hierarchy, against quotas, beside last week's.
import { sql } from 'drizzle-orm';
import { fieldRestrictions } from '../../platform/access/index.ts';
import { Problem } from '../../platform/http/problem.ts';
import type { Database } from '../../platform/db/index.ts';
import { aggregateRecords, listRecords, seesEveryRow, type Caller } from '../../records/index.ts';
import { Exact, sumExact } from './decimal.ts';
import { baseCurrency, convert, moneyList, ratesOn, type Money, type RateTable } from './exchange-rates.ts';
import { readForecastTotals } from './forecast-totals.ts';
import { addInto, categories, categoryOfStage, emptyFigures, rollUp, showFigures, type Category, type Figures, type Person } from './forecast-figures.ts';
import { addDays, periodContaining, weekOf, type Period, type PeriodType } from './forecast-periods.ts';
import type { Forecast } from './forecast-shape.ts';

export type { Forecast, ForecastRow } from './forecast-shape.ts';

export interface ForecastQuery {
  period: PeriodType;
  /** Any day in the period. */
  date: string;
  /** Whose forecast: this person and everyone below them (the caller by default). */
  ownerId?: string;
  /** Only the members of this team (and its sub-teams). */
  teamId?: string;
  /** The day whose exchange rates convert amounts, and whose week is "this week" (today by default). */
  asOf?: string;
}

const neededFields = ['amount', 'probability', 'forecastCategory', 'closeDate', 'ownerId'];
const MAX_GROUPS = 50_000;

/** Refuses a forecast to a caller who may not see the figures it is made of. */
function assertFiguresVisible(c: Caller): void {
  const restrictions = fieldRestrictions(c.ctx, 'opportunities');
  if (neededFields.some((f) => restrictions.get(f) === 'hidden')) throw new Problem(403, { key: 'detail.forecastFieldsHidden' });
}

/** Every active or former user with their manager (names are public to everyone signed in). */
export async function loadPeople(db: Database): Promise<Map<string, Person>> {
  const rows = await db.rows<{ id: string; name: string; manager_id: string | null }>(sql`select id, name, manager_id from users where deleted_at is null`);
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, managerId: r.manager_id }]));
}

/** A person and everyone below them in the manager hierarchy. */
export function subtreeOf(people: Map<string, Person>, rootId: string): string[] {
  const reports = new Map<string, string[]>();
  for (const p of people.values()) if (p.managerId) reports.set(p.managerId, [...(reports.get(p.managerId) ?? []), p.id]);
  const ids = new Set<string>([rootId]);
  // A Set grows while iterated: every report is visited once, cycles included.
  for (const id of ids) for (const report of reports.get(id) ?? []) ids.add(report);
  return [...ids];
}

/** The members of a team and of the teams below it. */
async function teamMemberIds(db: Database, teamId: string): Promise<string[]> {
  const rows = await db.rows<{ user_id: string }>(sql`with recursive below(id) as (
      select id from teams where id = ${teamId}::uuid
      union select t.id from teams t join below b on t.parent_id = b.id)
    select distinct user_id from team_members where team_id in (select id from below)`);
  return rows.map((r) => r.user_id);
}

/** The owners a forecast is limited to, or undefined for everyone the caller may see. */
async function scopeOwnerIds(c: Caller, people: Map<string, Person>, q: ForecastQuery): Promise<string[] | undefined> {
  let ids = q.ownerId ? subtreeOf(people, q.ownerId) : undefined;
  if (q.teamId) {
    const members = await teamMemberIds(c.db, q.teamId);
    ids = ids ? ids.filter((id) => members.includes(id)) : members;
  }
  return ids;
}

const quoted = (ids: string[]) => ids.map((id) => `'${id}'`).join(', ');

/** A filter text limiting owners (ids are uuids from the database, never the caller's text). */
export function ownerCondition(field: string, ids: string[] | undefined): string {
  if (!ids) return '';
  return ids.length ? ` and ${field} in (${quoted(ids)})` : ` and ${field} isNull true and ${field} isNull false`;
}

/** Adds a group of deals (amounts per currency) to an owner's figures in one category. */
function addGroup(byOwner: Map<string, Figures>, ownerId: string | null, category: Category, count: number, amounts: Money[], weighted: Money[], rates: RateTable, missing: Set<string>): void {
  const figures = byOwner.get(ownerId ?? '') ?? emptyFigures();
  const cell = figures[category];
  figures[category] = {
    count: cell.count + count,
    amount: cell.amount.plus(convert(rates, amounts, missing)),
    weighted: cell.weighted.plus(convert(rates, weighted, missing)),
  };
  byOwner.set(ownerId ?? '', figures);
}

/**
 * Deals per owner and category in the period, converted into the base currency. The deals the caller
 * sees through ownership (all of them for someone who sees every deal) come from the totals kept
 * ahead (forecast-totals.ts); only those reached otherwise (shared, sharing rules) are added up live,
 * by the engine, whose aggregate also refuses hidden fields exactly as before.
 */
async function dealFigures(c: Caller, period: Period, scope: string[] | undefined, rates: RateTable, missing: Set<string>): Promise<Map<string, Figures>> {
  const filter = `closeDate gte '${period.start}' and closeDate lt '${period.end}'${ownerCondition('ownerId', scope)}`;
  const { data } = await aggregateRecords(c, 'opportunities', { filter, groupBy: 'ownerId,forecastCategory,stage', sum: 'amount,amount*probability' }, { maxGroups: MAX_GROUPS, beyondOwnership: true });
  const byOwner = new Map<string, Figures>();
  for (const group of data) {
    const [ownerId, chosen, stage] = group.key as [string | null, string | null, string | null];
    const category: Category = (chosen as Category | null) ?? categoryOfStage[stage ?? ''] ?? 'pipeline';
    addGroup(byOwner, ownerId, category, group.count, moneyList(group.sums.amount), moneyList(group.sums['amount*probability']), rates, missing);
  }
  const ownerScope = c.ctx.ownerScopeIds;
  const owned = seesEveryRow(c, c.registry.get('opportunities')) ? scope : scope ? scope.filter((id) => ownerScope.includes(id)) : ownerScope;
  for (const row of await readForecastTotals(c.db, period.start, period.end, owned)) {
    // The aggregate leaves out amounts without a currency, and currencies with no amount at all.
    const hasMoney = row.amount !== null && row.currency !== null;
    const money = (amount: string | null): Money[] => (hasMoney ? [{ amount: amount ?? '0', currency: row.currency! }] : []);
    addGroup(byOwner, row.ownerId, row.category as Category, row.count, money(row.amount), money(row.weighted), rates, missing);
  }
  return byOwner;
}

/** Last week's snapshot per owner and category, as the caller may see it. */
async function previousFigures(c: Caller, period: Period, scope: string[] | undefined, week: string, rates: RateTable, missing: Set<string>): Promise<Map<string, Figures>> {
  const filter = `weekOf eq '${week}' and month gte '${period.start}' and month lt '${period.end}'${ownerCondition('ownerId', scope)}`;
  const { data } = await aggregateRecords(c, 'forecastSnapshots', { filter, groupBy: 'ownerId,category', sum: 'dealCount,amount,weightedAmount' }, { maxGroups: MAX_GROUPS });
  const byOwner = new Map<string, Figures>();
  for (const group of data) {
    const [ownerId, category] = group.key as [string, Category];
    if (!categories.includes(category)) continue;
    const figures = byOwner.get(ownerId) ?? emptyFigures();
    figures[category] = {
      count: Number(group.sums.dealCount ?? 0),
      amount: convert(rates, moneyList(group.sums.amount), missing),
      weighted: convert(rates, moneyList(group.sums.weightedAmount), missing),
    };
    byOwner.set(ownerId, figures);
  }
  return byOwner;
}

const coarseness: Record<PeriodType, number> = { month: 0, quarter: 1, year: 2 };

/**
 * Each person's (or team's) quota for the period, as the caller may see quotas: the quotas of the
 * period's own kind, else the sum of the finer ones inside it (a quarter's three monthly quotas).
 */
async function quotasFor(c: Caller, period: Period, by: 'assigneeId' | 'teamId', ids: string[] | undefined, rates: RateTable, missing: Set<string>): Promise<Map<string, Exact>> {
  const found = new Map<string, Map<PeriodType, Exact>>();
  let cursor: string | undefined;
  do {
    const page = await listRecords(c, 'quotas', {
      filter: `periodStart gte '${period.start}' and periodStart lt '${period.end}' and ${by} isNull false${ownerCondition(by, ids)}`,
      fields: `${by},periodType,periodStart,amount`,
      sort: 'id',
      limit: 500,
      cursor,
    });
    for (const quota of page.data) {
      const type = quota.periodType as PeriodType;
      if (coarseness[type] > coarseness[period.type]) continue;
      if (periodContaining(type, String(quota.periodStart)).end > period.end) continue;
      const byType = found.get(String(quota[by])) ?? new Map<PeriodType, Exact>();
      byType.set(type, (byType.get(type) ?? Exact.zero).plus(convert(rates, quota.amount ? [quota.amount as Money] : [], missing)));
      found.set(String(quota[by]), byType);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const quotas = new Map<string, Exact>();
  for (const [personId, byType] of found) {
    const coarsest = [...byType.keys()].toSorted((a, b) => coarseness[b] - coarseness[a])[0]!;
    quotas.set(personId, byType.get(coarsest)!);
  }
  return quotas;
}

/** The forecast of a period for the caller (see the file's comment). */
export async function buildForecast(c: Caller, q: ForecastQuery, today: string): Promise<Forecast> {
  assertFiguresVisible(c);
  const period = periodContaining(q.period, q.date);
  const asOf = q.asOf ?? today;
  const people = await loadPeople(c.db);
  const viewerId = q.ownerId ?? c.ctx.userId;
  const scope = await scopeOwnerIds(c, people, q);
  const rates = await ratesOn(c, asOf);
  const missing = new Set<string>();
  const previousWeekOf = weekOf(new Date(`${addDays(asOf, -7)}T00:00:00Z`));
  const own = await dealFigures(c, period, scope, rates, missing);
  const quotas = await quotasFor(c, period, 'assigneeId', scope, rates, missing);
  // A team's forecast is measured against the team's own quota when it has one.
  const teamQuota = q.teamId ? (await quotasFor(c, period, 'teamId', [q.teamId], rates, missing)).get(q.teamId) : undefined;
  // Without a snapshot that week (a new installation) there is nothing to compare with, not zeros.
  const hasSnapshot = (await c.db.rows(sql`select 1 from forecast_snapshots where week_of = ${previousWeekOf}::date and deleted_at is null limit 1`)).length > 0;
  const previous = hasSnapshot ? await previousFigures(c, period, scope, previousWeekOf, rates, missing) : null;
  const { rows, rootIds } = rollUp(people, viewerId, own, quotas, previous);
  const teamOwnerIds: Record<string, string[]> = {};
  const collect = (id: string): string[] => {
    const row = rows.find((r) => r.person.id === id)!;
    const ids = [id, ...row.reportIds.flatMap(collect)];
    teamOwnerIds[id] = ids;
    return ids;
  };
  rootIds.forEach(collect);
  const rootRows = rows.filter((r) => rootIds.includes(r.person.id));
  const totals = rootRows.reduce((sum, r) => addInto(sum, r.team), emptyFigures());
  const previousTotals = previous ? rootRows.reduce((sum, r) => addInto(sum, r.teamPrevious ?? emptyFigures()), emptyFigures()) : null;
  const quotaParts = rootRows.map((r) => r.teamQuota).filter((v): v is Exact => v !== null);
  const quota = teamQuota ?? (quotaParts.length ? sumExact(quotaParts) : null);
  return {
    period,
    currency: baseCurrency,
    asOf,
    missingRates: [...missing].toSorted(),
    previousWeekOf,
    viewerId,
    rows: rows.map((r) => ({
      id: r.person.id,
      name: r.person.name,
      managerId: r.person.managerId,
      reportIds: r.reportIds,
      own: showFigures(r.own),
      team: showFigures(r.team),
      quota: r.teamQuota?.toFixed(2) ?? null,
      gap: r.teamQuota ? r.teamQuota.minus(r.team.closed.amount).toFixed(2) : null,
      previous: r.teamPrevious ? showFigures(r.teamPrevious) : null,
    })),
    rootIds,
    teamOwnerIds,
    totals: showFigures(totals),
    quota: quota?.toFixed(2) ?? null,
    gap: quota ? quota.minus(totals.closed.amount).toFixed(2) : null,
    previousTotals: previousTotals ? showFigures(previousTotals) : null,
  };
}
