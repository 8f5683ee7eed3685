// What the network answers about records and relationships, read through the records engine with
// the caller's access: only records they may read, and only fields they may see (a hidden title or
// note is simply absent).
import { canDo } from '../../platform/access/index.ts';
import { listRecords, type Caller, type RecordValues } from '../../records/index.ts';
import { NODE_OBJECTS, canFollowRelationships, type NodeObject } from './graph-sql.ts';
import type { NetworkEdge, NetworkNode } from './network-shape.ts';

export type { NetworkEdge, NetworkNode } from './network-shape.ts';

const subtitleField: Record<NodeObject, string> = { accounts: 'city', contacts: 'title' };
// The relationship fields an edge carries (each only when the caller may see it).
const edgeFields = ['fromObject', 'fromId', 'toObject', 'toId', 'typeId', 'direction', 'strength', 'source', 'startDate', 'endDate', 'note'];
/** The most ids or relationships one engine read takes (the list API's page limit). */
export const MAX_IN = 500;

/** `field in ('…', …)` in the filter language, for ids already checked as UUIDs. */
export function inFilter(field: string, ids: readonly string[]): string {
  return `${field} in (${ids.map((id) => `'${id}'`).join(', ')})`;
}

/** The filter keeping relationships of the given types; empty when no type is asked for. */
export function typeFilter(typeIds: readonly string[]): string {
  return typeIds.length ? ` and ${inFilter('typeId', typeIds)}` : '';
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The records among `ids` (account or contact ids, already checked as UUIDs) the caller may read. */
export async function describeNodes(c: Caller, ids: readonly string[]): Promise<Map<string, NetworkNode>> {
  const nodes = new Map<string, NetworkNode>();
  const unique = [...new Set(ids)].slice(0, MAX_IN);
  if (unique.length === 0) return nodes;
  for (const object of NODE_OBJECTS) {
    if (!canDo(c.ctx, object, 'read')) continue;
    const def = c.registry.get(object);
    const { data } = await listRecords(c, object, { filter: inFilter('id', unique), limit: MAX_IN });
    for (const record of data) {
      const id = String(record.id);
      nodes.set(id, {
        id,
        object,
        title: textOrNull(record[def.titleField]),
        subtitle: textOrNull(record[subtitleField[object]]),
        isMine: record.ownerId === c.ctx.userId,
      });
    }
  }
  return nodes;
}

/** An edge as the caller may see it: the relationship's visible fields among `edgeFields`. */
export function toEdge(record: RecordValues): NetworkEdge {
  const edge: RecordValues = { id: record.id };
  for (const name of edgeFields) if (name in record) edge[name] = record[name];
  return edge as NetworkEdge;
}

/** Relationships the caller may read that match the filter (at most 500), as edges. */
export async function findEdges(c: Caller, filter: string): Promise<NetworkEdge[]> {
  if (!canFollowRelationships(c)) return [];
  const { data } = await listRecords(c, 'relationships', { filter, limit: MAX_IN, sort: '-strength' });
  return data.map(toEdge);
}

/** For each path, the strongest visible relationship joining each consecutive pair (one query for all paths). */
export async function edgesAlong(c: Caller, paths: ReadonlyArray<readonly string[]>, typeIds: readonly string[]): Promise<NetworkEdge[][]> {
  const ids = [...new Set(paths.flat())];
  if (paths.every((path) => path.length < 2)) return paths.map(() => []);
  const found = await findEdges(c, `${inFilter('fromId', ids)} and ${inFilter('toId', ids)}${typeFilter(typeIds)}`);
  return paths.map((path) => {
    const hops: NetworkEdge[] = [];
    for (let i = 0; i + 1 < path.length; i++) {
      const [a, b] = [path[i], path[i + 1]];
      const edge = found.find((e) => (e.fromId === a && e.toId === b) || (e.fromId === b && e.toId === a));
      if (edge) hops.push(edge);
    }
    return hops;
  });
}
