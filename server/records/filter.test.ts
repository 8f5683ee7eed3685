// Unit tests of the filter language parser: the tree it builds, operator precedence, and the 400
// problems (with positions) it raises for everything else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Problem } from '../platform/http/problem.ts';
import { parseFilter, type FilterNode, type Scalar } from './filter.ts';

const seed = Number(process.env.FC_SEED ?? 20260101);

const cmp = (path: string, op: string, value: Scalar): FilterNode => ({ kind: 'compare', path: path.split('.'), op, value }) as FilterNode;

/** Asserts that parsing fails with a filter problem whose message matches. */
function assertRejects(input: string, message: RegExp): void {
  assert.throws(
    () => parseFilter(input),
    (error: unknown) => {
      assert.ok(error instanceof Problem, `expected a Problem for ${JSON.stringify(input)}`);
      assert.equal(error.status, 400);
      assert.deepEqual(error.errors.map((e) => [e.field, e.code]), [['filter', 'invalid_filter']]);
      assert.match(error.message, message);
      return true;
    },
  );
}

test('a comparison becomes a compare node with its path, operator and value', () => {
  assert.deepEqual(parseFilter("name eq 'Acme'"), cmp('name', 'eq', 'Acme'));
  assert.deepEqual(parseFilter("account.city eq '上海'"), cmp('account.city', 'eq', '上海'));
  for (const op of ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'contains', 'startsWith']) {
    assert.deepEqual(parseFilter(`amount ${op} 5`), cmp('amount', op, 5));
  }
});

test('values: quoted text with doubled quotes, numbers, booleans and null', () => {
  assert.deepEqual(parseFilter("name eq 'O''Brien'"), cmp('name', 'eq', "O'Brien"));
  assert.deepEqual(parseFilter("name eq ''"), cmp('name', 'eq', ''));
  assert.deepEqual(parseFilter("name eq 'a and b or (c)'"), cmp('name', 'eq', 'a and b or (c)'));
  assert.deepEqual(parseFilter('amount gt -12.5'), cmp('amount', 'gt', -12.5));
  assert.deepEqual(parseFilter('amount lt 1.5e3'), cmp('amount', 'lt', 1500));
  assert.deepEqual(parseFilter('amount lt 2E-2'), cmp('amount', 'lt', 0.02));
  assert.deepEqual(parseFilter('isActive eq true'), cmp('isActive', 'eq', true));
  assert.deepEqual(parseFilter('isActive ne false'), cmp('isActive', 'ne', false));
  assert.deepEqual(parseFilter('city eq null'), cmp('city', 'eq', null));
});

test('in takes a parenthesised list; isNull takes an optional boolean', () => {
  assert.deepEqual(parseFilter("stage in ('won', 'lost',3)"), { kind: 'in', path: ['stage'], values: ['won', 'lost', 3] });
  assert.deepEqual(parseFilter("stage in ('won')"), { kind: 'in', path: ['stage'], values: ['won'] });
  assert.deepEqual(parseFilter('email isNull'), { kind: 'isNull', path: ['email'], isNull: true });
  assert.deepEqual(parseFilter('email isNull true'), { kind: 'isNull', path: ['email'], isNull: true });
  assert.deepEqual(parseFilter('email isNull false'), { kind: 'isNull', path: ['email'], isNull: false });
});

test('and binds tighter than or; not binds tighter than and', () => {
  const [a, b, c] = [cmp('a', 'eq', 1), cmp('b', 'eq', 2), cmp('c', 'eq', 3)];
  assert.deepEqual(parseFilter('a eq 1 or b eq 2 and c eq 3'), { kind: 'or', items: [a, { kind: 'and', items: [b, c] }] });
  assert.deepEqual(parseFilter('a eq 1 and b eq 2 or c eq 3'), { kind: 'or', items: [{ kind: 'and', items: [a, b] }, c] });
  assert.deepEqual(parseFilter('not a eq 1 and b eq 2'), { kind: 'and', items: [{ kind: 'not', item: a }, b] });
  assert.deepEqual(parseFilter('not not a eq 1'), { kind: 'not', item: { kind: 'not', item: a } });
});

test('parentheses override precedence; chains of one junction stay flat', () => {
  const [a, b, c] = [cmp('a', 'eq', 1), cmp('b', 'eq', 2), cmp('c', 'eq', 3)];
  assert.deepEqual(parseFilter('(a eq 1 or b eq 2) and c eq 3'), { kind: 'and', items: [{ kind: 'or', items: [a, b] }, c] });
  assert.deepEqual(parseFilter('not (a eq 1 or b eq 2)'), { kind: 'not', item: { kind: 'or', items: [a, b] } });
  assert.deepEqual(parseFilter('a eq 1 and b eq 2 and c eq 3'), { kind: 'and', items: [a, b, c] });
  assert.deepEqual(parseFilter('((a eq 1))'), a);
  assert.deepEqual(parseFilter('  a   eq\t1\n'), a);
});

test('errors say what was expected and where (1-based positions)', () => {
  assertRejects('', /empty/);
  assertRejects('   ', /empty/);
  assertRejects("name is 'x'", /Unknown operator "is"/);
  assertRejects('name', /Expected an operator after "name"/);
  assertRejects("name eq 'x' AND city eq 'y'", /Unexpected "AND" at position 13/);
  assertRejects('name eq foo', /Expected a value at position 9/);
  assertRejects('name eq', /Expected a value at the end/);
  assertRejects("name eq 'unterminated", /Unexpected character at position 9/);
  assertRejects("name eq 'x'; drop table accounts", /Unexpected character at position 12/);
  assertRejects("' or 1=1 --", /Unexpected character at position 1/);
  assertRejects("(name eq 'x'", /Expected "\)" at the end/);
  assertRejects("name eq 'x')", /Unexpected "\)" at position 12/);
  assertRejects("stage in 'won'", /Expected "\(" at position 10/);
  assertRejects('stage in ()', /Expected a value at position 11/);
  assertRejects("stage in ('a',)", /Expected a value at position 15/);
  assertRejects("stage in ('a' 'b')", /Expected "\)" at position 15/);
  assertRejects("'x' eq name", /Expected a field name at position 1/);
  assertRejects("and eq 'x' and", /The filter ends too early/);
  assertRejects('amount gt 1e999', /out of range/);
  assertRejects('amount gt 12abc', /Unexpected character at position 11/);
  assertRejects("名称 eq 'x'", /Unexpected character at position 1/);
});

test('limits: length, nesting depth and size of an in list', () => {
  assertRejects(`name eq '${'x'.repeat(4000)}'`, /at most 4000 characters/);
  parseFilter(`name eq '${'x'.repeat(3980)}'`);
  assertRejects(`${'not '.repeat(25)}a eq 1`, /nest at most 20 levels/);
  assertRejects(`${'('.repeat(25)}a eq 1${')'.repeat(25)}`, /nest at most 20 levels/);
  parseFilter(`${'('.repeat(19)}a eq 1${')'.repeat(19)}`);
  assertRejects(`id in (${Array.from({ length: 501 }, (_, i) => i).join(',')})`, /at most 500 values/);
  assert.equal((parseFilter(`id in (${Array.from({ length: 500 }, (_, i) => i).join(',')})`) as { values: unknown[] }).values.length, 500);
});

// Property: printing any tree (junctions parenthesised) and parsing it back gives the same tree.
const fieldName = fc.constantFrom('name', 'city', 'amount', 'account.city', 'owner.name', 'a_b.c_d');
const scalar: fc.Arbitrary<Scalar> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }).map((n) => (Object.is(n, -0) ? 0 : n)),
  fc.boolean(),
  fc.constant(null),
);
const plain = { noNullPrototype: true };
const { tree } = fc.letrec<{ tree: FilterNode; leaf: FilterNode }>((tie) => ({
  leaf: fc.oneof(
    fc.record({ kind: fc.constant('compare' as const), path: fieldName.map((p) => p.split('.')), op: fc.constantFrom('eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'contains', 'startsWith' as const), value: scalar }, plain),
    fc.record({ kind: fc.constant('in' as const), path: fieldName.map((p) => p.split('.')), values: fc.array(scalar, { minLength: 1, maxLength: 4 }) }, plain),
    fc.record({ kind: fc.constant('isNull' as const), path: fieldName.map((p) => p.split('.')), isNull: fc.boolean() }, plain),
  ) as fc.Arbitrary<FilterNode>,
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), items: fc.array(tie('tree'), { minLength: 2, maxLength: 3 }) }, plain),
    fc.record({ kind: fc.constant('not' as const), item: tie('tree') }, plain),
  ) as fc.Arbitrary<FilterNode>,
}));

const value = (v: Scalar) => (typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v));

function print(node: FilterNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return `(${node.items.map(print).join(` ${node.kind} `)})`;
    case 'not':
      return `not ${print(node.item)}`;
    case 'compare':
      return `${node.path.join('.')} ${node.op} ${value(node.value)}`;
    case 'in':
      return `${node.path.join('.')} in (${node.values.map(value).join(', ')})`;
    case 'isNull':
      return `${node.path.join('.')} isNull ${node.isNull}`;
  }
}

function depth(node: FilterNode): number {
  if (node.kind === 'and' || node.kind === 'or') return 1 + Math.max(...node.items.map(depth));
  return node.kind === 'not' ? 1 + depth(node.item) : 0;
}

test('property: print → parse round-trips any filter tree', () => {
  fc.assert(
    fc.property(tree.filter((t) => depth(t) <= 18), (t) => {
      assert.deepStrictEqual(parseFilter(print(t)), t);
    }),
    { seed, numRuns: 300 },
  );
});

test('property: any input either parses or fails with a 400 filter problem, never anything else', () => {
  const noise = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.array(fc.constantFrom('name', 'eq', 'and', 'or', 'not', '(', ')', "'x'", '1', 'in', ',', 'isNull', "'", ' ', '.', '-'), { maxLength: 14 }).map((parts) => parts.join(' ')),
  );
  fc.assert(
    fc.property(noise, (input) => {
      try {
        parseFilter(input);
      } catch (error) {
        assert.ok(error instanceof Problem && error.status === 400 && error.errors[0]?.field === 'filter', String(error));
      }
    }),
    { seed, numRuns: 1000 },
  );
});
