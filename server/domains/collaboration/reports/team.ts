// "Team reports": for a manager, the people below them in the manager hierarchy and, for one day or
// week, whose report is submitted (and whether the manager has read it) and who has not submitted yet.
// The reports and reads are listed through the engine with the manager's access.
import { sql } from 'drizzle-orm';
import { listRecords, type Caller } from '../../../records/index.ts';
import { periodOf, type ReportKind } from './period.ts';
import { quote } from './service.ts';
import type { TeamMember, TeamView } from './report-shape.ts';

/** The team's reports of a kind for the period holding `date` (a calendar day). */
export async function teamReports(c: Caller, kind: ReportKind, date: string): Promise<TeamView> {
  // Calendar days are the same in every zone: the period's days do not depend on it.
  const { start, end } = periodOf(kind, date, 'UTC');
  const below = c.ctx.ownerScopeIds.filter((id) => id !== c.ctx.userId);
  const people = below.length
    ? await c.db.rows<{ id: string; name: string }>(sql`select id, name from users
        where id = any(${sql.param(below)}::uuid[]) and is_active and deleted_at is null order by name, id`)
    : [];
  const ids = people.map((p) => quote(p.id)).join(', ');
  const reports = people.length
    ? (await listRecords(c, 'workReports', { filter: `kind eq ${quote(kind)} and periodStart eq ${quote(start)} and status eq 'submitted' and ownerId in (${ids})`, fields: 'ownerId,title,submittedAt', limit: 500 })).data
    : [];
  const reportIds = reports.map((r) => quote(String(r.id))).join(', ');
  const reads = reports.length ? (await listRecords(c, 'workReportReads', { filter: `readerId eq ${quote(c.ctx.userId)} and reportId in (${reportIds})`, fields: 'reportId', limit: 500 })).data : [];
  const comments = reports.length ? (await listRecords(c, 'workReportComments', { filter: `reportId in (${reportIds})`, fields: 'reportId', limit: 500 })).data : [];
  const readIds = new Set(reads.map((r) => String(r.reportId)));
  const commentCounts = new Map<string, number>();
  for (const m of comments) commentCounts.set(String(m.reportId), (commentCounts.get(String(m.reportId)) ?? 0) + 1);
  const byOwner = new Map(reports.map((r) => [String(r.ownerId), r]));
  const members: TeamMember[] = people.map((p) => {
    const r = byOwner.get(p.id);
    return {
      userId: p.id,
      name: p.name,
      report: r ? { id: String(r.id), title: String(r.title ?? ''), submittedAt: r.submittedAt as string, isRead: readIds.has(String(r.id)), commentCount: commentCounts.get(String(r.id)) ?? 0 } : null,
    };
  });
  return {
    kind,
    periodStart: start,
    periodEnd: end,
    members,
    submittedCount: members.filter((m) => m.report).length,
    notSubmitted: members.filter((m) => !m.report).map((m) => ({ userId: m.userId, name: m.name })),
    unreadCount: members.filter((m) => m.report && !m.report.isRead).length,
  };
}
