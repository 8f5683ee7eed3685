// Titles of linked records (a contact's account, an owner), fetched in one request per object.
import { useCallback } from 'react';
import { useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { get, query } from './api.ts';
import { useObjects, type FieldDef, type ObjectDef } from './metadata.ts';

type Titles = Map<string, string>;

/** The query that reads id → title for some records of one object (only those the user may see). */
function titlesQuery(object: string | undefined, def: ObjectDef | undefined, ids: Array<string | null | undefined>) {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))].sort().slice(0, 200);
  return {
    queryKey: ['titles', object, unique],
    enabled: Boolean(def) && unique.length > 0,
    staleTime: 30_000,
    queryFn: async (): Promise<Titles> => {
      const filter = `id in (${unique.map((id) => `'${id}'`).join(', ')})`;
      const fields = def!.fields.some((f) => f.name === def!.titleField) ? `id,${def!.titleField}` : 'id';
      const { data } = await get<{ data: Array<Record<string, unknown>> }>(`/api/v1/${object}${query({ filter, fields, limit: 500 })}`);
      return new Map(data.map((r) => [String(r.id), String(r[def!.titleField] ?? '')]));
    },
  };
}

/** id → title for the given records of `object` (only those the user may see). */
export function useTitles(object: string | undefined, ids: Array<string | null | undefined>) {
  const { data: objects } = useObjects();
  return useQuery(titlesQuery(object, object ? objects?.get(object) : undefined, ids));
}

const mergeTitles = (results: UseQueryResult<Titles>[]): Titles | undefined => {
  const loaded = results.filter((r) => r.data);
  if (loaded.length === 0) return undefined;
  return loaded.length === 1 ? loaded[0]!.data : new Map(loaded.flatMap((r) => [...r.data!]));
};

/**
 * id → title for a long list's links, read per block of `blockSize` rows and only for the blocks in
 * view: scrolling far asks for a little at a time, and a block read once stays cached.
 */
export function useTitlesInView(object: string | undefined, ids: Array<string | null | undefined>, blocks: number[], blockSize: number) {
  const { data: objects } = useObjects();
  const def = object ? objects?.get(object) : undefined;
  const combine = useCallback(mergeTitles, []);
  return useQueries({
    queries: (object ? blocks : []).map((block) => titlesQuery(object, def, ids.slice(block * blockSize, (block + 1) * blockSize))),
    combine,
  });
}

/** The object a lookup field points at. */
export const targetOf = (field: { type: string; target?: string }) => (field.type === 'owner' ? 'users' : field.target);

/** id → title for records of several objects at once (e.g. what each task of a list is about): one request per object. */
export function useTitlesAcross(refs: Array<{ object: string | null | undefined; id: string | null | undefined }>) {
  const { data: objects } = useObjects();
  const combine = useCallback(mergeTitles, []);
  const byObject = new Map<string, string[]>();
  for (const { object, id } of refs) if (object && id && objects?.has(object)) byObject.set(object, [...(byObject.get(object) ?? []), id]);
  return useQueries({ queries: [...byObject].map(([object, ids]) => titlesQuery(object, objects?.get(object), ids)), combine });
}

/** id → name of teams (the team directory, which every signed-in user may read). */
export function useTeamNames(ids: Array<string | null | undefined>) {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))].toSorted().slice(0, 100);
  return useQuery({
    queryKey: ['teams', 'names', unique],
    enabled: unique.length > 0,
    staleTime: 60_000,
    queryFn: async (): Promise<Titles> => {
      const { data } = await get<{ data: Array<{ id: string; name: string }> }>(
        `/api/v1/teams${query({ ids: unique.join(','), limit: 100 })}`,
      );
      return new Map(data.map((team) => [team.id, team.name]));
    },
  });
}

/** The ids a field's value names: a lookup's or owner's id, or those of a field that `refersTo` something. */
export function referencedIds(field: FieldDef | undefined, value: unknown): string[] {
  if (!field) return [];
  const isReference = field.type === 'lookup' || field.type === 'owner' || Boolean(field.refersTo);
  if (!isReference) return [];
  if (typeof value === 'string') return [value];
  return field.refersTo && Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The object (or `teams`) a field's ids name, if any. */
export const referenceTargetOf = (field: FieldDef | undefined) =>
  field ? (field.refersTo ?? (field.type === 'lookup' || field.type === 'owner' ? targetOf(field) : undefined)) : undefined;

/** id → title (or team name) for the ids some values of one field name. */
export function useReferenceTitles(field: FieldDef | undefined, values: unknown[]) {
  const target = referenceTargetOf(field);
  const ids = values.flatMap((value) => referencedIds(field, value));
  const teams = useTeamNames(target === 'teams' ? ids : []);
  const records = useTitles(target === 'teams' ? undefined : target, target === 'teams' ? [] : ids);
  return target === 'teams' ? teams : records;
}
