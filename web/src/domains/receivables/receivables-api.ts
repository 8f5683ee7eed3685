// The receivables reports as the screens read them, and how their money is shown.
import { useQuery } from '@tanstack/react-query';
import { get, query } from '../../app/api.ts';
import type { AgeingReport, OverdueRow } from '../../../../server/domains/sales/receivables/report-shape.ts';

export type { Money } from '../../../../server/domains/sales/money-shape.ts';
export { bucketNames, type AgeingReport, type BucketName, type Buckets, type OverdueRow } from '../../../../server/domains/sales/receivables/report-shape.ts';

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
