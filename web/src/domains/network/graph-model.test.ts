// The graph view's pure rules: merging neighbourhoods, and the org chart's tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeNeighbourhoods, orgTree } from './graph-model.ts';
import type { Neighbourhood, NetworkNode, OrgChartEntry } from './network-api.ts';

const node = (id: string): NetworkNode => ({ id, object: 'accounts', title: id, subtitle: null, isMine: false });
const edge = (id: string, fromId: string, toId: string) => ({ id, fromId, toId });

test('neighbourhoods merge into one graph, each record and relationship once', () => {
  const a: Neighbourhood = { node: node('a'), nodes: [node('b'), node('c')], edges: [edge('ab', 'a', 'b'), edge('ca', 'c', 'a')], hasMore: false };
  const b: Neighbourhood = { node: node('b'), nodes: [node('a'), node('d')], edges: [edge('ab', 'a', 'b'), edge('bd', 'b', 'd')], hasMore: false };
  const graph = mergeNeighbourhoods([a, undefined, b]);
  assert.deepEqual(graph.nodes.map((n) => n.id), ['a', 'b', 'c', 'd']);
  assert.deepEqual(graph.edges.map((e) => e.id), ['ab', 'ca', 'bd']);
  const dangling: Neighbourhood = { node: node('x'), nodes: [], edges: [edge('xy', 'x', 'y')], hasMore: false };
  assert.deepEqual(mergeNeighbourhoods([dangling]).edges, [], 'an edge to a record not in the graph is left out');
});

const entry = (id: string, reportsToId: string | null): OrgChartEntry => ({ id, name: id, title: null, reportsToId });
const shape = (branches: ReturnType<typeof orgTree>): unknown => branches.map((b) => [b.entry.id, shape(b.reports)]);

test('the org chart is a forest by reportsTo; a loop is cut where it closes', () => {
  const tree = orgTree([entry('cto', 'ceo'), entry('ceo', null), entry('dev', 'cto'), entry('x', 'y'), entry('y', 'x')]);
  assert.deepEqual(shape(tree), [['ceo', [['cto', [['dev', []]]]]], ['x', [['y', []]]]]);
});
