// The calendar's date arithmetic: weeks start on Monday, a month view covers whole weeks, occurrences
// fall on the days they touch, and repeat choices map to RRULEs and back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dayKey, daysOf, fromLocalInput, isOnDay, repeatOf, ruleOf, step, toLocalInput } from './calendar-dates.ts';

test('views: a day, a Monday-to-Sunday week, whole weeks around a month', () => {
  const anchor = new Date(2031, 2, 19, 15, 0); // Wednesday 19 March 2031
  assert.deepEqual(daysOf('day', anchor).map(dayKey), ['2031-03-19']);
  assert.deepEqual(daysOf('week', anchor).map(dayKey), ['2031-03-17', '2031-03-18', '2031-03-19', '2031-03-20', '2031-03-21', '2031-03-22', '2031-03-23']);
  const month = daysOf('month', anchor);
  assert.equal(month.length % 7, 0);
  assert.equal(dayKey(month[0]!), '2031-02-24');
  assert.equal(dayKey(month.at(-1)!), '2031-04-06');
  assert.equal(dayKey(step('month', anchor, 1)), '2031-04-01');
  assert.equal(dayKey(step('week', anchor, -1)), '2031-03-12');
});

const at = (h: number) => new Date(2031, 2, 19, h).toISOString();

test('an occurrence is on each local day it touches', () => {
  const day = new Date(2031, 2, 19);
  assert.ok(isOnDay(at(9), at(10), day));
  assert.ok(!isOnDay(new Date(2031, 2, 18, 9).toISOString(), new Date(2031, 2, 19, 0).toISOString(), day), 'ending at midnight is the day before');
  assert.ok(isOnDay(at(0), at(0), day));
  assert.equal(fromLocalInput(toLocalInput(at(9))), at(9));
  assert.equal(fromLocalInput(''), null);
});

test('repeat choices and RRULEs', () => {
  assert.equal(ruleOf('none', 3), null);
  assert.equal(ruleOf('weekdays', null), 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR');
  assert.equal(ruleOf('monthly', 6), 'FREQ=MONTHLY;COUNT=6');
  assert.deepEqual(repeatOf('FREQ=MONTHLY;COUNT=6'), { repeat: 'monthly', count: 6 });
  assert.deepEqual(repeatOf('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'), { repeat: 'weekdays', count: null });
  assert.deepEqual(repeatOf(null), { repeat: 'none', count: null });
});
