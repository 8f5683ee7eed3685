// The pre-filled part of a work report: what the author logged in the period, read with the author's
// own access through the engine (their calls, visits and meetings, the deals they moved to another
// stage, the accounts they created), kept on the report as a snapshot so it reads the same later.
import { Problem } from '../../../platform/http/problem.ts';
import { listRecords, type Caller, type RecordValues } from '../../../records/index.ts';
import type { Period } from './period.ts';
import type { ReportSummary, SummaryItem } from './summary-shape.ts';

export type { ReportSummary, SummaryItem } from './summary-shape.ts';

/** Most items of one kind kept in a snapshot (a list page's maximum). */
const MAX_ITEMS = 500;
const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;
const idList = (ids: string[]) => `(${ids.map(quote).join(', ')})`;
const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value ?? ''));

/** The author's activities of one type that took place (or, without a start, were logged) in the period. */
async function activitiesOf(c: Caller, type: string, from: string, to: string): Promise<SummaryItem[]> {
  const me = quote(c.ctx.userId);
  const filter = `ownerId eq ${me} and type eq ${quote(type)} and ((startAt gte ${quote(from)} and startAt lt ${quote(to)}) or (startAt isNull and createdAt gte ${quote(from)} and createdAt lt ${quote(to)}))`;
  const { data } = await listRecords(c, 'activities', { filter, fields: 'subject,startAt,createdAt', sort: 'createdAt', limit: MAX_ITEMS });
  return data.map((a) => ({ id: String(a.id), title: String(a.subject ?? ''), at: iso(a.startAt ?? a.createdAt), objectName: 'activities', recordId: String(a.id) }));
}

/** Names of records by id, as the caller may read them. */
async function namesOf(c: Caller, objectName: string, ids: string[], fields: string): Promise<Map<string, RecordValues>> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (!unique.length) return new Map();
  const { data } = await listRecords(c, objectName, { filter: `id in ${idList(unique)}`, fields, limit: MAX_ITEMS });
  return new Map(data.map((r) => [String(r.id), r]));
}

/** The author's moves of deals from a stage to another in the period. */
async function stageMovesOf(c: Caller, from: string, to: string): Promise<SummaryItem[]> {
  const filter = `byId eq ${quote(c.ctx.userId)} and at gte ${quote(from)} and at lt ${quote(to)} and fromStageId isNull false`;
  const { data } = await listRecords(c, 'opportunityStageChanges', { filter, fields: 'opportunityId,fromStageId,toStageId,at', sort: 'at', limit: MAX_ITEMS });
  const deals = await namesOf(c, 'opportunities', data.map((m) => String(m.opportunityId)), 'name');
  const stages = await namesOf(c, 'pipelineStages', data.flatMap((m) => [String(m.fromStageId ?? ''), String(m.toStageId ?? '')]), 'name,nameZh');
  const stageName = (id: unknown) => {
    const stage = stages.get(String(id ?? ''));
    return stage ? String(stage.nameZh || stage.name) : null;
  };
  return data.map((m) => ({
    id: String(m.id),
    title: String(deals.get(String(m.opportunityId))?.name ?? ''),
    at: iso(m.at),
    objectName: 'opportunities',
    recordId: String(m.opportunityId),
    fromStage: stageName(m.fromStageId),
    toStage: stageName(m.toStageId),
  }));
}

/** The accounts the author created in the period. */
async function newAccountsOf(c: Caller, from: string, to: string): Promise<SummaryItem[]> {
  const filter = `createdBy eq ${quote(c.ctx.userId)} and createdAt gte ${quote(from)} and createdAt lt ${quote(to)}`;
  const { data } = await listRecords(c, 'accounts', { filter, fields: 'name,createdAt', sort: 'createdAt', limit: MAX_ITEMS });
  return data.map((a) => ({ id: String(a.id), title: String(a.name ?? ''), at: iso(a.createdAt), objectName: 'accounts', recordId: String(a.id) }));
}

/** A section the author's role may not read at all (403) is empty rather than the whole report refused. */
async function readable(section: Promise<SummaryItem[]>): Promise<SummaryItem[]> {
  try {
    return await section;
  } catch (error) {
    if (error instanceof Problem && error.status === 403) return [];
    throw error;
  }
}

/** What the caller (the author) logged in the period, read with their own access. */
export async function summarize(author: Caller, period: Period): Promise<ReportSummary> {
  const from = period.from.toISOString();
  const to = period.to.toISOString();
  return {
    from,
    to,
    calls: await readable(activitiesOf(author, 'call', from, to)),
    visits: await readable(activitiesOf(author, 'visit', from, to)),
    meetings: await readable(activitiesOf(author, 'meeting', from, to)),
    stageMoves: await readable(stageMovesOf(author, from, to)),
    newAccounts: await readable(newAccountsOf(author, from, to)),
  };
}
