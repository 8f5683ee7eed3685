// Report periods: calendar days and weeks in a zone, their midnights as instants (daylight saving
// included) and the deadlines, all from given instants (never the clock).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deadlineOf, localDate, periodAt, periodOf, zonedInstant } from './period.ts';

test('a day runs from midnight to midnight in the zone', () => {
  const day = periodOf('daily', '2026-12-05', 'Asia/Shanghai');
  assert.deepEqual([day.start, day.end, day.from.toISOString(), day.to.toISOString()], ['2026-12-05', '2026-12-05', '2026-12-04T16:00:00.000Z', '2026-12-05T16:00:00.000Z']);
  // 23:59 on the 5th in New York is already the 6th in UTC, and still the 5th there.
  assert.equal(periodAt('daily', new Date('2026-12-06T04:59:00Z'), 'America/New_York').start, '2026-12-05');
  assert.equal(periodAt('daily', new Date('2026-12-05T16:00:00Z'), 'Asia/Shanghai').start, '2026-12-06');
  assert.equal(localDate(new Date('2026-12-05T15:59:59Z'), 'Asia/Shanghai'), '2026-12-05');
});

test('a week runs Monday to Sunday; a day with a daylight-saving change has 23 hours', () => {
  const week = periodOf('weekly', '2026-12-06', 'Asia/Shanghai'); // a Sunday
  assert.deepEqual([week.start, week.end], ['2026-11-30', '2026-12-06']);
  assert.equal(periodOf('weekly', '2026-11-30', 'UTC').start, '2026-11-30');
  const springForward = periodOf('daily', '2026-03-08', 'America/New_York');
  assert.equal(springForward.from.toISOString(), '2026-03-08T05:00:00.000Z');
  assert.equal(springForward.to.toISOString(), '2026-03-09T04:00:00.000Z');
  assert.equal(zonedInstant('2026-11-01', '12:00', 'America/New_York').toISOString(), '2026-11-01T17:00:00.000Z');
  assert.equal(zonedInstant('0050-06-01', '00:00', 'UTC').toISOString(), '0050-06-01T00:00:00.000Z');
});

test('deadlines: the time on the day, or on the weekday of the week', () => {
  assert.equal(deadlineOf(periodOf('daily', '2026-12-05', 'Asia/Shanghai'), '18:00', 5, 'Asia/Shanghai').toISOString(), '2026-12-05T10:00:00.000Z');
  assert.equal(deadlineOf(periodOf('weekly', '2026-12-02', 'Asia/Shanghai'), '18:00', 5, 'Asia/Shanghai').toISOString(), '2026-12-04T10:00:00.000Z');
  assert.equal(deadlineOf(periodOf('weekly', '2026-12-02', 'Europe/London'), '09:30', 1, 'Europe/London').toISOString(), '2026-11-30T09:30:00.000Z');
});
