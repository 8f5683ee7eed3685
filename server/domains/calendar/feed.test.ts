// The private iCalendar feed and .ics import, checked with node-ical, a parser independent of both the
// feed's own writer and the ical.js import: the feed's series expands (node-ical's own RRULE code) to
// the same occurrences as the calendar's, across a DST change, with the changed and removed ones; an
// imported file comes back out of the feed the same; a revoked secret opens nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ical, { type VEvent } from 'node-ical';
import { startTestApp, type TestContext } from '../../testing.ts';
import { requestAs, salesRep, type Person } from '../collaboration/test-people.ts';
import { foldLine } from './ics-write.ts';

let t: TestContext;
let wang: Person;
let li: Person;

before(async () => {
  t = await startTestApp();
  wang = await salesRep(t, 'wang.feed', '王强', 'zh-CN');
  li = await salesRep(t, 'li.feed', '李娜', 'zh-CN');
});
after(() => t.close());

const fetchFeed = async (path: string) => {
  const r = await t.app.inject({ method: 'GET', url: path });
  return { status: r.statusCode, type: String(r.headers['content-type']), text: r.body };
};
const vevents = (text: string) => Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');

test('the feed: a secret URL, parsed by node-ical into the same occurrences as the calendar shows', async () => {
  const series = await requestAs(t, wang, 'POST', '/api/v1/calendarEvents', {
    subject: '周会; 讨论, 计划',
    // Mondays 21:00 in New York from 3 March 2031; the clocks go forward on 9 March.
    startAt: '2031-03-04T02:00:00Z',
    endAt: '2031-03-04T03:00:00Z',
    timeZone: 'America/New_York',
    rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=6',
    location: '会议室 A',
    description: 'Agenda:\nline two',
  });
  assert.equal(series.status, 201, JSON.stringify(series.body));
  const window = '/api/v1/calendar/occurrences?from=2031-03-01T00:00:00Z&to=2031-05-01T00:00:00Z';
  const [, second, third] = (await requestAs(t, wang, 'GET', window)).body.data;
  await requestAs(t, wang, 'POST', `/api/v1/calendar/events/${series.body.id}/occurrence/remove`, { occurrenceStart: second.startAt });
  await requestAs(t, wang, 'POST', `/api/v1/calendar/events/${series.body.id}/occurrence`, { occurrenceStart: third.startAt, scope: 'this', changes: { subject: '周会（改期）', startAt: '2031-04-08T01:00:00Z', endAt: '2031-04-08T02:00:00Z' } });
  const single = await requestAs(t, wang, 'POST', '/api/v1/calendarEvents', { subject: 'Visit ' + 'x'.repeat(100), type: 'visit', startAt: '2031-04-02T06:00:00Z', endAt: '2031-04-02T07:30:00Z' });
  assert.equal(single.status, 201);

  assert.deepEqual((await requestAs(t, wang, 'GET', '/api/v1/calendar/feed')).body, { isActive: false });
  const made = await requestAs(t, wang, 'POST', '/api/v1/calendar/feed');
  assert.equal(made.status, 200);
  assert.match(made.body.path, /^\/api\/v1\/calendar\/feed\/[A-Za-z0-9_-]{43}\.ics$/);
  assert.deepEqual((await requestAs(t, wang, 'GET', '/api/v1/calendar/feed')).body, { isActive: true });

  const feed = await fetchFeed(made.body.path);
  assert.equal(feed.status, 200);
  assert.match(feed.type, /^text\/calendar/);
  for (const line of feed.text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `folded: ${line}`);
  const events = vevents(feed.text);
  const parsedSeries = events.find((e) => e.rrule)!;
  assert.equal(String(parsedSeries.summary), '周会; 讨论, 计划');
  assert.equal(String(parsedSeries.description), 'Agenda:\nline two');
  assert.equal(String(events.find((e) => !e.rrule && !e.recurrenceid)?.summary), single.body.subject);

  // node-ical expands the series on its own (EXDATE and RECURRENCE-ID applied): the calendar's occurrences.
  const theirs = ical
    .expandRecurringEvent(parsedSeries, { from: new Date('2031-03-01T00:00:00Z'), to: new Date('2031-05-01T00:00:00Z') })
    .map((o) => `${new Date(o.start).toISOString()} ${String(o.summary)}`)
    .toSorted();
  const ours = (await requestAs(t, wang, 'GET', window)).body.data
    .filter((o: { eventId: string; seriesId: string | null }) => o.eventId === series.body.id || o.seriesId === series.body.id)
    .map((o: { startAt: string; subject: string }) => `${o.startAt} ${o.subject}`)
    .toSorted();
  assert.deepEqual(theirs, ours);
  // Five occurrences (one removed, one moved to 8 April), all 21:00 in New York: 02:00 UTC before the change, 01:00 after.
  assert.deepEqual(ours.map((o: string) => o.slice(0, 16)), ['2031-03-04T02:00', '2031-03-25T01:00', '2031-04-01T01:00', '2031-04-08T01:00', '2031-04-08T01:00']);

  // Someone else's secret, a wrong one and a revoked one open nothing.
  assert.equal((await fetchFeed('/api/v1/calendar/feed/' + 'A'.repeat(43) + '.ics')).status, 404);
  assert.equal((await fetchFeed('/api/v1/calendar/feed/short.ics')).status, 404);
  const again = await requestAs(t, wang, 'POST', '/api/v1/calendar/feed');
  assert.equal((await fetchFeed(made.body.path)).status, 404, 'a new secret replaces the old');
  assert.equal((await fetchFeed(again.body.path)).status, 200);
  assert.equal((await t.app.inject({ method: 'DELETE', url: '/api/v1/calendar/feed', headers: { authorization: `Bearer ${wang.token}` } })).statusCode, 204);
  assert.equal((await fetchFeed(again.body.path)).status, 404);
  // Nobody writes a feed through the records API.
  assert.equal((await requestAs(t, wang, 'POST', '/api/v1/calendarFeeds', { label: 'mine' })).status, 400);
});

test('an .ics round trip: imported by one person, fed out again, read back the same by node-ical', async () => {
  const source = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Test//Round trip//EN',
    'BEGIN:VEVENT',
    'UID:series-1@example.com',
    'DTSTAMP:20310101T000000Z',
    'DTSTART;TZID=Europe/Berlin:20310317T090000',
    'DTEND;TZID=Europe/Berlin:20310317T100000',
    'RRULE:FREQ=WEEKLY;COUNT=4',
    'EXDATE;TZID=Europe/Berlin:20310324T090000',
    'SUMMARY:Weekly sync\\, Berlin',
    'LOCATION:Raum 4',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:series-1@example.com',
    'DTSTAMP:20310101T000000Z',
    'RECURRENCE-ID;TZID=Europe/Berlin:20310331T090000',
    'DTSTART;TZID=Europe/Berlin:20310331T110000',
    'DTEND;TZID=Europe/Berlin:20310331T120000',
    'SUMMARY:Weekly sync (late)',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:single-2@example.com',
    'DTSTAMP:20310101T000000Z',
    'DTSTART:20310320T013000Z',
    'DTEND:20310320T023000Z',
    foldLine('SUMMARY:客户拜访：上海星空传媒有限公司，讨论年度合同续签与新产品试用安排'),
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  const imported = await requestAs(t, li, 'POST', '/api/v1/calendar/import', { content: source });
  assert.equal(imported.status, 200, JSON.stringify(imported.body));
  assert.deepEqual(imported.body, { created: 3, updated: 0 });
  // Imported again: the same events are updated, not doubled.
  assert.deepEqual((await requestAs(t, li, 'POST', '/api/v1/calendar/import', { content: source })).body, { created: 0, updated: 3 });

  const expand = (text: string) =>
    vevents(text)
      .filter((e) => !e.recurrenceid)
      .flatMap((e) => ical.expandRecurringEvent(e, { from: new Date('2031-03-01T00:00:00Z'), to: new Date('2031-05-01T00:00:00Z') }))
      .map((o) => `${new Date(o.start).toISOString()}–${new Date(o.end).toISOString()} ${String(o.summary)}`)
      .toSorted();
  const feed = await fetchFeed((await requestAs(t, li, 'POST', '/api/v1/calendar/feed')).body.path);
  assert.deepEqual(expand(feed.text), expand(source));
  assert.deepEqual(expand(feed.text), [
    '2031-03-17T08:00:00.000Z–2031-03-17T09:00:00.000Z Weekly sync, Berlin',
    '2031-03-20T01:30:00.000Z–2031-03-20T02:30:00.000Z 客户拜访：上海星空传媒有限公司，讨论年度合同续签与新产品试用安排',
    '2031-03-31T09:00:00.000Z–2031-03-31T10:00:00.000Z Weekly sync (late)',
    '2031-04-07T07:00:00.000Z–2031-04-07T08:00:00.000Z Weekly sync, Berlin',
  ]);
  assert.equal(vevents(feed.text).filter((e) => e.uid === 'series-1@example.com').length >= 1, true);

  const notCalendar = await requestAs(t, li, 'POST', '/api/v1/calendar/import', { content: 'hello' });
  assert.equal(notCalendar.status, 400);
  assert.equal(notCalendar.body.errors[0].field, 'file');
  const hourly = source.replace('RRULE:FREQ=WEEKLY;COUNT=4', 'RRULE:FREQ=HOURLY;COUNT=4');
  assert.equal((await requestAs(t, li, 'POST', '/api/v1/calendar/import', { content: hourly })).status, 400);
});

const wrap = (body: string) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n${body}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;

test('a malformed .ics file is a 400 naming the file, never a 500', async () => {
  for (const content of [
    wrap('UID:a\r\nDTSTART:garbage\r\nSUMMARY:x'),
    wrap('UID:a\r\nDTSTART:20310101T100000Z\r\nDURATION:garbage\r\nSUMMARY:x'),
    wrap('UID:a\r\nDTSTART:20310101T100000Z\r\nRRULE:FREQ=WEEKLY\r\nEXDATE:garbage\r\nSUMMARY:x'),
    'BEGIN:VCALENDAR\r\nBEGIN:VEVENT',
    'BEGIN:VCARD\r\nEND:VCARD',
  ]) {
    const reply = await requestAs(t, li, 'POST', '/api/v1/calendar/import', { content });
    assert.equal(reply.status, 400, content);
    assert.equal(reply.body.errors[0].field, 'file');
  }
});
