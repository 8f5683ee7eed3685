// The demo and the benchmark share their value lists; every value must be one the definitions accept,
// so neither generator can drift from the objects it fills.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accounts } from '../objects/accounts.ts';
import { activities } from '../objects/activities.ts';
import { leads } from '../objects/leads.ts';
import { opportunities } from '../objects/opportunities.ts';
import type { ObjectDefinition } from '../records/index.ts';
import * as d from './distributions.ts';

const optionsOf = (def: ObjectDefinition, field: string) => def.fields.find((f) => f.name === field)!.options!.map((o) => o.value);
const valuesOf = (weights: ReadonlyArray<readonly [string, number]>) => weights.map(([value]) => value);

test('every generated select value is an option of its field', () => {
  const cases: Array<[ObjectDefinition, string, string[]]> = [
    [accounts, 'type', valuesOf(d.accountTypeWeights)],
    [accounts, 'rating', valuesOf(d.accountRatingWeights)],
    [leads, 'status', valuesOf(d.leadStatusWeights)],
    [leads, 'source', valuesOf(d.leadSourceWeights)],
    [opportunities, 'stage', valuesOf(d.stageWeights)],
    [opportunities, 'stage', Object.keys(d.stageProbability)],
    [opportunities, 'source', d.opportunitySources],
    [activities, 'type', valuesOf(d.activityTypeWeights)],
    [activities, 'status', valuesOf(d.pastActivityStatusWeights)],
  ];
  for (const [def, field, values] of cases) {
    const allowed = optionsOf(def, field);
    for (const value of values) assert.ok(allowed.includes(value), `${def.name}.${field}: ${value}`);
  }
});

test('every stage has a probability', () => {
  assert.deepEqual(Object.keys(d.stageProbability).toSorted(), valuesOf(d.stageWeights).toSorted());
});
