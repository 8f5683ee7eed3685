// The work reports' answers beside the plain records (my draft of a period, a report as its reader
// sees it, the team view): one definition, free of imports, that the server builds and the web app
// reads. `R` is how each side types a record of the engine (the web's rows carry id and version).

export type ReportKind = 'daily' | 'weekly';

/** A question of a report template, stored in the template's `questions` field. */
export interface TemplateQuestion {
  key: string;
  label: { en: string; 'zh-CN': string };
  isRequired?: boolean;
}

/** The caller's report of a period, opened as a draft, with its template and when it is due. */
export interface DraftAnswer<R = Record<string, unknown>> {
  report: R;
  template: R | null;
  deadline: string | null;
}

/** A report as its reader sees it: the record, its template, recipients, comments and reads with names. */
export interface ReportView<R = Record<string, unknown>> {
  report: R;
  template: R | null;
  authorName: string | null;
  recipients: Array<{ userId: string; name: string | null }>;
  comments: Array<{ id: string; body: string; authorId: string; authorName: string | null; createdAt: string }>;
  reads: Array<{ readerId: string; readerName: string | null; readAt: string }>;
}

export interface TeamMember {
  userId: string;
  name: string;
  report: { id: string; title: string; submittedAt: string; isRead: boolean; commentCount: number } | null;
}

/** A manager's team for one period: whose report is submitted (and read), and who has not submitted. */
export interface TeamView {
  kind: ReportKind;
  periodStart: string;
  periodEnd: string;
  members: TeamMember[];
  submittedCount: number;
  notSubmitted: Array<{ userId: string; name: string }>;
  unreadCount: number;
}
