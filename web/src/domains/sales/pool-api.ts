// The customer pool, the win/loss analysis and the sales settings as the screens read them.
import { useQuery } from '@tanstack/react-query';
import { get, query } from '../../app/api.ts';

export interface PoolOverview {
  claimLimit: number;
  held: number;
  remaining: number;
  pools: Array<{ teamId: string | null; teamName: string | null; count: number }>;
}

export interface PoolAccount {
  id: string;
  poolTeamId: string | null;
  name?: string;
  type?: string | null;
  industry?: string | null;
  rating?: string | null;
  city?: string | null;
  province?: string | null;
  pooledAt?: string | null;
}

export interface Money {
  amount: string;
  currency: string;
}

export interface CompetitorAnalysis {
  competitorId: string;
  name: string;
  deals: number;
  won: number;
  lost: number;
  open: number;
  winRate: number | null;
  amountWon: Money[];
  amountLost: Money[];
  topLossReasons: Array<{ reason: string; count: number }>;
}

export interface PoolSettings {
  defaultIdleDays: number | null;
  defaultClaimLimit: number;
  teams: Array<{ teamId: string; idleDays: number | null; claimLimit: number }>;
}

export interface BigDealSettings {
  thresholds: Money[];
}

/** The pools the user may see and their quota. */
export function usePoolOverview() {
  return useQuery({ queryKey: ['pool', 'overview'], queryFn: () => get<PoolOverview>('/api/v1/pool') });
}

/** A page of pool accounts (one pool: a team id or `company`), matching a name. */
export function usePoolAccounts(teamId: string | null, search: string) {
  return useQuery({
    queryKey: ['pool', 'accounts', teamId, search],
    queryFn: () => get<{ data: PoolAccount[]; nextCursor: string | null }>(`/api/v1/pool/accounts${query({ teamId, q: search, limit: 100 })}`),
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
