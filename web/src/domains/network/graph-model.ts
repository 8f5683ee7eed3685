// The graph the view draws: the union of the neighbourhoods fetched so far, each record and each
// relationship once. Pure data, so the view (and a test) can rebuild it from the query cache.
import type { Neighbourhood, NetworkEdge, NetworkNode } from './network-api.ts';

export interface GraphModel {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

/** Joins neighbourhoods into one graph; an edge appears only when both its records do. */
export function mergeNeighbourhoods(parts: ReadonlyArray<Neighbourhood | undefined>): GraphModel {
  const nodes = new Map<string, NetworkNode>();
  const edges = new Map<string, NetworkEdge>();
  for (const part of parts) {
    if (!part) continue;
    for (const node of [part.node, ...part.nodes]) if (!nodes.has(node.id)) nodes.set(node.id, node);
    for (const edge of part.edges) edges.set(edge.id, edge);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()].filter((e) => nodes.has(e.fromId) && nodes.has(e.toId)) };
}
