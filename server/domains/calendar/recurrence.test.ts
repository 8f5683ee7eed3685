// Recurrence expansion in the organiser's time zone: a weekly 09:00 meeting stays at 09:00 local across
// both DST changes, the rule's parts are refused when unsupported, and COUNT/UNTIL end a series.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandRule, formatRule, lastOccurrence, parseRule, RuleError } from './recurrence.ts';
import { instantOf, wallTimeOf } from './time-zones.ts';

const localTimes = (starts: number[], zone: string) =>
  starts.map((s) => {
    const w = wallTimeOf(s, zone);
    return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')} ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
  });

test('a weekly 09:00 Berlin meeting stays at 09:00 local across the spring and autumn changes', () => {
  const start = Date.parse('2026-03-16T08:00:00Z'); // Monday 09:00 CET
  const spring = expandRule(parseRule('FREQ=WEEKLY;BYDAY=MO'), start, 'Europe/Berlin', start, Date.parse('2026-04-07T00:00:00Z'));
  assert.deepEqual(localTimes(spring, 'Europe/Berlin'), ['2026-03-16 09:00', '2026-03-23 09:00', '2026-03-30 09:00', '2026-04-06 09:00']);
  // In UTC the meeting moves an hour earlier after 29 March (CEST).
  assert.deepEqual(spring.map((s) => new Date(s).toISOString().slice(11, 16)), ['08:00', '08:00', '07:00', '07:00']);
  const autumn = expandRule(parseRule('FREQ=WEEKLY;BYDAY=MO'), start, 'Europe/Berlin', Date.parse('2026-10-19T00:00:00Z'), Date.parse('2026-11-03T00:00:00Z'));
  assert.deepEqual(localTimes(autumn, 'Europe/Berlin'), ['2026-10-19 09:00', '2026-10-26 09:00', '2026-11-02 09:00']);
  assert.deepEqual(autumn.map((s) => new Date(s).toISOString().slice(11, 16)), ['07:00', '08:00', '08:00']);
});

test('New York daily at 02:30 across the spring gap moves to 03:30 that day only', () => {
  const start = instantOf({ year: 2026, month: 3, day: 7, hour: 2, minute: 30, second: 0 }, 'America/New_York');
  const days = expandRule(parseRule('FREQ=DAILY;COUNT=3'), start, 'America/New_York', start, Date.parse('2026-04-01T00:00:00Z'));
  assert.deepEqual(localTimes(days, 'America/New_York'), ['2026-03-07 02:30', '2026-03-08 03:30', '2026-03-09 02:30']);
});

test('monthly and yearly rules: nth weekday, last weekday, day of month, skipped short months', () => {
  const zone = 'Asia/Shanghai';
  const start = instantOf({ year: 2026, month: 1, day: 13, hour: 10, minute: 0, second: 0 }, zone);
  const second = expandRule(parseRule('FREQ=MONTHLY;BYDAY=2TU;COUNT=3'), start, zone, start, Date.parse('2027-01-01T00:00:00Z'));
  assert.deepEqual(localTimes(second, zone), ['2026-01-13 10:00', '2026-02-10 10:00', '2026-03-10 10:00']);
  const last = expandRule(parseRule('FREQ=MONTHLY;BYDAY=-1FR;COUNT=2'), start, zone, start, Date.parse('2027-01-01T00:00:00Z'));
  assert.deepEqual(localTimes(last, zone), ['2026-01-30 10:00', '2026-02-27 10:00']);
  const the31st = instantOf({ year: 2026, month: 1, day: 31, hour: 10, minute: 0, second: 0 }, zone);
  assert.deepEqual(localTimes(expandRule(parseRule('FREQ=MONTHLY;COUNT=3'), the31st, zone, the31st, Date.parse('2027-01-01T00:00:00Z')), zone), ['2026-01-31 10:00', '2026-03-31 10:00', '2026-05-31 10:00']);
  const yearly = expandRule(parseRule('FREQ=YEARLY;INTERVAL=2'), start, zone, start, Date.parse('2031-01-01T00:00:00Z'));
  assert.deepEqual(localTimes(yearly, zone), ['2026-01-13 10:00', '2028-01-13 10:00', '2030-01-13 10:00']);
});

test('UNTIL and COUNT end a series; an endless one has no last occurrence', () => {
  const start = Date.parse('2026-06-01T01:00:00Z');
  const rule = parseRule('FREQ=DAILY;INTERVAL=2;UNTIL=20260607T000000Z');
  assert.equal(expandRule(rule, start, 'UTC', start, Date.parse('2027-01-01T00:00:00Z')).length, 3);
  assert.equal(new Date(lastOccurrence(rule, start, 'UTC')!).toISOString(), '2026-06-05T01:00:00.000Z');
  assert.equal(lastOccurrence(parseRule('FREQ=WEEKLY'), start, 'UTC'), null);
  assert.equal(formatRule(parseRule('freq=weekly;byday=mo,we;count=4')), 'FREQ=WEEKLY;COUNT=4;BYDAY=MO,WE');
});

test('unsupported or malformed rules are refused, saying which part', () => {
  for (const bad of ['FREQ=HOURLY', 'FREQ=WEEKLY;BYSETPOS=1', 'FREQ=WEEKLY;BYDAY=2MO', 'FREQ=DAILY;COUNT=0', 'FREQ=DAILY;COUNT=2;UNTIL=20260101', 'nonsense', 'FREQ=MONTHLY;BYDAY=XX']) {
    assert.throws(() => parseRule(bad), RuleError, bad);
  }
});

test('a window far into an endless series gives the same occurrences as walking from its start', () => {
  const zone = 'Europe/Berlin';
  const start = instantOf({ year: 2020, month: 1, day: 6, hour: 9, minute: 0, second: 0 }, zone);
  for (const text of ['FREQ=WEEKLY;BYDAY=MO,TH', 'FREQ=DAILY;INTERVAL=3', 'FREQ=MONTHLY;BYDAY=-1FR', 'FREQ=YEARLY;BYMONTH=3,10;BYMONTHDAY=28']) {
    const rule = parseRule(text);
    const from = Date.parse('2031-03-01T00:00:00Z');
    const to = Date.parse('2031-11-01T00:00:00Z');
    const all = expandRule(rule, start, zone, start, to).filter((s) => s >= from);
    assert.deepEqual(expandRule(rule, start, zone, from, to), all, text);
    assert.ok(all.length > 0, text);
    // The same with COUNT: counted, not skipped.
    const counted = parseRule(`${text};COUNT=400`);
    assert.deepEqual(expandRule(counted, start, zone, from, to), expandRule(counted, start, zone, start, to).filter((s) => s >= from), `${text} with COUNT`);
  }
});
