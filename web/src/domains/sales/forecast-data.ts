// The forecast and quota-plan API as the screens use it, and the drill-down from a figure to its deals
// (pure: unit-tested in node).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { get, query, request } from '../../app/api.ts';
import type { Category as ForecastCategory, Forecast, ForecastRow, PeriodType, PlanResponse as QuotaPlan, PlanRequest as PlanInput } from '../../../../server/domains/sales/forecast-shape.ts';

export type { Category as ForecastCategory, Forecast, ForecastRow, PeriodType, PlanCell, PlanResponse as QuotaPlan, PlanRequest as PlanInput, ShownFigures as Figures, ShownCell as Cell } from '../../../../server/domains/sales/forecast-shape.ts';

/** The categories the screen shows as columns (omitted deals are not counted). */
export const forecastCategories = ['pipeline', 'bestCase', 'commit', 'closed'] as const satisfies readonly ForecastCategory[];

/** The forecast of the period containing `date`: the user's, or a person's and their team's. */
export function useForecast(period: PeriodType, date: string, ownerId: string | null) {
  return useQuery({
    queryKey: ['forecast', period, date, ownerId],
    queryFn: () => get<Forecast>(`/api/v1/forecast${query({ period, date, ownerId })}`),
    placeholderData: keepPreviousData,
  });
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
