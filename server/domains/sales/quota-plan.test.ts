// The planner's arithmetic, and the worked example of the user guide reproduced exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Exact } from './decimal.ts';
import { planQuota } from './quota-plan.ts';

const quarter = ['2026-01-01', '2026-02-01', '2026-03-01'];

test('¥300,000 for a quarter over 3 provinces: ¥33,333.33 a month, 4 wins, 34 prospects', () => {
  const plan = planQuota({
    amount: Exact.of('300000'),
    regions: ['广东', '浙江', '江苏'],
    months: quarter,
    splitMethod: 'even',
    averageDealSize: Exact.of('10000'),
    winRate: Exact.of('0.1'),
  });
  assert.equal(plan.target, '300000.00');
  assert.equal(plan.plannedTotal, '300000.00');
  assert.equal(plan.regions.length, 3);
  for (const region of plan.regions) {
    assert.equal(region.target, '100000.00');
    for (const cell of region.months) {
      assert.equal(cell.target, '33333.33');
      assert.equal(cell.exactWins, '3.33');
      assert.equal(cell.winsNeeded, 4);
      assert.equal(cell.exactProspects, '33.33');
      assert.equal(cell.prospectsNeeded, 34);
    }
  }
  assert.equal(plan.totals.winsNeeded, 36);
  assert.equal(plan.totals.prospectsNeeded, 306);
});

test("by last year's seasonality, with an empty last year falling back to even", () => {
  const seasonal = planQuota({
    amount: Exact.of('1000'),
    regions: ['north'],
    months: quarter,
    splitMethod: 'seasonal',
    seasonality: [Exact.of('1'), Exact.of('1'), Exact.of('2')],
    averageDealSize: null,
    winRate: null,
  });
  assert.deepEqual(seasonal.regions[0]!.months.map((c) => c.target), ['250.00', '250.00', '500.00']);
  assert.equal(seasonal.regions[0]!.months[0]!.winsNeeded, null);
  const empty = planQuota({ amount: Exact.of('90'), regions: ['n'], months: quarter, splitMethod: 'seasonal', seasonality: quarter.map(() => Exact.zero), averageDealSize: null, winRate: null });
  assert.deepEqual(empty.regions[0]!.months.map((c) => c.target), ['30.00', '30.00', '30.00']);
});

test('by hand: the planned total and the gap against what is won and open', () => {
  const plan = planQuota({
    amount: Exact.of('100'),
    regions: ['a'],
    months: quarter.slice(0, 2),
    splitMethod: 'manual',
    manual: { a: { '2026-01-01': Exact.of('70'), '2026-02-01': Exact.of('20') } },
    averageDealSize: Exact.of('10'),
    winRate: Exact.of('0.5'),
    pipeline: { a: { '2026-01-01': { openCount: 5, openAmount: Exact.of('50'), wonAmount: Exact.of('30') } } },
  });
  assert.equal(plan.plannedTotal, '90.00');
  const [jan, feb] = plan.regions[0]!.months;
  assert.deepEqual([jan!.winsNeeded, jan!.prospectsNeeded, jan!.gap, jan!.prospectGap], [7, 14, '40.00', 9]);
  assert.deepEqual([feb!.winsNeeded, feb!.prospectsNeeded, feb!.gap, feb!.prospectGap], [2, 4, '20.00', 4]);
  assert.equal(plan.totals.gap, '70.00');
});
