// A deal's stage history as the API answers it (`GET /opportunities/{id}/stages`): one definition,
// free of imports, that the server builds (stage-history.ts) and the web app reads.

/** One time a deal spent in a stage. */
export interface StagePeriod {
  stageId: string;
  /** The stage's name in both languages. */
  label: { en: string; 'zh-CN': string };
  kind: string | null;
  enteredAt: string;
  /** When the deal left the stage; null for the stage it is in. */
  leftAt: string | null;
  seconds: number;
  byId: string | null;
}

/** The periods of a deal, oldest first, and the time spent in each stage. */
export interface StageHistory {
  /** The stage the deal is in now. */
  stageId: string | null;
  data: StagePeriod[];
  totals: Array<Pick<StagePeriod, 'stageId' | 'label' | 'seconds'>>;
}
