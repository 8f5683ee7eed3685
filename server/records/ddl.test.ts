// The order tables are created in: a lookup may point at an object defined later; cycles are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inCreationOrder } from './ddl.ts';
import type { FieldDefinition, ObjectDefinition } from './types.ts';

const label = { en: 'x', 'zh-CN': 'x' };
const lookup = (target: string): FieldDefinition => ({ name: `${target}Id`, type: 'lookup', target, label });
const object = (name: string, ...fields: FieldDefinition[]): ObjectDefinition => ({
  name,
  label,
  labelPlural: label,
  table: name,
  titleField: 'name',
  access: { default: 'private' },
  fields: [{ name: 'name', type: 'text', label }, ...fields],
});
const names = (defs: ObjectDefinition[]) => defs.map((d) => d.name);

test('a table comes after the tables its lookups point at, even when defined before them', () => {
  const defs = [object('leads', lookup('deals')), object('accounts', lookup('accounts')), object('deals', lookup('accounts'))];
  assert.deepEqual(names(inCreationOrder(defs)), ['accounts', 'deals', 'leads']);
});

test('without forward references the definition order is kept', () => {
  const defs = [object('a'), object('b', lookup('a')), object('c'), object('d', lookup('b'))];
  assert.deepEqual(names(inCreationOrder(defs)), ['a', 'b', 'c', 'd']);
});

test('a cycle of references is refused, naming it', () => {
  const defs = [object('a', lookup('b')), object('b', lookup('a'))];
  assert.throws(() => inCreationOrder(defs), /cycle: a → b → a/);
});
