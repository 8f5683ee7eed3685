// The customer pool, the win/loss analysis and the sales settings as the screens read them.
import { useQuery } from '@tanstack/react-query';
import { get, query } from '../../app/api.ts';
import type { CompetitorAnalysis, Money, PoolAccountPage, PoolOverview } from '../../../../server/domains/sales/pool-shape.ts';

export type { BigDealSettings, CompetitorAnalysis, Money, PoolAccount, PoolOverview, PoolSettings } from '../../../../server/domains/sales/pool-shape.ts';

/** The pools the user may see and their quota. */
export function usePoolOverview() {
  return useQuery({ queryKey: ['pool', 'overview'], queryFn: () => get<PoolOverview>('/api/v1/pool') });
}

/** A page of pool accounts (one pool: a team id or `company`), matching a name. */
export function usePoolAccounts(teamId: string | null, search: string) {
  return useQuery({
    queryKey: ['pool', 'accounts', teamId, search],
    queryFn: () => get<PoolAccountPage>(`/api/v1/pool/accounts${query({ teamId, q: search, limit: 100 })}`),
  });
}

/** The win/loss figures per competitor. */
export function useCompetitorAnalysis() {
  return useQuery({ queryKey: ['competitors', 'analysis'], queryFn: () => get<{ data: CompetitorAnalysis[] }>('/api/v1/competitors/analysis') });
}

/** Amounts in their currencies, in the screen's language (¥1,234.50 · $99.00). */
export function formatMoney(amounts: Money[], locale: string): string {
  if (amounts.length === 0) return '—';
  return amounts.map((m) => new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency }).format(Number(m.amount))).join(' · ');
}
