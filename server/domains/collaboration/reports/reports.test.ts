// Work reports over HTTP on a real database: the pre-filled summary is exactly what the author logged in
// the period (midnights in their time zone, nobody else's items), submit shares with the manager and the
// cc'd people only and tells them, nobody else reads the report by any path, reads per reader, the team
// view's not-submitted list, comments that tell the author, and the reminder sent once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { ensureUser } from '../../../platform/auth/users.ts';
import { createApiKey } from '../../../platform/auth/api-keys.ts';
import { startTestApp, type TestContext } from '../../../testing.ts';
import { requestAs, salesRep, type Person } from '../test-people.ts';
import { localDate } from './period.ts';
import { remindReportsDueSoon } from './reminders.ts';

let t: TestContext;
let li: Person; // the sales manager
let wang: Person; // a rep reporting to Li: the author
let emily: Person; // another rep reporting to Li: no recipient of Wang's report
let zhao: Person; // a rep elsewhere, cc'd
const DAY = '2030-03-12'; // a Tuesday; Shanghai midnights are 16:00Z the day before

before(async () => {
  t = await startTestApp();
  const manager = await ensureUser(t.db, { email: 'li.reports@example.com', name: '李经理', roleKey: 'sales_manager', locale: 'zh-CN' });
  li = { id: manager.id, token: (await createApiKey(t.db, manager.id, 'li')).token };
  wang = await salesRep(t, 'wang.reports', '王强', 'zh-CN');
  emily = await salesRep(t, 'emily.reports', 'Emily Carter');
  zhao = await salesRep(t, 'zhao.reports', '赵敏', 'zh-CN');
  await t.db.rows(sql`update users set manager_id = ${li.id}::uuid, time_zone = 'Asia/Shanghai' where id in (${wang.id}::uuid, ${emily.id}::uuid)`);
});
after(() => t.close());

const activity = (who: Person, type: string, subject: string, startAt: string | null) =>
  requestAs(t, who, 'POST', '/api/v1/activities', { type, subject, ...(startAt ? { startAt } : {}) }).then((r) => {
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body as { id: string };
  });
const titles = (items: Array<{ title: string }>) => items.map((i) => i.title).toSorted();
const notices = (userId: string, kind: string) =>
  t.db.rows<{ record_id: string | null; params: Record<string, string> }>(sql`select record_id, params from notifications where user_id = ${userId}::uuid and kind = ${kind} order by created_at`);

test('the pre-filled summary is exactly the day the author logged, midnight to midnight in their zone', async () => {
  await activity(wang, 'call', '王-call-at-local-midnight', '2030-03-11T16:00:00Z');
  await activity(wang, 'call', '王-call-a-second-before', '2030-03-11T15:59:59Z');
  await activity(wang, 'visit', '王-visit-last-second', '2030-03-12T15:59:59Z');
  await activity(wang, 'meeting', '王-meeting-next-day', '2030-03-12T16:00:00Z');
  await activity(wang, 'meeting', '王-meeting-noon', '2030-03-12T04:00:00Z');
  await activity(wang, 'task', '王-task-noon', '2030-03-12T04:00:00Z');
  await activity(emily, 'call', 'Emily-call-noon', '2030-03-12T04:00:00Z');
  await t.create('activities', { type: 'visit', subject: 'admin-visit-noon', startAt: '2030-03-12T04:00:00Z' });

  const draft = await requestAs(t, wang, 'POST', '/api/v1/work-reports/draft', { kind: 'daily', date: DAY });
  assert.equal(draft.status, 200, JSON.stringify(draft.body));
  const { report, template, deadline } = draft.body;
  assert.equal(report.status, 'draft');
  assert.equal(report.periodStart, DAY);
  assert.equal(report.title, `日报 ${DAY}`);
  assert.equal(template.kind, 'daily', 'the default daily template is in use');
  assert.equal(deadline, '2030-03-12T10:00:00.000Z', '18:00 in Shanghai');
  assert.deepEqual(titles(report.summary.calls), ['王-call-at-local-midnight']);
  assert.deepEqual(titles(report.summary.visits), ['王-visit-last-second']);
  assert.deepEqual(titles(report.summary.meetings), ['王-meeting-noon']);
  assert.deepEqual(report.summary.newAccounts, []);
  assert.equal(report.summary.from, '2030-03-11T16:00:00.000Z');

  // Opening it again gives the same report; a weekly report holds the whole week (Monday to Sunday).
  const again = await requestAs(t, wang, 'POST', '/api/v1/work-reports/draft', { kind: 'daily', date: DAY });
  assert.equal(again.body.report.id, report.id);
  const week = await requestAs(t, wang, 'POST', '/api/v1/work-reports/draft', { kind: 'weekly', date: DAY });
  assert.equal(week.body.report.periodStart, '2030-03-11');
  assert.equal(week.body.report.periodEnd, '2030-03-17');
  assert.deepEqual(titles(week.body.report.summary.meetings), ['王-meeting-next-day', '王-meeting-noon']);
  assert.deepEqual(titles(week.body.report.summary.calls), ['王-call-a-second-before', '王-call-at-local-midnight'], 'both on Monday in Shanghai');
  assert.equal((await requestAs(t, wang, 'POST', '/api/v1/work-reports/draft', { kind: 'hourly' })).status, 400);
});

test('the summary lists the deals the author moved and the accounts they created, on their day', async () => {
  const account = await requestAs(t, wang, 'POST', '/api/v1/accounts', { name: '王-新客户' });
  const deal = await requestAs(t, wang, 'POST', '/api/v1/opportunities', { name: '王-商机', accountId: account.body.id });
  assert.equal((await requestAs(t, wang, 'PATCH', `/api/v1/opportunities/${deal.body.id}`, { stage: 'negotiation' })).status, 200);
  await requestAs(t, emily, 'POST', '/api/v1/accounts', { name: 'Emily-account' });
  const [move] = await t.db.rows<{ at: Date }>(sql`select at from opportunity_stage_changes where opportunity_id = ${deal.body.id}::uuid and from_stage_id is not null`);
  const moveDay = localDate(new Date(move!.at), 'Asia/Shanghai');
  const movedDraft = await requestAs(t, wang, 'POST', '/api/v1/work-reports/draft', { kind: 'daily', date: moveDay });
  const [moved] = movedDraft.body.report.summary.stageMoves;
  assert.equal(moved.title, '王-商机');
  assert.equal(moved.recordId, deal.body.id);
  assert.ok(moved.fromStage && moved.toStage && moved.fromStage !== moved.toStage);
  const accountDay = localDate(new Date(account.body.createdAt), 'Asia/Shanghai');
  const accountDraft = await requestAs(t, wang, 'POST', '/api/v1/work-reports/draft', { kind: 'daily', date: accountDay });
  assert.deepEqual(titles(accountDraft.body.report.summary.newAccounts), ['王-新客户']);
});

let reportId: string;
const daily = async (userId: string) => (await notices(userId, 'workReport.dueSoon')).filter((n) => n.params.kind === 'daily');

test('submit checks the answers, shares with the manager and the cc only, and tells them', async () => {
  const { report } = (await requestAs(t, wang, 'POST', '/api/v1/work-reports/draft', { kind: 'daily', date: DAY })).body;
  reportId = report.id;
  const missing = await requestAs(t, wang, 'POST', `/api/v1/work-reports/${reportId}/submit`, { answers: { done: '拜访了两家客户' }, ccIds: [zhao.id] });
  assert.equal(missing.status, 400);
  assert.deepEqual(missing.body.errors.map((e: { field: string }) => e.field), ['answers.plan']);
  assert.equal((await requestAs(t, emily, 'POST', `/api/v1/work-reports/${reportId}/submit`, { answers: {} })).status, 404, 'not hers, not even visible');
  const saved = await requestAs(t, wang, 'PATCH', `/api/v1/workReports/${reportId}`, { answers: { done: '草稿' } }, { 'if-match': `"${String(report.version)}"` });
  assert.equal(saved.status, 200, 'a draft is the author’s to change');
  assert.equal((await requestAs(t, wang, 'PATCH', `/api/v1/workReports/${reportId}`, { periodStart: '2030-03-13' })).status, 400, 'its period is fixed');

  const submitted = await requestAs(t, wang, 'POST', `/api/v1/work-reports/${reportId}/submit`, { answers: { done: '拜访了两家客户', plan: '准备报价' }, ccIds: [zhao.id] });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  assert.equal(submitted.body.status, 'submitted');
  assert.deepEqual([...submitted.body.recipientIds].toSorted(), [li.id, zhao.id].toSorted());
  assert.deepEqual(titles(submitted.body.summary.calls), ['王-call-at-local-midnight'], 'the snapshot is taken again on submit');
  const shares = await t.db.rows<{ principal_id: string; access: string }>(sql`select principal_id, access from record_shares where record_id = ${reportId}::uuid order by principal_id`);
  assert.deepEqual(shares.map((s) => s.principal_id).toSorted(), [li.id, zhao.id].toSorted());
  assert.ok(shares.every((s) => s.access === 'read'));
  assert.equal((await notices(li.id, 'workReport.submitted')).length, 1);
  assert.equal((await notices(zhao.id, 'workReport.submitted'))[0]?.record_id, reportId);
  assert.equal((await notices(emily.id, 'workReport.submitted')).length, 0);
  const center = await requestAs(t, li, 'GET', '/api/v1/notifications');
  assert.equal(center.body.data.find((n: { kind: string }) => n.kind === 'workReport.submitted')?.message, `王强 向您提交了工作报告「日报 ${DAY}」`);

  assert.equal((await requestAs(t, wang, 'POST', `/api/v1/work-reports/${reportId}/submit`, { answers: { done: 'x', plan: 'y' } })).status, 409);
  const edit = await requestAs(t, wang, 'PATCH', `/api/v1/workReports/${reportId}`, { answers: { done: 'changed', plan: 'changed' } });
  assert.equal(edit.status, 400, 'a submitted report is final');
  assert.equal((await requestAs(t, zhao, 'PATCH', `/api/v1/workReports/${reportId}`, { ccIds: [] })).status, 403, 'the cc reads, never edits');
});

test('a rep who is not a recipient cannot read the report by any path', async () => {
  for (const url of [`/api/v1/workReports/${reportId}`, `/api/v1/work-reports/${reportId}`, `/api/v1/workReports/${reportId}/timeline`, `/api/v1/workReports/${reportId}/history`]) {
    assert.equal((await requestAs(t, emily, 'GET', url)).status, 404, url);
  }
  const list = await requestAs(t, emily, 'GET', '/api/v1/workReports');
  assert.ok(!list.body.data.some((r: { id: string }) => r.id === reportId));
  const found = await requestAs(t, emily, 'GET', `/api/v1/search?q=${encodeURIComponent('日报')}`);
  assert.equal(found.status, 200);
  assert.ok(!JSON.stringify(found.body).includes(reportId));
  assert.equal((await requestAs(t, emily, 'GET', `/api/v1/workReportComments?filter=${encodeURIComponent(`reportId eq '${reportId}'`)}`)).body.data.length, 0);
  assert.equal((await requestAs(t, emily, 'POST', `/api/v1/work-reports/${reportId}/comments`, { body: '偷看' })).status, 404);
  assert.equal((await requestAs(t, emily, 'POST', `/api/v1/work-reports/${reportId}/read`)).status, 404);
  assert.deepEqual((await requestAs(t, emily, 'GET', `/api/v1/work-reports/team?kind=daily&date=${DAY}`)).body.members, []);
  // The recipients do read it, by id and in lists and search.
  assert.equal((await requestAs(t, zhao, 'GET', `/api/v1/work-reports/${reportId}`)).status, 200);
  const zhaoFinds = await requestAs(t, zhao, 'GET', `/api/v1/search?q=${encodeURIComponent('日报')}`);
  assert.ok(JSON.stringify(zhaoFinds.body).includes(reportId));
});

test('team reports: who submitted, who has not, and the manager’s unread; reads per reader', async () => {
  const team = await requestAs(t, li, 'GET', `/api/v1/work-reports/team?kind=daily&date=${DAY}`);
  assert.equal(team.status, 200, JSON.stringify(team.body));
  assert.deepEqual(team.body.notSubmitted.map((m: { userId: string }) => m.userId), [emily.id]);
  assert.equal(team.body.submittedCount, 1);
  assert.equal(team.body.unreadCount, 1);
  const wangRow = team.body.members.find((m: { userId: string }) => m.userId === wang.id);
  assert.equal(wangRow.report.id, reportId);
  assert.equal(wangRow.report.isRead, false);

  assert.deepEqual((await requestAs(t, wang, 'POST', `/api/v1/work-reports/${reportId}/read`)).body, { isRead: false }, "the author's reading does not count");
  assert.equal((await requestAs(t, li, 'POST', `/api/v1/work-reports/${reportId}/read`)).status, 200);
  assert.equal((await requestAs(t, li, 'POST', `/api/v1/work-reports/${reportId}/read`)).status, 200, 'twice is once');
  const read = await requestAs(t, li, 'GET', `/api/v1/work-reports/team?kind=daily&date=${DAY}`);
  assert.equal(read.body.unreadCount, 0);
  const view = await requestAs(t, wang, 'GET', `/api/v1/work-reports/${reportId}`);
  assert.deepEqual(view.body.reads.map((r: { readerId: string }) => r.readerId), [li.id], 'Zhao has not opened it yet');
  assert.equal(view.body.authorName, '王强');
  assert.equal((await requestAs(t, li, 'GET', `/api/v1/work-reports/team?kind=daily&date=2030-03-13`)).body.notSubmitted.length, 2, 'another day: nobody has');
  assert.equal((await requestAs(t, li, 'GET', `/api/v1/work-reports/team?kind=daily&date=tomorrow`)).status, 400);
});

test('the manager comments, the author is told and sees it', async () => {
  const comment = await requestAs(t, li, 'POST', `/api/v1/work-reports/${reportId}/comments`, { body: '报价注意折扣审批' });
  assert.equal(comment.status, 201, JSON.stringify(comment.body));
  assert.equal(comment.body.authorId, li.id);
  assert.equal((await notices(wang.id, 'workReport.commented'))[0]?.record_id, reportId);
  const view = await requestAs(t, wang, 'GET', `/api/v1/work-reports/${reportId}`);
  assert.deepEqual(view.body.comments.map((c: { body: string; authorName: string }) => [c.body, c.authorName]), [['报价注意折扣审批', '李经理']]);
  assert.equal((await requestAs(t, li, 'POST', `/api/v1/work-reports/${reportId}/comments`, { body: '' })).status, 400);
  assert.equal((await requestAs(t, wang, 'PATCH', `/api/v1/workReportComments/${comment.body.id}`, { body: 'rewritten' })).status, 403, "the author of the report may not rewrite the manager's comment");
  assert.equal((await requestAs(t, li, 'POST', '/api/v1/workReportReads', { reportId, readerId: li.id, readAt: '2030-01-01T00:00:00Z' })).status, 400, 'reads are the system’s');
});

test('the reminder tells those who have not submitted, once per period, only near the deadline', async () => {
  // 18:00 in Shanghai is 10:00Z; reminders start 30 minutes before.
  await remindReportsDueSoon(t.db, t.registry, new Date('2030-03-12T09:20:00Z'));
  assert.equal((await daily(emily.id)).length, 0, 'too early');
  await remindReportsDueSoon(t.db, t.registry, new Date('2030-03-12T09:35:00Z'));
  await remindReportsDueSoon(t.db, t.registry, new Date('2030-03-12T09:55:00Z'));
  assert.deepEqual((await daily(emily.id)).map((n) => n.params.periodKey), [`${emily.id}:daily:${DAY}`], 'once');
  assert.equal((await daily(wang.id)).length, 0, 'Wang has submitted');
  assert.equal((await daily(li.id)).length, 0, 'Li reports to nobody');
  await remindReportsDueSoon(t.db, t.registry, new Date('2030-03-12T10:00:00Z'));
  assert.equal((await daily(emily.id)).length, 1, 'past the deadline: no more');
});

test('templates are changed by administrators only, with well-formed questions', async () => {
  const bad = await t.api('POST', '/api/v1/workReportTemplates', { name: 'Bad', kind: 'daily', deadlineTime: '25:00', questions: [{ key: 'x' }] });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.errors.map((e: { field: string }) => e.field).toSorted(), ['deadlineTime', 'questions']);
  assert.equal((await requestAs(t, li, 'POST', '/api/v1/workReportTemplates', { name: 'Mine', kind: 'daily', deadlineTime: '17:00' })).status, 403);
  const ok = await t.api('POST', '/api/v1/workReportTemplates', { name: 'Short daily', kind: 'daily', deadlineTime: '17:30', questions: [{ key: 'note', label: { en: 'Note', 'zh-CN': '备注' }, isRequired: true }] });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  const draft = await requestAs(t, emily, 'POST', '/api/v1/work-reports/draft', { kind: 'daily', date: '2030-03-13' });
  assert.equal(draft.body.template.id, ok.body.id, 'the newest active template is in use');
  assert.equal(draft.body.deadline, '2030-03-13T09:30:00.000Z');
});

test('malformed input is a 400 naming the field, never a 500', async () => {
  const cases: Array<[string, string, unknown]> = [
    ['POST', '/api/v1/work-reports/draft', { kind: 'daily', date: '2030-02-30' }],
    ['POST', '/api/v1/work-reports/draft', { kind: 'daily', date: '12/03/2030' }],
    ['POST', '/api/v1/work-reports/draft', { kind: 'weekly', extra: 1 }],
    ['POST', `/api/v1/work-reports/${reportId}/submit`, { answers: { done: 42 } }],
    ['POST', `/api/v1/work-reports/${reportId}/submit`, { ccIds: ['not-a-uuid'] }],
    ['POST', `/api/v1/work-reports/${reportId}/comments`, { body: 'x'.repeat(2001) }],
    ['POST', '/api/v1/workReports', { kind: 'weekly', periodStart: '2030-03-12' }],
    ['GET', '/api/v1/work-reports/team?kind=daily', undefined],
  ];
  for (const [method, url, body] of cases) {
    const r = await requestAs(t, wang, method as 'GET' | 'POST', url, body);
    assert.equal(r.status, 400, `${method} ${url} ${JSON.stringify(body)}: ${JSON.stringify(r.body)}`);
    assert.ok(r.body.errors?.length, 'names the field');
  }
  assert.equal((await requestAs(t, wang, 'GET', '/api/v1/work-reports/not-an-id')).status, 400);
  assert.equal((await requestAs(t, wang, 'GET', '/api/v1/work-reports/01a24917-2e3e-7005-a7c7-77fadeab4c6b')).status, 404);
  const duplicate = await requestAs(t, wang, 'POST', '/api/v1/workReports', { kind: 'daily', periodStart: DAY });
  assert.equal(duplicate.status, 409, 'one report per author and period');
});
