// The duplicates API's answers (a draft's likely duplicates, the duplicate report, a merge and its
// undo): one definition, free of imports, that the server builds and the web app reads.

export type MatchStrength = 'strong' | 'weak';

export interface MatchReason {
  ruleId: string;
  rule: string;
  field: string;
  strength: MatchStrength;
  /** 0…1 */
  score: number;
}

export interface DuplicateMatch {
  id: string;
  title: string;
  strength: MatchStrength;
  reasons: MatchReason[];
  /** The record's title and compared fields, as the caller may read them. */
  record: Record<string, unknown>;
}

/** A group of the report: records sharing a rule's key, cut to those the caller may read. */
export interface DuplicateGroup {
  strength: MatchStrength;
  reasons: Array<{ ruleId: string; rule: string; field: string }>;
  records: Array<{ id: string; title: string }>;
}

export interface DuplicateReport {
  /** Null before the first report of the object. */
  generatedAt: string | null;
  groups: DuplicateGroup[];
}

/** A merge (or its undo): the merge's id and the survivor as it is afterwards. */
export interface MergeResult {
  mergeId: string;
  survivor: Record<string, unknown> & { id: string };
}
