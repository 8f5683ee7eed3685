// The network's reads as the screens use them: a record's neighbourhood, the paths from the user's
// own records, an account's org chart and the relationship types (plain records).
import { useQueries, useQuery } from '@tanstack/react-query';
import { get, query } from '../../app/api.ts';
import type { Label } from '../../app/metadata.ts';
import type { ConnectionPaths, Neighbourhood, NodeObject, OrgChartEntry } from '../../../../server/domains/network/network-shape.ts';
import type { RecordOf } from '../../../../server/records/record-type.ts';
import type { relationshipTypes } from '../../../../server/objects/relationshipTypes.ts';

export type { ConnectionPath, Neighbourhood, NetworkEdge, NetworkNode, NodeObject, OrgChartEntry } from '../../../../server/domains/network/network-shape.ts';

/** A relationship type record, typed by its object definition. */
export type RelationshipType = RecordOf<typeof relationshipTypes>;

/** A relationship type's name in both languages. */
export const typeLabel = (type: RelationshipType): Label => ({ en: type.name, 'zh-CN': type.nameZh || type.name });

const neighboursOf = (object: string, id: string, typeIds: string[]) =>
  get<Neighbourhood>(`/api/v1/network/${object}/${id}/neighbors${query({ types: typeIds.join(',') })}`);

/** The neighbourhoods of every expanded record (each fetched once per type filter). */
export function useNeighbourhoods(expanded: Array<{ object: NodeObject; id: string }>, typeIds: string[]) {
  return useQueries({
    queries: expanded.map(({ object, id }) => ({
      queryKey: ['network', 'neighbours', object, id, typeIds],
      queryFn: () => neighboursOf(object, id, typeIds),
    })),
  });
}

/** The shortest paths from the user's own records to the target (run on demand). */
export function usePaths(object: NodeObject, id: string, typeIds: string[], isEnabled: boolean) {
  return useQuery({
    queryKey: ['network', 'paths', object, id, typeIds],
    enabled: isEnabled,
    queryFn: () => get<ConnectionPaths>(`/api/v1/network/paths${query({ targetObject: object, targetId: id, k: 5, types: typeIds.join(',') })}`),
  });
}

/** An account's contacts with whom each reports to. */
export function useOrgChart(accountId: string, isEnabled: boolean) {
  return useQuery({
    queryKey: ['network', 'orgChart', accountId],
    enabled: isEnabled,
    queryFn: () => get<{ data: OrgChartEntry[] }>(`/api/v1/network/accounts/${accountId}/org-chart`),
  });
}

/** The active relationship types, standard and custom. */
export function useRelationshipTypes() {
  return useQuery({
    queryKey: ['relationshipTypes'],
    queryFn: () => get<{ data: RelationshipType[] }>(`/api/v1/relationshipTypes${query({ sort: 'name', limit: 200 })}`),
    select: (reply) => reply.data.filter((type) => type.isActive !== false),
  });
}
