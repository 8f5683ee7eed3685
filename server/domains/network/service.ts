// The network's answers as the API gives them: a record's neighbourhood (expanded node by node in the
// graph view), the paths that connect the caller to a record, and an account's org chart.
import { invalidField, notFound } from '../../platform/http/problem.ts';
import { isUuid } from '../../platform/ids.ts';
import { getRecord, listRecords, type Caller } from '../../records/index.ts';
import { fieldRestrictions } from '../../platform/access/index.ts';
import { isNodeObject } from './graph-sql.ts';
import { describeNodes, edgesAlong, findEdges, MAX_IN, typeFilter } from './nodes.ts';
import type { ConnectionPath, ConnectionPaths, Neighbourhood, NetworkEdge, NetworkNode, OrgChartEntry } from './network-shape.ts';
import { shortestPaths, type PathQuery } from './paths.ts';

export const MAX_NEIGHBOURS = 200;
export const MAX_ORG_CHART = 500;

/** Parses `types=id,id` (relationship type ids). */
export function parseTypeIds(types: string | undefined): string[] {
  const ids = (types ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length > 50 || ids.some((id) => !isUuid(id))) throw invalidField('types', 'format', 'types must be up to 50 relationship type ids, separated by commas.');
  return ids;
}

/** A type filter is a filter on `typeId`: refused (like any filter on a hidden field) when the caller may not see it. */
function assertTypesFilterable(c: Caller, typeIds: string[]): void {
  if (typeIds.length && fieldRestrictions(c.ctx, 'relationships').get('typeId') === 'hidden') {
    throw invalidField('types', 'unknown_field', 'relationship types are hidden from your role.');
  }
}

async function describeOne(c: Caller, object: string, id: string): Promise<NetworkNode> {
  if (!isNodeObject(object)) throw invalidField('object', 'invalid', 'object must be accounts or contacts.');
  const node = isUuid(id) ? (await describeNodes(c, [id])).get(id) : undefined;
  if (!node || node.object !== object) throw notFound('The record');
  return node;
}

/** A record, its neighbours the caller may read and the relationships joining them (strongest first). */
export async function neighbourhood(c: Caller, object: string, id: string, typeIds: string[]): Promise<Neighbourhood> {
  assertTypesFilterable(c, typeIds);
  const node = await describeOne(c, object, id);
  const candidates = await findEdges(c, `(fromId eq '${id}' or toId eq '${id}')${typeFilter(typeIds)}`);
  const others = await describeNodes(c, candidates.map((e) => (e.fromId === id ? e.toId : e.fromId)));
  const readable: NetworkEdge[] = candidates.filter((e) => others.has(e.fromId === id ? e.toId : e.fromId));
  const edges = readable.slice(0, MAX_NEIGHBOURS);
  const nodes = [...new Set(edges.map((e) => (e.fromId === id ? e.toId : e.fromId)))].map((other) => others.get(other)!);
  // The strongest are shown; more exist when some were cut here or the read itself was full.
  return { node, nodes, edges, hasMore: readable.length > edges.length || candidates.length === MAX_IN };
}

/** The k shortest paths from the caller's own records to the target, with their records and relationships. */
export async function connectionPaths(c: Caller, query: PathQuery): Promise<ConnectionPaths> {
  assertTypesFilterable(c, [...(query.typeIds ?? [])]);
  const paths = await shortestPaths(c, query);
  const nodes = await describeNodes(c, paths.flat());
  const edges = await edgesAlong(c, paths, query.typeIds ?? []);
  const data = paths
    .map((path, i) => ({ length: path.length - 1, nodes: path.map((id) => nodes.get(id)), edges: edges[i]! }))
    // A record deleted (or hidden) between the walk and this read takes its path with it.
    .filter((path): path is ConnectionPath => path.nodes.every(Boolean) && path.edges.length === path.length);
  return { target: nodes.get(query.targetId) ?? null, data };
}

/** An account's contacts the caller may read, each with whom they report to (the web draws the tree). */
export async function orgChart(c: Caller, accountId: string): Promise<{ data: OrgChartEntry[] }> {
  await getRecord(c, 'accounts', accountId, 'id');
  const { data } = await listRecords(c, 'contacts', { filter: `accountId eq '${accountId}'`, limit: MAX_ORG_CHART });
  const shown = new Set(data.map((r) => r.id));
  return {
    data: data.map((r) => ({
      id: r.id as string,
      name: (r.name as string | undefined) ?? null,
      title: (r.title as string | undefined) ?? null,
      // A manager the caller cannot read (or a hidden field) makes the contact a root of the chart.
      reportsToId: typeof r.reportsToId === 'string' && shown.has(r.reportsToId) ? r.reportsToId : null,
    })),
  };
}
