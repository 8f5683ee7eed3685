// What the bulletin screens read and write: columns, the board (with unread marks), one announcement,
// its read receipts, the teams to choose from; and recording that the reader opened it.
import { useQuery } from '@tanstack/react-query';
import { get, query, request } from '../../app/api.ts';
import type { RecordOf } from '../../../../server/records/record-type.ts';
import type { announcements, bulletinColumns } from '../../../../server/domains/bulletin/objects.ts';
import type { Receipts, UnreadCount } from '../../../../server/domains/bulletin/bulletin-shape.ts';

/** A column of the board, typed by its object definition. */
export type Column = RecordOf<typeof bulletinColumns>;

/** An announcement, typed by its object definition; the board adds whether the reader has opened it. */
export type Announcement = RecordOf<typeof announcements> & { isRead?: boolean };

export type { Attachment } from '../../../../server/files/attachment-shape.ts';
export type { Receipts } from '../../../../server/domains/bulletin/bulletin-shape.ts';

const quoted = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** Every column, in their order. */
export function useColumns() {
  return useQuery({
    queryKey: ['list', 'bulletinColumns', 'all'],
    queryFn: () => get<{ data: Column[] }>(`/api/v1/bulletinColumns${query({ sort: 'order,name', limit: 200 })}`),
  });
}

/** The live board of a column (all when null), pinned first; or the caller's drafts or archived ones. */
export function useBoard(columnId: string | null, status: string) {
  return useQuery({
    queryKey: ['list', 'announcements', 'board', columnId, status],
    queryFn: async (): Promise<Announcement[]> => {
      if (status === 'published') return (await get<{ data: Announcement[] }>(`/api/v1/bulletin/board${query({ columnId })}`)).data;
      const conditions = [`status eq ${quoted(status)}`, ...(columnId ? [`columnId eq ${quoted(columnId)}`] : [])];
      return (await get<{ data: Announcement[] }>(`/api/v1/announcements${query({ filter: conditions.join(' and '), sort: '-updatedAt', limit: 200 })}`)).data;
    },
  });
}

/** How many live announcements the caller has not opened (the menu badge). */
export function useUnreadCount() {
  return useQuery({ queryKey: ['list', 'announcements', 'unread'], queryFn: () => get<UnreadCount>('/api/v1/bulletin/unread-count') });
}

/** One announcement, whole. */
export function useAnnouncement(id: string | null) {
  return useQuery({ queryKey: ['record', 'announcements', id], enabled: !!id, queryFn: () => get<Announcement>(`/api/v1/announcements/${id}`) });
}

/** Who has read an announcement and who has not (for its author and administrators). */
export function useReceipts(id: string, isEnabled: boolean) {
  return useQuery({ queryKey: ['receipts', 'announcements', id], enabled: isEnabled, queryFn: () => get<Receipts>(`/api/v1/announcements/${id}/receipts`) });
}

/** The teams an announcement may be for. */
export function useTeams() {
  return useQuery({ queryKey: ['teams', 'directory'], queryFn: () => get<{ data: Array<{ id: string; name: string }> }>('/api/v1/teams?limit=100') });
}

/** Records that the reader opened an announcement (idempotent on the server). */
export async function markRead(id: string): Promise<void> {
  await request('POST', `/api/v1/announcements/${id}/read`);
}

/** A column's name in the screen's language (the Chinese one when it has no English name). */
export const columnName = (column: Column | undefined, language: string) => (column ? (language === 'en' && column.nameEn ? column.nameEn : column.name) : '');
