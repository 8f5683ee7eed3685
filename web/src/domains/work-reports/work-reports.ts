// The work reports' data in the web app: my report of a period (opened as a draft), submitting it, a
// report as its reader sees it (marked read when opened), comments, the team view and the templates.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { get, query, request } from '../../app/api.ts';
import type { RecordRow } from '../../records/useRecordList.ts';
import type { ReportSummary as StoredSummary } from '../../../../server/domains/collaboration/reports/summary-shape.ts';
import type { DraftAnswer, ReportKind, ReportView as ReportViewOf, TeamView, TemplateQuestion as Question } from '../../../../server/domains/collaboration/reports/report-shape.ts';

export type { SummaryItem } from '../../../../server/domains/collaboration/reports/summary-shape.ts';
export type { ReportKind, TeamView, TemplateQuestion as Question } from '../../../../server/domains/collaboration/reports/report-shape.ts';
/** The summary's sections as the screens show them. */
export type ReportSummary = Omit<StoredSummary, 'from' | 'to'>;
/** A draft and a report view hold the engine's records as the web app types them. */
export type Draft = DraftAnswer<RecordRow>;
export type ReportView = ReportViewOf<RecordRow>;
export type Bilingual = Question['label'];
export const summarySections = ['calls', 'visits', 'meetings', 'stageMoves', 'newAccounts'] as const satisfies ReadonlyArray<keyof ReportSummary>;

/** The questions of a template (an absent or odd value has none). */
export const questionsOf = (template: RecordRow | null | undefined): Question[] => (Array.isArray(template?.questions) ? (template.questions as Question[]) : []);

/** The summary stored on a report, each section a list. */
export function summaryOf(report: RecordRow): ReportSummary {
  const s = (report.summary ?? {}) as Partial<StoredSummary>;
  return { calls: s.calls ?? [], visits: s.visits ?? [], meetings: s.meetings ?? [], stageMoves: s.stageMoves ?? [], newAccounts: s.newAccounts ?? [] };
}

/** My report of a kind for the period holding `date` (today when empty), created as a draft when missing. */
export function useDraft(kind: ReportKind, date: string) {
  return useQuery({
    queryKey: ['workReports', 'draft', kind, date],
    // Opening refreshes the summary on the server; not again behind the author's back while they type.
    refetchOnWindowFocus: false,
    queryFn: async () => (await request<Draft>('POST', '/api/v1/work-reports/draft', { kind, ...(date ? { date } : {}) })).data,
  });
}

/** Submits my report with its answers and cc'd people. */
export async function submitReport(id: string, answers: Record<string, string>, ccIds: string[]): Promise<RecordRow> {
  return (await request<RecordRow>('POST', `/api/v1/work-reports/${id}/submit`, { answers, ccIds })).data;
}

/** Saves my draft's answers and cc'd people (at the version read, so nothing is overwritten unseen). */
export async function saveDraft(report: RecordRow, answers: Record<string, string>, ccIds: string[]): Promise<void> {
  await request('PATCH', `/api/v1/workReports/${report.id}`, { answers, ccIds }, { 'if-match': `"${report.version}"` });
}

/** A report as its reader sees it. */
export function useReport(id: string) {
  return useQuery({ queryKey: ['workReports', 'view', id], queryFn: () => get<ReportView>(`/api/v1/work-reports/${id}`) });
}

/** Records that I opened a report (the server ignores the author's own reading). */
export async function markRead(id: string): Promise<void> {
  await request('POST', `/api/v1/work-reports/${id}/read`);
}

/** Adds my comment to a report. */
export async function addComment(id: string, body: string): Promise<void> {
  await request('POST', `/api/v1/work-reports/${id}/comments`, { body });
}

/** The team's reports of a kind for the period holding `date`. */
export function useTeam(kind: ReportKind, date: string) {
  return useQuery({ queryKey: ['workReports', 'team', kind, date], queryFn: () => get<TeamView>(`/api/v1/work-reports/team${query({ kind, date })}`) });
}

/** My own reports, newest period first. */
export function useMyReports(userId: string) {
  return useQuery({
    queryKey: ['workReports', 'mine', userId],
    queryFn: () => get<{ data: RecordRow[] }>(`/api/v1/workReports${query({ filter: `ownerId eq '${userId}'`, sort: '-periodStart', fields: 'title,kind,status,periodStart,submittedAt', limit: 30 })}`),
  });
}

/** Everyone the user may pick as a cc (active people, by name). */
export function usePeople() {
  return useQuery({
    queryKey: ['workReports', 'people'],
    staleTime: 60_000,
    queryFn: () => get<{ data: RecordRow[] }>(`/api/v1/users${query({ filter: 'isActive eq true', fields: 'name', sort: 'name', limit: 500 })}`),
  });
}

/** The report templates (administrators change them). */
export function useTemplates() {
  return useQuery({ queryKey: ['workReports', 'templates'], queryFn: () => get<{ data: RecordRow[] }>(`/api/v1/workReportTemplates${query({ sort: 'kind', limit: 100 })}`) });
}

/** A hook that refreshes every work-report query. */
export function useRefreshReports() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['workReports'] });
}

/** The user's calendar day (YYYY-MM-DD) in their time zone, else the browser's. */
export function localToday(timeZone?: string, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  }
}

/** A bilingual label in the UI's language. */
export const labelIn = (label: Bilingual, language: string) => (language === 'en' ? label.en : label['zh-CN']);

/** A moment as the user reads it: in their own time zone (the one reports are due in), else the browser's. */
export function formatMoment(iso: string, language: string, timeZone: string | undefined, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
  try {
    return new Date(iso).toLocaleString(language, { ...options, timeZone });
  } catch {
    return new Date(iso).toLocaleString(language, options);
  }
}

export interface ReceivedReport {
  report: RecordRow;
  isRead: boolean;
}

/** The submitted reports sent to me (as manager or cc), newest first, each read by me or not. */
export function useReceived(userId: string) {
  return useQuery({
    queryKey: ['workReports', 'received', userId],
    queryFn: async (): Promise<ReceivedReport[]> => {
      const filter = `recipientIds eq '${userId}' and status eq 'submitted'`;
      const { data } = await get<{ data: RecordRow[] }>(`/api/v1/workReports${query({ filter, sort: '-submittedAt', fields: 'title,submittedAt,ownerId', limit: 30 })}`);
      if (!data.length) return [];
      const reads = await get<{ data: RecordRow[] }>(
        `/api/v1/workReportReads${query({ filter: `readerId eq '${userId}' and reportId in (${data.map((r) => `'${r.id}'`).join(', ')})`, fields: 'reportId', limit: 100 })}`,
      );
      const readIds = new Set(reads.data.map((r) => String(r.reportId)));
      return data.map((report) => ({ report, isRead: readIds.has(report.id) }));
    },
  });
}
