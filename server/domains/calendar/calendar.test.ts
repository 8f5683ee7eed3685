// The team calendar over HTTP on a real database: a series expanded across a DST change with one
// occurrence changed and one removed, "this and following" edits, supervisor cc told only to people who
// may read the record, "mark done" onto the account's timeline, the team view and the reminders job.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestContext } from '../../testing.ts';
import { requestAs, salesRep, type Person } from '../collaboration/test-people.ts';
import { remindUpcomingEvents } from './reminders.ts';
import { wallTimeOf } from './time-zones.ts';

let t: TestContext;
let zhao: Person; // the manager
let wang: Person; // reports to Zhao
let emily: Person; // a colleague outside the line

before(async () => {
  t = await startTestApp();
  zhao = await salesRep(t, 'zhao.calendar', '赵经理', 'zh-CN');
  wang = await salesRep(t, 'wang.calendar', '王强', 'zh-CN');
  emily = await salesRep(t, 'emily.calendar', 'Emily Carter');
  await t.db.rows(sql`update users set manager_id = ${zhao.id}::uuid, time_zone = 'Europe/Berlin' where id = ${wang.id}::uuid`);
});
after(() => t.close());

const occurrences = async (who: Person, from: string, to: string, userIds?: string[]) => {
  const reply = await requestAs(t, who, 'GET', `/api/v1/calendar/occurrences?from=${from}&to=${to}${userIds ? `&userIds=${userIds.join(',')}` : ''}`);
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return reply.body.data as Array<{ eventId: string; subject: string; startAt: string; endAt: string; occurrenceStart: string | null; status: string }>;
};
const berlin = (iso: string) => {
  const w = wallTimeOf(Date.parse(iso), 'Europe/Berlin');
  return `${w.month}-${w.day} ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
};

test('a weekly series across the DST change, with one occurrence moved, one removed and the rest changed from a date on', async () => {
  // Monday 09:00 Berlin (08:00 UTC in winter), in Wang's own time zone by default.
  const series = await requestAs(t, wang, 'POST', '/api/v1/calendarEvents', { subject: 'Team stand-up', type: 'meeting', startAt: '2031-03-17T08:00:00Z', endAt: '2031-03-17T08:30:00Z', rrule: 'FREQ=WEEKLY;BYDAY=MO' });
  assert.equal(series.status, 201, JSON.stringify(series.body));
  assert.equal(series.body.timeZone, 'Europe/Berlin');
  assert.equal(series.body.seriesEndAt, '9999-12-31T00:00:00.000Z');
  const window = ['2031-03-16T00:00:00Z', '2031-04-14T00:00:00Z'] as const;
  const original = (await occurrences(wang, ...window)).filter((o) => o.eventId === series.body.id);
  // 30 March 2031 is the spring change: 09:00 local throughout, 08:00 then 07:00 UTC.
  assert.deepEqual(original.map((o) => berlin(o.startAt)), ['3-17 09:00', '3-24 09:00', '3-31 09:00', '4-7 09:00']);
  assert.deepEqual(original.map((o) => o.startAt.slice(11, 16)), ['08:00', '08:00', '07:00', '07:00']);

  // Move the 31 March occurrence (after the change) to 14:00 local and give it another subject.
  const moved = await requestAs(t, wang, 'POST', `/api/v1/calendar/events/${series.body.id}/occurrence`, {
    occurrenceStart: '2031-03-31T07:00:00Z',
    scope: 'this',
    changes: { subject: 'Stand-up (moved)', startAt: '2031-03-31T12:00:00Z', endAt: '2031-03-31T12:30:00Z' },
  });
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
  assert.equal(moved.body.recurrenceParentId, series.body.id);
  assert.equal(moved.body.recurrenceId, '2031-03-31T07:00:00.000Z');
  // Remove 24 March; an occurrence that does not exist is refused.
  assert.equal((await requestAs(t, wang, 'POST', `/api/v1/calendar/events/${series.body.id}/occurrence/remove`, { occurrenceStart: '2031-03-24T08:00:00Z' })).status, 200);
  const wrong = await requestAs(t, wang, 'POST', `/api/v1/calendar/events/${series.body.id}/occurrence/remove`, { occurrenceStart: '2031-03-24T09:00:00Z' });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.errors[0].field, 'occurrenceStart');

  const changed = (await occurrences(wang, ...window)).filter((o) => o.eventId === series.body.id || o.eventId === moved.body.id);
  assert.deepEqual(changed.map((o) => `${berlin(o.startAt)} ${o.subject}`), ['3-17 09:00 Team stand-up', '3-31 14:00 Stand-up (moved)', '4-7 09:00 Team stand-up']);

  // "This and following" from 7 April: the old series ends before it, a new one goes on at 10:00.
  const following = await requestAs(t, wang, 'POST', `/api/v1/calendar/events/${series.body.id}/occurrence`, {
    occurrenceStart: '2031-04-07T07:00:00Z',
    scope: 'following',
    changes: { subject: 'Stand-up (new time)', startAt: '2031-04-07T08:00:00Z', endAt: '2031-04-07T08:30:00Z' },
  });
  assert.equal(following.status, 200, JSON.stringify(following.body));
  const split = (await occurrences(wang, '2031-03-16T00:00:00Z', '2031-04-20T00:00:00Z')).filter((o) => [series.body.id, moved.body.id, following.body.id].includes(o.eventId));
  assert.deepEqual(split.map((o) => `${berlin(o.startAt)} ${o.subject}`), ['3-17 09:00 Team stand-up', '3-31 14:00 Stand-up (moved)', '4-7 10:00 Stand-up (new time)', '4-14 10:00 Stand-up (new time)']);
  // The whole new series moves by the same shift as the occurrence it was given for.
  const whole = await requestAs(t, wang, 'POST', `/api/v1/calendar/events/${following.body.id}/occurrence`, { occurrenceStart: '2031-04-14T08:00:00Z', scope: 'series', changes: { startAt: '2031-04-14T08:30:00Z' } });
  assert.equal(whole.status, 200, JSON.stringify(whole.body));
  assert.equal(berlin(whole.body.startAt), '4-7 10:30');
});

test('events are checked field by field', async () => {
  const bad = await requestAs(t, wang, 'POST', '/api/v1/calendarEvents', { subject: 'Bad', startAt: '2031-05-01T10:00:00Z', endAt: '2031-05-01T09:00:00Z', timeZone: 'Mars/Olympus', rrule: 'FREQ=HOURLY', reminderMinutes: 1.5 }, { 'accept-language': 'zh-CN' });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.errors.map((e: { field: string }) => e.field).toSorted(), ['endAt', 'reminderMinutes', 'rrule', 'timeZone']);
  assert.ok(bad.body.errors.some((e: { message: string }) => e.message === '结束时间早于开始时间。'));
  assert.equal((await requestAs(t, wang, 'GET', '/api/v1/calendar/occurrences?from=2031-01-01T00:00:00Z&to=2031-06-01T00:00:00Z')).status, 400);
  assert.equal((await requestAs(t, wang, 'GET', '/api/v1/calendar/occurrences?from=2031-01-02T00:00:00Z&to=2031-01-01T00:00:00Z')).status, 400);
  assert.equal((await requestAs(t, wang, 'GET', '/api/v1/calendar/occurrences?from=x&to=y')).status, 400);
});

test('supervisor cc: the manager sees and is told; a person chosen who may not read the account is not', async () => {
  const account = await requestAs(t, wang, 'POST', '/api/v1/accounts', { name: '星空传媒（日程）' });
  const visit = await requestAs(t, wang, 'POST', '/api/v1/calendarEvents', {
    subject: '拜访星空传媒',
    type: 'visit',
    startAt: '2031-06-02T02:00:00Z',
    endAt: '2031-06-02T03:00:00Z',
    location: '上海',
    relatedObject: 'accounts',
    relatedId: account.body.id,
  });
  assert.equal(visit.status, 201, JSON.stringify(visit.body));
  assert.deepEqual(visit.body.ccUserIds, [zhao.id], 'the manager is in cc by default');
  const ccOf = async (who: Person) => (await requestAs(t, who, 'GET', '/api/v1/notifications')).body.data.filter((n: { kind: string; recordId: string }) => n.kind === 'event.cc' && n.recordId === visit.body.id);
  const told = await ccOf(zhao);
  assert.equal(told.length, 1);
  assert.equal(told[0].message, '王强 将日程「拜访星空传媒」抄送给了您');
  // The manager finds it in his team's week.
  const team = await requestAs(t, zhao, 'GET', '/api/v1/calendar/team');
  assert.deepEqual(team.body.data.map((u: { id: string }) => u.id), [wang.id]);
  assert.ok((await occurrences(zhao, '2031-06-02T00:00:00Z', '2031-06-09T00:00:00Z', [wang.id])).some((o) => o.eventId === visit.body.id));
  assert.ok((await occurrences(zhao, '2031-06-02T00:00:00Z', '2031-06-09T00:00:00Z')).some((o) => o.eventId === visit.body.id), 'in his own calendar as cc');
  assert.deepEqual((await requestAs(t, wang, 'GET', '/api/v1/calendar/team')).body.data, []);

  // Wang adds Emily in cc: she may not read the account, so she is neither told nor given the event.
  const withEmily = await requestAs(t, wang, 'PATCH', `/api/v1/calendarEvents/${visit.body.id}`, { ccUserIds: [zhao.id, emily.id] });
  assert.equal(withEmily.status, 200, JSON.stringify(withEmily.body));
  const emilyNotes = (await requestAs(t, emily, 'GET', '/api/v1/notifications')).body.data;
  assert.ok(!JSON.stringify(emilyNotes).includes('星空'));
  assert.equal((await requestAs(t, emily, 'GET', `/api/v1/calendarEvents/${visit.body.id}`)).status, 404);
  // Once the account is shared with her, adding her as an attendee tells her.
  await requestAs(t, wang, 'POST', `/api/v1/accounts/${account.body.id}/shares`, { principalType: 'user', principalId: emily.id, access: 'read' });
  await requestAs(t, wang, 'PATCH', `/api/v1/calendarEvents/${visit.body.id}`, { attendeeUserIds: [emily.id] });
  const invited = (await requestAs(t, emily, 'GET', '/api/v1/notifications', undefined, { 'accept-language': 'en' })).body.data.filter((n: { kind: string }) => n.kind === 'event.invited');
  assert.equal(invited.length, 1);
  assert.equal((await requestAs(t, emily, 'GET', `/api/v1/calendarEvents/${visit.body.id}`)).status, 200);
  // Taken off the list, she no longer sees it; put back, she does again.
  await requestAs(t, wang, 'PATCH', `/api/v1/calendarEvents/${visit.body.id}`, { attendeeUserIds: [], ccUserIds: [zhao.id] });
  assert.equal((await requestAs(t, emily, 'GET', `/api/v1/calendarEvents/${visit.body.id}`)).status, 404);
  await requestAs(t, wang, 'PATCH', `/api/v1/calendarEvents/${visit.body.id}`, { attendeeUserIds: [emily.id] });
  assert.equal((await requestAs(t, emily, 'GET', `/api/v1/calendarEvents/${visit.body.id}`)).status, 200);
  // The manager is not told twice.
  assert.equal((await ccOf(zhao)).length, 1);

  // Mark done: the outcome lands on the account's timeline as a done visit.
  const done = await requestAs(t, wang, 'POST', `/api/v1/calendar/events/${visit.body.id}/done`, { outcome: '客户同意试用 <三个月>' });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  assert.equal(done.body.status, 'done');
  assert.ok(Date.parse(done.body.completedAt) > 0);
  const timeline = await requestAs(t, zhao, 'GET', `/api/v1/accounts/${account.body.id}/timeline`);
  const logged = timeline.body.data.find((e: { activity?: { id: string } }) => e.activity?.id === done.body.activityId);
  assert.ok(logged, JSON.stringify(timeline.body));
  assert.equal(logged.activity.type, 'visit');
  assert.equal(logged.activity.status, 'done');
  assert.match(logged.activity.body, /客户同意试用 &lt;三个月&gt;/);
  assert.equal((await requestAs(t, wang, 'POST', `/api/v1/calendar/events/${visit.body.id}/done`, { outcome: 'again' })).status, 400);
  // Emily reads the event but may not change it.
  assert.equal((await requestAs(t, emily, 'PATCH', `/api/v1/calendarEvents/${visit.body.id}`, { subject: 'x' })).status, 403);
});

test('reminders: each occurrence once, to the organiser and each attendee who may read it', async () => {
  const event = await requestAs(t, wang, 'POST', '/api/v1/calendarEvents', {
    subject: 'Daily check-in',
    startAt: '2032-01-05T09:00:00Z',
    endAt: '2032-01-05T09:15:00Z',
    timeZone: 'UTC',
    rrule: 'FREQ=DAILY;COUNT=3',
    reminderMinutes: 30,
    attendeeUserIds: [zhao.id],
    ccUserIds: [],
  });
  assert.equal(event.status, 201, JSON.stringify(event.body));
  const reminders = async (who: Person) => (await requestAs(t, who, 'GET', '/api/v1/notifications')).body.data.filter((n: { kind: string; recordId: string }) => n.kind === 'event.reminder' && n.recordId === event.body.id);
  assert.equal(await remindUpcomingEvents(t.db, t.registry, new Date('2032-01-05T08:00:00Z')), 0, 'too early');
  assert.equal(await remindUpcomingEvents(t.db, t.registry, new Date('2032-01-05T08:40:00Z')), 2);
  assert.equal(await remindUpcomingEvents(t.db, t.registry, new Date('2032-01-05T08:45:00Z')), 0, 'once per occurrence');
  assert.equal(await remindUpcomingEvents(t.db, t.registry, new Date('2032-01-06T08:31:00Z')), 2, 'the next day again');
  assert.equal((await reminders(wang)).length, 2);
  assert.equal((await reminders(zhao)).length, 2);
  assert.equal((await reminders(emily)).length, 0);
  const names = t.registry.modules.jobsFor({ db: t.db, registry: t.registry, now: () => new Date() }).map((j) => j.name);
  assert.ok(names.includes('calendar.remind-upcoming-events'));
});
