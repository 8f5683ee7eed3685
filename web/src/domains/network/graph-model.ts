// The graph the view draws: the union of the neighbourhoods fetched so far, each record and each
// relationship once. Pure data, so the view (and a test) can rebuild it from the query cache.
import type { Neighbourhood, NetworkEdge, NetworkNode, OrgChartEntry } from './network-api.ts';

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

export interface OrgBranch {
  entry: OrgChartEntry;
  reports: OrgBranch[];
}

/**
 * The org chart as a forest: tops are contacts who report to no one shown; a loop in the data (A
 * reports to B, B to A) is cut where it closes, starting from its first member by name.
 */
export function orgTree(entries: readonly OrgChartEntry[]): OrgBranch[] {
  const sorted = entries.toSorted((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
  const seen = new Set<string>();
  const branch = (managerId: string | null, list: readonly OrgChartEntry[]): OrgBranch[] =>
    list
      .filter((e) => e.reportsToId === managerId && !seen.has(e.id))
      .map((entry) => {
        seen.add(entry.id);
        return { entry, reports: branch(entry.id, list) };
      });
  const tree = branch(null, sorted);
  for (const entry of sorted) {
    if (!seen.has(entry.id)) tree.push(...branch(null, sorted.map((e) => (e.id === entry.id ? { ...e, reportsToId: null } : e))));
  }
  return tree;
}
