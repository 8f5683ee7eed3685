// The receivables reports as the screens read them, and how their money is shown.
import { useQuery } from '@tanstack/react-query';
import { get, query } from '../../app/api.ts';

export const bucketNames = ['notYetDue', 'days0to30', 'days31to60', 'days61to90', 'days90plus'] as const;
export type BucketName = (typeof bucketNames)[number];
export type Buckets = Record<BucketName, string>;

export interface OverdueRow {
  instalmentId: string;
  contractId: string;
  contractNumber: string | null;
  contractTitle: string | null;
  accountId: string | null;
  accountName: string | null;
  number: number;
  dueDate: string;
  currency: string;
  amount: string;
  outstanding: string;
  daysOverdue: number;
}

export interface AgeingReport {
  asOf: string;
  rows: Array<{ accountId: string | null; accountName: string | null; currency: string; buckets: Buckets; total: string }>;
  totals: Array<{ currency: string; buckets: Buckets; total: string }>;
}

/** Today in UTC, as the API's dates are. */
export const todayUtc = () => new Date().toISOString().slice(0, 10);

/** The overdue instalments on a day. */
export function useOverdue(asOf: string) {
  return useQuery({ queryKey: ['receivables', 'overdue', asOf], queryFn: () => get<{ asOf: string; data: OverdueRow[] }>(`/api/v1/receivables/overdue${query({ asOf })}`) });
}

/** The ageing report on a day. */
export function useAgeing(asOf: string) {
  return useQuery({ queryKey: ['receivables', 'ageing', asOf], queryFn: () => get<AgeingReport>(`/api/v1/receivables/ageing${query({ asOf })}`) });
}

/** An amount in its currency, in the reader's language. */
export function formatAmount(amount: string | number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(amount));
}
