// The pre-filled summary of a work report as the API answers it: one definition, free of imports, that
// the server builds (summary.ts) and the web app reads.

export interface SummaryItem {
  id: string;
  title: string;
  at: string;
  /** The record a link opens (object API name); a stage move links to its opportunity. */
  objectName: string;
  recordId: string;
  /** Stage moves: the stage names before and after. */
  fromStage?: string | null;
  toStage?: string | null;
}

export interface ReportSummary {
  from: string;
  to: string;
  calls: SummaryItem[];
  visits: SummaryItem[];
  meetings: SummaryItem[];
  stageMoves: SummaryItem[];
  newAccounts: SummaryItem[];
}
