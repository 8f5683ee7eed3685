// The forecast screen's pure rules: the drill-down filter, the tree order and the period arithmetic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dealsLink, periodStartOf, shiftPeriod, treeRows, type Forecast } from './forecast-data.ts';

test('a figure links to the opportunities list filtered to its deals', () => {
  const link = dealsLink(['a1', 'b2'], { start: '2026-01-01', end: '2026-04-01' }, 'commit');
  const filter = new URLSearchParams(link.split('?')[1]).get('filter');
  assert.ok(link.startsWith('/opportunities?filter='));
  assert.equal(filter, "closeDate gte '2026-01-01' and closeDate lt '2026-04-01' and ownerId in ('a1', 'b2') and forecastCategory eq 'commit'");
  assert.match(new URLSearchParams(dealsLink(['a1'], { start: 'x', end: 'y' }).split('?')[1]).get('filter')!, /ownerId eq 'a1' and forecastCategory ne 'omitted'$/);
});

const row = (id: string, reportIds: string[] = []) => ({ id, reportIds }) as unknown as Forecast['rows'][number];

test('rows in tree order, reports below their manager', () => {
  const forecast = { rootIds: ['d', 'x'], rows: [row('r1'), row('m', ['r1', 'r2']), row('d', ['m']), row('r2'), row('x')] } as unknown as Forecast;
  assert.deepEqual(treeRows(forecast).map((r) => `${r.depth}${r.row.id}`), ['0d', '1m', '2r1', '2r2', '0x']);
});

test('periods start on their first day and step by their length', () => {
  assert.equal(periodStartOf('quarter', '2026-05-17'), '2026-04-01');
  assert.equal(periodStartOf('year', '2026-05-17'), '2026-01-01');
  assert.equal(periodStartOf('month', '2026-05-17'), '2026-05-01');
  assert.equal(shiftPeriod('quarter', '2026-01-01', -1), '2025-10-01');
  assert.equal(shiftPeriod('month', '2026-12-01', 1), '2027-01-01');
});
