// The forecast and the quota plan as the API answers them (and the planner's request): one definition,
// free of imports, that the server builds and the web app reads (its types come from here).

export const periodTypes = ['month', 'quarter', 'year'] as const;
export type PeriodType = (typeof periodTypes)[number];

export interface Period {
  type: PeriodType;
  /** The first day of the period. */
  start: string;
  /** The first day after the period. */
  end: string;
  /** The first day of each month in the period. */
  months: string[];
}

export const categories = ['pipeline', 'bestCase', 'commit', 'closed', 'omitted'] as const;
export type Category = (typeof categories)[number];

export interface ShownCell {
  count: number;
  amount: string;
  weighted: string;
}

export interface ShownFigures {
  categories: Record<Category, ShownCell>;
  /** Every deal but the omitted ones. */
  total: ShownCell;
}

export interface ForecastRow {
  id: string;
  name: string;
  managerId: string | null;
  reportIds: string[];
  own: ShownFigures;
  team: ShownFigures;
  quota: string | null;
  gap: string | null;
  previous: ShownFigures | null;
}

export interface Forecast {
  period: Period;
  currency: string;
  asOf: string;
  missingRates: string[];
  previousWeekOf: string;
  viewerId: string;
  /** The people whose figures are shown, each with their own and their team's. */
  rows: ForecastRow[];
  rootIds: string[];
  /** Owner ids each row's team figures add up (for the drill-down to the deals). */
  teamOwnerIds: Record<string, string[]>;
  totals: ShownFigures;
  quota: string | null;
  gap: string | null;
  /** Null when no snapshot was taken the week before. */
  previousTotals: ShownFigures | null;
}

export type SplitMethod = 'even' | 'seasonal' | 'manual';

export interface PlanCell {
  month: string;
  target: string;
  winsNeeded: number | null;
  /** Unrounded, for the reader who wants to see why (3.33 wins → 4). */
  exactWins: string | null;
  prospectsNeeded: number | null;
  exactProspects: string | null;
  openCount: number;
  openAmount: string;
  wonAmount: string;
  /** target − won so far. */
  gap: string;
  /** Prospects still to find: needed − open deals (never below 0). */
  prospectGap: number | null;
}

export interface PlanRegion {
  region: string;
  target: string;
  months: PlanCell[];
}

export interface Plan {
  target: string;
  /** The sum of the cells' exact targets (differs from the target only for a split by hand). */
  plannedTotal: string;
  regions: PlanRegion[];
  totals: { winsNeeded: number | null; prospectsNeeded: number | null; openCount: number; wonAmount: string; gap: string };
}

/** What the quota planner is asked (`POST /forecast/quota-plan`). */
export interface PlanRequest {
  amount: string;
  periodType: PeriodType;
  periodStart: string;
  regions: string[];
  splitMethod: SplitMethod;
  /** Per region, per month (YYYY-MM-01): the amount, for a split by hand. */
  manual?: Record<string, Record<string, string>>;
  /** Overrides of the history, when set. */
  averageDealSize?: string | null;
  /** Percent (10 for 10 %). */
  winRate?: number | null;
  /** Whose history and pipeline (with everyone below them); the caller's by default. */
  assigneeId?: string | null;
  /** The day whose exchange rates convert amounts (today by default). */
  asOf?: string;
}

export interface PlanResponse {
  currency: string;
  period: Period;
  history: { averageDealSize: string | null; winRate: number | null; wonCount: number; lostCount: number; from: string; to: string };
  used: { averageDealSize: string | null; winRate: number | null; isDealSizeOverridden: boolean; isWinRateOverridden: boolean };
  missingRates: string[];
  plan: Plan;
}
