// Validators are compiled once per definition object. A write that read the definitions before a
// metadata change (a long import, a transaction waiting for its lock) must not leave a validator of the
// old definitions behind for everyone after the change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Problem } from '../platform/http/problem.ts';
import { accounts } from '../objects/accounts.ts';
import type { ObjectDefinition } from './types.ts';
import { validateBody } from './validation.ts';

const withLoyalty = (def: ObjectDefinition): ObjectDefinition => ({
  ...def,
  fields: [...def.fields, { name: 'loyalty', type: 'text', label: { en: 'Loyalty', 'zh-CN': '忠诚度' }, isCustom: true }],
});

test('a validator built from old definitions is not used for the new ones', () => {
  const before = structuredClone(accounts);
  const body = { name: '华信科技', loyalty: 'gold' };
  assert.throws(() => validateBody(before, body, 'create'), (error) => error instanceof Problem && error.errors.some((e) => e.field === 'loyalty'));
  // The registry reloads: new definition objects, one more field.
  const after = withLoyalty(structuredClone(accounts));
  assert.deepEqual(validateBody(after, body, 'create'), body);
  // The old one keeps its own validator (the write that holds it finishes as it began).
  assert.throws(() => validateBody(before, body, 'create'), Problem);
});
