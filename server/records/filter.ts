// The list filter language (docs/api.md "Filters"):
//   name contains '星空' and (amount gte 10000 or stage in ('won', 'negotiation'))
//   account.city eq '上海'      email isNull      not (status eq 'lost')
// Grammar:  expr := and ('or' and)* ; and := unary ('and' unary)* ;
//           unary := 'not' unary | '(' expr ')' | path op value | path 'in' '(' value, … ')' | path 'isNull' [bool]
import { invalidField } from '../platform/http/problem.ts';

export type Scalar = string | number | boolean | null;
export const comparisonOps = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'contains', 'startsWith'] as const;
export type ComparisonOp = (typeof comparisonOps)[number];

/** A condition's origin in a JSON filter (a JSON pointer), where its errors are reported; absent when parsed from text. */
type Origin = { at?: string };

export type FilterNode =
  | { kind: 'and' | 'or'; items: FilterNode[] }
  | { kind: 'not'; item: FilterNode }
  | ({ kind: 'compare'; path: string[]; op: ComparisonOp; value: Scalar } & Origin)
  | ({ kind: 'in'; path: string[]; values: Scalar[] } & Origin)
  | ({ kind: 'isNull'; path: string[]; isNull: boolean } & Origin);

type Token = { type: 'word' | 'string' | 'number' | 'punct'; text: string; at: number };

const MAX_FILTER_LENGTH = 4000;
const MAX_DEPTH = 20;
const MAX_IN_VALUES = 500;
const tokenPattern = /\s*(?:('(?:[^']|'')*')|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?![\w.])|([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)|([(),]))/y;

function fail(message: string): never {
  throw invalidField('filter', 'invalid_filter', message);
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  tokenPattern.lastIndex = 0;
  let at = 0;
  while (at < input.length) {
    if (/^\s*$/.test(input.slice(at))) break;
    tokenPattern.lastIndex = at;
    const m = tokenPattern.exec(input);
    if (!m) {
      // Point at the offending character itself, not at the whitespace before it.
      const bad = at + (/^\s*/.exec(input.slice(at))?.[0].length ?? 0);
      fail(`Unexpected character at position ${bad + 1}: "${input.slice(bad, bad + 10)}"`);
    }
    const start = at + (m[0].length - m[0].trimStart().length);
    if (m[1] !== undefined) tokens.push({ type: 'string', text: m[1].slice(1, -1).replace(/''/g, "'"), at: start });
    else if (m[2] !== undefined) tokens.push({ type: 'number', text: m[2], at: start });
    else if (m[3] !== undefined) tokens.push({ type: 'word', text: m[3], at: start });
    else tokens.push({ type: 'punct', text: m[4]!, at: start });
    at = tokenPattern.lastIndex;
  }
  return tokens;
}

/** Parses a filter expression into a tree, or throws a 400 problem that says where it went wrong. */
export function parseFilter(input: string): FilterNode {
  if (input.length > MAX_FILTER_LENGTH) fail(`A filter may be at most ${MAX_FILTER_LENGTH} characters long.`);
  // PostgreSQL text cannot hold NUL; refuse it here rather than fail in the database.
  if (input.includes('\u0000')) fail(`Unexpected NUL character at position ${input.indexOf('\u0000') + 1}.`);
  const tokens = tokenize(input);
  if (tokens.length === 0) fail('The filter is empty.');
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (t: Token | undefined, word: string) => t?.type === 'word' && t.text === word;
  const expect = (text: string) => {
    const t = tokens[pos++];
    if (t?.text !== text || t.type === 'string') fail(`Expected "${text}" ${t ? `at position ${t.at + 1}` : 'at the end'}.`);
  };

  const parseValue = (): Scalar => {
    const t = tokens[pos++];
    if (!t) fail('Expected a value at the end of the filter.');
    if (t.type === 'string') return t.text;
    if (t.type === 'number') {
      const n = Number(t.text);
      if (!Number.isFinite(n)) fail(`The number ${t.text} is out of range.`);
      return n;
    }
    if (isWord(t, 'true')) return true;
    if (isWord(t, 'false')) return false;
    if (isWord(t, 'null')) return null;
    return fail(`Expected a value at position ${t.at + 1}; quote text values like 'this'.`);
  };

  const parseCondition = (): FilterNode => {
    const t = tokens[pos++];
    if (t?.type !== 'word') fail(t ? `Expected a field name at position ${t.at + 1}.` : 'The filter ends too early.');
    const path = t.text.split('.');
    const op = tokens[pos++];
    if (op?.type !== 'word') fail(`Expected an operator after "${t.text}".`);
    if (op.text === 'in') {
      expect('(');
      const values = [parseValue()];
      while (peek()?.text === ',' && peek()?.type === 'punct') {
        pos++;
        values.push(parseValue());
        if (values.length > MAX_IN_VALUES) fail(`"in" takes at most ${MAX_IN_VALUES} values.`);
      }
      expect(')');
      return { kind: 'in', path, values };
    }
    if (op.text === 'isNull') {
      const next = peek();
      if (isWord(next, 'true') || isWord(next, 'false')) {
        pos++;
        return { kind: 'isNull', path, isNull: next!.text === 'true' };
      }
      return { kind: 'isNull', path, isNull: true };
    }
    if (!(comparisonOps as readonly string[]).includes(op.text)) {
      fail(`Unknown operator "${op.text}"; use one of ${[...comparisonOps, 'in', 'isNull'].join(', ')}.`);
    }
    return { kind: 'compare', path, op: op.text as ComparisonOp, value: parseValue() };
  };

  const parseUnary = (depth: number): FilterNode => {
    if (depth > MAX_DEPTH) fail(`A filter may nest at most ${MAX_DEPTH} levels deep.`);
    if (isWord(peek(), 'not')) {
      pos++;
      return { kind: 'not', item: parseUnary(depth + 1) };
    }
    if (peek()?.type === 'punct' && peek()?.text === '(') {
      pos++;
      const inner = parseOr(depth + 1);
      expect(')');
      return inner;
    }
    return parseCondition();
  };

  const parseJunction = (kind: 'and' | 'or', parseItem: (depth: number) => FilterNode, depth: number): FilterNode => {
    const items = [parseItem(depth)];
    while (isWord(peek(), kind)) {
      pos++;
      items.push(parseItem(depth));
    }
    return items.length === 1 ? items[0]! : { kind, items };
  };
  const parseAnd = (depth: number) => parseJunction('and', parseUnary, depth);
  const parseOr = (depth: number): FilterNode => parseJunction('or', parseAnd, depth);

  const tree = parseOr(0);
  if (pos < tokens.length) fail(`Unexpected "${tokens[pos]!.text}" at position ${tokens[pos]!.at + 1}.`);
  return tree;
}
