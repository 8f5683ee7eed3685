// The receivables reports as the API answers them: one definition, free of imports, that the server
// builds and the web app reads (its types come from here).

/** Ageing buckets by days past due; "not yet due" is due after the as-of date. */
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
