import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineJob, defineScheduledJob, pollingIntervalOf } from './definitions.ts';
import { workOptionsOf } from './system.ts';

const handler = async () => {};

test('an idle worker polls a queue every 2 s, a scheduled job every 10 s, unless the definition says', () => {
  assert.equal(pollingIntervalOf(defineJob({ name: 'test.on-demand', handler })), 2);
  assert.equal(pollingIntervalOf(defineScheduledJob({ name: 'test.nightly', schedule: '0 3 * * *', handler })), 10);
  assert.equal(pollingIntervalOf(defineJob({ name: 'test.cron', schedule: '* * * * *', handler })), 10);
  assert.equal(pollingIntervalOf(defineScheduledJob({ name: 'test.eager', schedule: '* * * * *', pollingIntervalSeconds: 5, handler })), 5);
});

test('a worker polls at its definition\'s interval unless the process sets one for all', () => {
  const nightly = defineScheduledJob({ name: 'test.nightly', schedule: '0 3 * * *', handler });
  assert.equal(workOptionsOf(nightly).pollingIntervalSeconds, 10);
  assert.equal(workOptionsOf(defineJob({ name: 'test.on-demand', batchSize: 3, handler })).pollingIntervalSeconds, 2);
  assert.equal(workOptionsOf(defineJob({ name: 'test.on-demand', batchSize: 3, handler })).batchSize, 3);
  assert.equal(workOptionsOf(nightly, 0.5).pollingIntervalSeconds, 0.5, 'tests and the benchmark poll faster');
});
