// The forecast and quota-plan API as the screens use it, and the drill-down from a figure to its deals
// (pure: unit-tested in node).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { get, query, request } from '../../app/api.ts';

export const forecastCategories = ['pipeline', 'bestCase', 'commit', 'closed'] as const;
export type ForecastCategory = (typeof forecastCategories)[number] | 'omitted';
export type PeriodType = 'month' | 'quarter' | 'year';

export interface Cell {
  count: number;
  amount: string;
  weighted: string;
}

export interface Figures {
  categories: Record<ForecastCategory, Cell>;
  total: Cell;
}

export interface ForecastRow {
  id: string;
  name: string;
  managerId: string | null;
  reportIds: string[];
  own: Figures;
  team: Figures;
  quota: string | null;
  gap: string | null;
  previous: Figures | null;
}

export interface Forecast {
  period: { type: PeriodType; start: string; end: string; months: string[] };
  currency: string;
  asOf: string;
  missingRates: string[];
  previousWeekOf: string;
  viewerId: string;
  rows: ForecastRow[];
  rootIds: string[];
  teamOwnerIds: Record<string, string[]>;
  totals: Figures;
  quota: string | null;
  gap: string | null;
  previousTotals: Figures | null;
}

/** The forecast of the period containing `date`: the user's, or a person's and their team's. */
export function useForecast(period: PeriodType, date: string, ownerId: string | null) {
  return useQuery({
    queryKey: ['forecast', period, date, ownerId],
    queryFn: () => get<Forecast>(`/api/v1/forecast${query({ period, date, ownerId })}`),
    placeholderData: keepPreviousData,
  });
}

export interface PlanCell {
  month: string;
  target: string;
  winsNeeded: number | null;
  exactWins: string | null;
  prospectsNeeded: number | null;
  exactProspects: string | null;
  openCount: number;
  openAmount: string;
  wonAmount: string;
  gap: string;
  prospectGap: number | null;
}

export interface QuotaPlan {
  currency: string;
  period: { type: PeriodType; start: string; end: string; months: string[] };
  history: { averageDealSize: string | null; winRate: number | null; wonCount: number; lostCount: number; from: string; to: string };
  used: { averageDealSize: string | null; winRate: number | null; isDealSizeOverridden: boolean; isWinRateOverridden: boolean };
  missingRates: string[];
  plan: {
    target: string;
    plannedTotal: string;
    regions: Array<{ region: string; target: string; months: PlanCell[] }>;
    totals: { winsNeeded: number | null; prospectsNeeded: number | null; openCount: number; wonAmount: string; gap: string };
  };
}

export interface PlanInput {
  amount: string;
  periodType: PeriodType;
  periodStart: string;
  regions: string[];
  splitMethod: 'even' | 'seasonal' | 'manual';
  manual?: Record<string, Record<string, string>>;
  averageDealSize?: string | null;
  winRate?: number | null;
}

/** The plan of the planner's inputs, recomputed as they change (the previous one shown meanwhile). */
export function useQuotaPlan(input: PlanInput, isReady: boolean) {
  return useQuery({
    queryKey: ['quota-plan', input],
    enabled: isReady,
    queryFn: async () => (await request<QuotaPlan>('POST', '/api/v1/forecast/quota-plan', input)).data,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/**
 * The opportunities list filtered to the deals behind a figure: these owners, closing in the period,
 * in one forecast category (or every counted one).
 */
export function dealsLink(ownerIds: string[], period: { start: string; end: string }, category?: ForecastCategory): string {
  const parts = [`closeDate gte '${period.start}'`, `closeDate lt '${period.end}'`];
  if (ownerIds.length === 1) parts.push(`ownerId eq '${ownerIds[0]}'`);
  else if (ownerIds.length > 1) parts.push(`ownerId in (${ownerIds.map((id) => `'${id}'`).join(', ')})`);
  parts.push(category ? `forecastCategory eq '${category}'` : `forecastCategory ne 'omitted'`);
  return `/opportunities?${new URLSearchParams({ filter: parts.join(' and ') }).toString()}`;
}

/** The rows in tree order with their depth: each person followed by their reports. */
export function treeRows(forecast: Forecast): Array<{ row: ForecastRow; depth: number }> {
  const byId = new Map(forecast.rows.map((r) => [r.id, r]));
  const out: Array<{ row: ForecastRow; depth: number }> = [];
  const visit = (id: string, depth: number) => {
    const row = byId.get(id);
    if (!row) return;
    out.push({ row, depth });
    for (const reportId of row.reportIds) visit(reportId, depth + 1);
  };
  for (const id of forecast.rootIds) visit(id, 0);
  return out;
}

/** The first day of the month/quarter/year containing a date. */
export function periodStartOf(type: PeriodType, date: string): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  const first = type === 'year' ? 1 : type === 'quarter' ? month - ((month - 1) % 3) : month;
  return `${year}-${String(first).padStart(2, '0')}-01`;
}

/** The start of the period before or after the one starting on `start`. */
export function shiftPeriod(type: PeriodType, start: string, step: 1 | -1): string {
  const months = { month: 1, quarter: 3, year: 12 }[type] * step;
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}
