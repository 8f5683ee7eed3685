// New ids are UUIDv7: unique, version 7 with the RFC variant, and sorted in the order they were made,
// across the refills of their pool of random bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUuid, newId } from './ids.ts';

test('ids are unique UUIDv7 values in creation order, across many refills of the random pool', () => {
  const ids = Array.from({ length: 5000 }, () => newId());
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.ok(isUuid(id) && id[14] === '7' && '89ab'.includes(id[19]!), id);
  assert.deepEqual(ids.toSorted(), ids);
  const later = newId(Date.now() + 1000);
  assert.ok(later > ids.at(-1)!);
});
