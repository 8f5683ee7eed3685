// A list of records read page by page (keyset cursors) as the user scrolls.
import { useInfiniteQuery, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { get, query } from '../app/api.ts';

export type RecordRow = Record<string, unknown> & { id: string; version: number };

/** Pages of 100 records of `object` matching `filter`, in `sort` order. */
export function useRecordList(object: string, filter: string, sort: string) {
  return useInfiniteQuery({
    queryKey: ['list', object, filter, sort],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      get<{ data: RecordRow[]; nextCursor: string | null }>(`/api/v1/${object}${query({ limit: 100, filter, sort, cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor,
    // Pages already loaded keep their objects when one is added; comparing all of them deeply on
    // every new page (the default) cost a long task per page deep into a list.
    structuralSharing: false,
  });
}

type ListPages = InfiniteData<{ data: RecordRow[]; nextCursor: string | null }>;

/** Puts a changed record into every loaded page of its object's lists (an optimistic or a saved edit). */
export function replaceRow(client: QueryClient, object: string, row: RecordRow): void {
  client.setQueriesData<ListPages>({ queryKey: ['list', object] }, (old) =>
    old ? { ...old, pages: old.pages.map((page) => ({ ...page, data: page.data.map((r) => (r.id === row.id ? row : r)) })) } : old,
  );
}
