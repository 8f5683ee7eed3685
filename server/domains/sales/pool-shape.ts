// The customer pool, the win/loss analysis and the sales settings as the API answers them: one
// definition (its only import is another shape file's type) that the server builds and the web app reads.
import type { Money } from './money-shape.ts';

export type { Money } from './money-shape.ts';

/** The caller's claim quota: how many pool accounts they may hold, hold, and may still claim. */
export interface PoolQuota {
  claimLimit: number;
  held: number;
  remaining: number;
}

/** The pools the caller may see (`GET /pool`), with their quota. */
export interface PoolOverview extends PoolQuota {
  pools: Array<{ teamId: string | null; teamName: string | null; count: number }>;
}

/** A pool account; the fields the caller's role may not see are left out. */
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

export interface PoolAccountPage {
  data: PoolAccount[];
  nextCursor: string | null;
}

export interface CompetitorAnalysis {
  competitorId: string;
  name: string;
  deals: number;
  won: number;
  lost: number;
  open: number;
  /** Won over closed deals, 0–1; null when none is closed. */
  winRate: number | null;
  amountWon: Money[];
  amountLost: Money[];
  topLossReasons: Array<{ reason: string; count: number }>;
}

export interface TeamPoolRule {
  teamId: string;
  /** Days without an activity of the owner before an account returns to the pool; null: never. */
  idleDays: number | null;
  /** Accounts claimed from the pool a rep of this team may hold at once. */
  claimLimit: number;
}

export interface PoolSettings {
  /** For owners in no configured team. */
  defaultIdleDays: number | null;
  defaultClaimLimit: number;
  teams: TeamPoolRule[];
}

export interface BigDealSettings {
  /** An opportunity whose amount reaches the threshold of its currency is a big deal. */
  thresholds: Money[];
}
