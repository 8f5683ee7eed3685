// Work reports for their author: the draft of a period (pre-filled from what they logged), submitting
// it to their manager and the cc'd people (a read share and a notice each), comments, and the read mark
// of each reader. Every read goes through the engine with the caller's own access.
import { sql } from 'drizzle-orm';
import { Problem, invalidField, type FieldError } from '../../../platform/http/problem.ts';
import { notify } from '../../../notifications/service.ts';
import { addShare, createRecord, getRecord, listRecords, systemCaller, updateRecord, writeTransaction, type Caller, type RecordValues } from '../../../records/index.ts';
import { parseQuestions, type TemplateQuestion } from './hooks.ts';
import { deadlineOf, isTimeZone, periodAt, periodOf, type Period, type ReportKind } from './period.ts';
import type { DraftAnswer, ReportView } from './report-shape.ts';
import { summarize } from './summary.ts';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
const MAX_ANSWER = 10_000;
export const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;
const dateText = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '').slice(0, 10));

/** A user's time zone (their setting, or the default when it is not one Intl knows). */
export async function timeZoneOf(c: Caller, userId: string): Promise<string> {
  const [row] = await c.db.rows<{ time_zone: string }>(sql`select time_zone from users where id = ${userId}::uuid`);
  return row && isTimeZone(row.time_zone) ? row.time_zone : DEFAULT_TIME_ZONE;
}

/** The template in use for a kind: the most recently changed active one, or undefined. */
export async function templateFor(c: Caller, kind: ReportKind): Promise<RecordValues | undefined> {
  const { data } = await listRecords(c, 'workReportTemplates', { filter: `kind eq ${quote(kind)} and isActive eq true`, sort: '-updatedAt', limit: 1 });
  return data[0];
}

function questionsOf(template: RecordValues | undefined): TemplateQuestion[] {
  const parsed = parseQuestions(template?.questions);
  return typeof parsed === 'string' ? [] : parsed;
}

/** The caller's own report of a kind for a period start, if any. */
async function ownReport(c: Caller, kind: ReportKind, periodStart: string): Promise<RecordValues | undefined> {
  const filter = `ownerId eq ${quote(c.ctx.userId)} and kind eq ${quote(kind)} and periodStart eq ${quote(periodStart)}`;
  return (await listRecords(c, 'workReports', { filter, limit: 1 })).data[0];
}

/** The period of a stored report, with its instants in its author's zone. */
async function periodOfReport(c: Caller, report: RecordValues): Promise<{ period: Period; timeZone: string }> {
  const timeZone = await timeZoneOf(c, String(report.ownerId));
  return { period: periodOf(report.kind as ReportKind, dateText(report.periodStart), timeZone), timeZone };
}

/** Refreshes a draft's snapshot of what the author logged (the author reads it with their own access). */
async function refreshSummary(c: Caller, report: RecordValues, period: Period): Promise<RecordValues> {
  const summary = await summarize(c, period);
  if (JSON.stringify(summary) === JSON.stringify(report.summary)) return report;
  await updateRecord(systemCaller(c, c.ctx.userId), 'workReports', String(report.id), { summary });
  return getRecord(c, 'workReports', String(report.id));
}

/**
 * The caller's report of a kind for the period holding `date` (their calendar day; today at `now` in
 * their zone when absent): created as a draft when missing, its summary refreshed while a draft.
 */
export async function openDraft(c: Caller, kind: ReportKind, date: string | undefined, now: Date): Promise<DraftAnswer<RecordValues>> {
  const timeZone = await timeZoneOf(c, c.ctx.userId);
  const period = date ? periodOf(kind, date, timeZone) : periodAt(kind, now, timeZone);
  const template = await templateFor(c, kind);
  let report = await ownReport(c, kind, period.start);
  if (!report) {
    try {
      report = await createRecord(c, 'workReports', { kind, periodStart: period.start, ...(template ? { templateId: template.id } : {}) });
    } catch (error) {
      // Opened twice at once: the other request made it (the period key is unique).
      if (!(error instanceof Problem && error.status === 409)) throw error;
      report = await ownReport(c, kind, period.start);
      if (!report) throw error;
    }
  }
  if (report.status === 'draft') report = await refreshSummary(c, report, period);
  const deadline = template ? deadlineOf(period, String(template.deadlineTime ?? '18:00'), Number(template.deadlineWeekday ?? 5), timeZone).toISOString() : null;
  return { report, template: template ?? null, deadline };
}

/** The caller's own report, or 404 (someone else's report is never theirs to submit). */
async function ownReportById(c: Caller, id: string): Promise<RecordValues> {
  const report = await getRecord(c, 'workReports', id);
  if (report.ownerId !== c.ctx.userId) throw new Problem(403, { key: 'detail.workReportNotYours' });
  return report;
}

/** The answers checked against the template: text per question, the required ones filled. */
function checkAnswers(questions: TemplateQuestion[], answers: Record<string, unknown>): Record<string, string> {
  const errors: FieldError[] = [];
  const checked: Record<string, string> = {};
  for (const [key, value] of Object.entries(answers)) {
    if (!questions.some((q) => q.key === key)) errors.push({ field: `answers.${key.slice(0, 40)}`, code: 'unknown_field', message: 'not a question of the template' });
    else if (typeof value !== 'string' || value.length > MAX_ANSWER) errors.push({ field: `answers.${key}`, code: 'too_long', message: `text of at most ${MAX_ANSWER} characters` });
    else checked[key] = value;
  }
  for (const q of questions) {
    if (q.isRequired && !checked[q.key]?.trim() && !errors.some((e) => e.field === `answers.${q.key}`)) errors.push({ field: `answers.${q.key}`, code: 'required', message: 'fill this in' });
  }
  if (errors.length) throw new Problem(400, { key: 'detail.400' }, errors);
  return checked;
}

export interface SubmitInput {
  answers?: Record<string, unknown>;
  ccIds?: string[];
}

/**
 * Submits the caller's draft: the snapshot is taken again, the report is shared (read) with their
 * manager and the cc'd people and each is told; all in one transaction.
 */
export async function submitReport(c: Caller, id: string, input: SubmitInput, now: Date): Promise<RecordValues> {
  return writeTransaction(c, async (t) => {
    const report = await ownReportById(t, id);
    if (report.status === 'submitted') throw new Problem(409, { key: 'detail.workReportSubmitted' });
    // A template deleted since the draft was opened asks nothing more.
    const template = report.templateId ? await getRecord(systemCaller(t, t.ctx.userId), 'workReportTemplates', String(report.templateId)).catch(() => undefined) : undefined;
    const answers = checkAnswers(questionsOf(template), input.answers ?? (report.answers as Record<string, unknown>) ?? {});
    const ccIds = [...new Set(input.ccIds ?? (report.ccIds as string[] | null) ?? [])];
    const [me] = await t.db.rows<{ manager_id: string | null }>(sql`select manager_id from users where id = ${t.ctx.userId}::uuid`);
    const recipientIds = [...new Set([me?.manager_id, ...ccIds].filter((r): r is string => Boolean(r) && r !== t.ctx.userId))];
    if (!recipientIds.length) throw invalidField('ccIds', 'workReport_noRecipients', 'you have no manager: choose someone to send it to');
    const { period } = await periodOfReport(t, report);
    const summary = await summarize(t, period);
    await updateRecord(systemCaller(t, t.ctx.userId), 'workReports', id, { answers, ccIds, recipientIds, summary, status: 'submitted', submittedAt: now.toISOString() });
    for (const userId of recipientIds) {
      await addShare(t, 'workReports', id, { principalType: 'user', principalId: userId, access: 'read' });
      await notify(t.db, { userId, kind: 'workReport.submitted', objectName: 'workReports', recordId: id, actorId: t.ctx.userId });
    }
    return getRecord(t, 'workReports', id);
  });
}

/** Adds a comment to a submitted report the caller may read, and tells the author (or, from the author, the recipients). */
export async function addComment(c: Caller, id: string, body: string): Promise<RecordValues> {
  return writeTransaction(c, async (t) => {
    const report = await getRecord(t, 'workReports', id);
    if (report.status !== 'submitted') throw new Problem(409, { key: 'detail.workReportNotSubmitted' });
    const comment = await createRecord(systemCaller(t, t.ctx.userId), 'workReportComments', { reportId: id, body });
    const told = report.ownerId === t.ctx.userId ? ((report.recipientIds as string[] | null) ?? []) : [String(report.ownerId)];
    for (const userId of told.filter((u) => u !== t.ctx.userId)) {
      await notify(t.db, { userId, kind: 'workReport.commented', objectName: 'workReports', recordId: id, actorId: t.ctx.userId });
    }
    return comment;
  });
}

/** Names of users, read as the caller may read them. */
export async function userNames(c: Caller, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (!unique.length) return new Map();
  try {
    const { data } = await listRecords(c, 'users', { filter: `id in (${unique.map(quote).join(', ')})`, fields: 'name', limit: 500 });
    return new Map(data.map((u) => [String(u.id), String(u.name)]));
  } catch (error) {
    // A role that may not read people sees the report without names.
    if (error instanceof Problem && error.status === 403) return new Map();
    throw error;
  }
}

/** A report as its reader sees it: the record, its template, comments with their authors, and who read it. */
export async function reportView(c: Caller, id: string): Promise<ReportView<RecordValues>> {
  const report = await getRecord(c, 'workReports', id);
  const template = report.templateId ? await getRecord(systemCaller(c, c.ctx.userId), 'workReportTemplates', String(report.templateId)).catch(() => null) : null;
  const comments = (await listRecords(c, 'workReportComments', { filter: `reportId eq ${quote(id)}`, sort: 'createdAt', limit: 500 })).data;
  const reads = (await listRecords(c, 'workReportReads', { filter: `reportId eq ${quote(id)}`, sort: 'readAt', limit: 500 })).data;
  const names = await userNames(c, [String(report.ownerId), ...comments.map((m) => String(m.authorId)), ...reads.map((r) => String(r.readerId)), ...((report.recipientIds as string[] | null) ?? [])]);
  return {
    report,
    template,
    authorName: names.get(String(report.ownerId)) ?? null,
    recipients: ((report.recipientIds as string[] | null) ?? []).map((userId) => ({ userId, name: names.get(userId) ?? null })),
    comments: comments.map((m) => ({ id: m.id as string, body: m.body as string, authorId: m.authorId as string, authorName: names.get(String(m.authorId)) ?? null, createdAt: m.createdAt as string })),
    reads: reads.map((r) => ({ readerId: r.readerId as string, readerName: names.get(String(r.readerId)) ?? null, readAt: r.readAt as string })),
  };
}

/** Marks a submitted report read by the caller (once; its author's own reading does not count). */
export async function markRead(c: Caller, id: string, now: Date): Promise<{ isRead: boolean }> {
  const report = await getRecord(c, 'workReports', id);
  if (report.ownerId === c.ctx.userId || report.status !== 'submitted') return { isRead: false };
  const readKey = `${id}:${c.ctx.userId}`;
  const system = systemCaller(c, c.ctx.userId);
  const { data } = await listRecords(system, 'workReportReads', { filter: `readKey eq ${quote(readKey)}`, limit: 1 });
  if (!data.length) {
    try {
      await createRecord(system, 'workReportReads', { reportId: id, readerId: c.ctx.userId, readKey, readAt: now.toISOString() });
    } catch (error) {
      // Opened in two tabs at once: the other one recorded it.
      if (!(error instanceof Problem && error.status === 409)) throw error;
    }
  }
  return { isRead: true };
}
