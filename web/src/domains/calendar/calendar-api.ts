// What the calendar screens read and write: the occurrences of a window (the caller's own or a team's),
// the manager's team, events themselves (records), occurrence edits, "mark done", the private feed and
// .ics import. Every change refreshes the calendar and the timelines that may show it.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { get, query, request } from '../../app/api.ts';
import type { RecordOf } from '../../../../server/records/record-type.ts';
import type { calendarEvents } from '../../../../server/domains/calendar/objects.ts';
import type { EditScope, FeedState, ImportOutcome, NewFeed, Occurrence, TeamMember } from '../../../../server/domains/calendar/calendar-shape.ts';

export type { EditScope, Occurrence } from '../../../../server/domains/calendar/calendar-shape.ts';

/** An event record, typed by its object definition. */
export type CalendarEvent = RecordOf<typeof calendarEvents>;

/** The occurrences overlapping [from, to): the caller's own, or those of the given people. */
export function useOccurrences(from: Date, to: Date, userIds?: string[]) {
  const params = { from: from.toISOString(), to: to.toISOString(), userIds: userIds?.length ? userIds.join(',') : undefined };
  return useQuery({
    queryKey: ['calendar', 'occurrences', params],
    queryFn: () => get<{ data: Occurrence[] }>(`/api/v1/calendar/occurrences${query(params)}`),
    enabled: userIds === undefined || userIds.length > 0,
  });
}

/** The people below the caller in the manager hierarchy (empty for someone without reports). */
export function useTeam() {
  return useQuery({ queryKey: ['calendar', 'team'], queryFn: () => get<{ data: TeamMember[] }>('/api/v1/calendar/team') });
}

/** Active colleagues by name, for the attendee and cc pickers. */
export function useColleagues() {
  return useQuery({
    queryKey: ['list', 'users', 'calendar-people'],
    queryFn: () => get<{ data: Array<{ id: string; name: string }> }>(`/api/v1/users${query({ filter: 'isActive eq true', fields: 'name', sort: 'name', limit: 500 })}`),
  });
}

/** Contacts by name, for the attendee picker (the first 200, or those whose name holds `words`). */
export function useContacts(words: string) {
  const text = words.trim().replaceAll("'", "''");
  return useQuery({
    queryKey: ['list', 'contacts', 'calendar-people', text],
    queryFn: () => get<{ data: Array<{ id: string; name: string }> }>(`/api/v1/contacts${query({ fields: 'name', sort: 'name', limit: 200, filter: text ? `name contains '${text}'` : undefined })}`),
  });
}

/** One event, whole. */
export function useEvent(id: string | null) {
  return useQuery({ queryKey: ['record', 'calendarEvents', id], enabled: Boolean(id), queryFn: () => get<CalendarEvent>(`/api/v1/calendarEvents/${id}`) });
}

/** Creates an event. */
export async function createEvent(values: Record<string, unknown>): Promise<CalendarEvent> {
  return (await request<CalendarEvent>('POST', '/api/v1/calendarEvents', values)).data;
}

/** Changes a single event (or a whole series from its own record), at the version read. */
export async function updateEvent(event: CalendarEvent, values: Record<string, unknown>): Promise<CalendarEvent> {
  return (await request<CalendarEvent>('PATCH', `/api/v1/calendarEvents/${event.id}`, values, { 'if-match': `"${event.version}"` })).data;
}

/** Changes one occurrence of a series, this and the following ones, or all of them. */
export async function editOccurrence(eventId: string, occurrenceStart: string, scope: EditScope, changes: Record<string, unknown>) {
  return (await request<CalendarEvent>('POST', `/api/v1/calendar/events/${eventId}/occurrence`, { occurrenceStart, scope, changes })).data;
}

/** Removes one occurrence of a series. */
export async function removeOccurrence(eventId: string, occurrenceStart: string) {
  await request('POST', `/api/v1/calendar/events/${eventId}/occurrence/remove`, { occurrenceStart });
}

/** Marks an event (or an occurrence of a series) done with its outcome. */
export async function markDone(occurrence: Pick<Occurrence, 'eventId' | 'occurrenceStart' | 'isRecurring' | 'seriesId'>, outcome: string) {
  const isSeriesOccurrence = occurrence.isRecurring && !occurrence.seriesId && occurrence.occurrenceStart;
  return (await request<CalendarEvent>('POST', `/api/v1/calendar/events/${occurrence.eventId}/done`, { outcome, ...(isSeriesOccurrence ? { occurrenceStart: occurrence.occurrenceStart } : {}) })).data;
}

/** Whether the caller has a private feed. */
export function useFeed() {
  return useQuery({ queryKey: ['calendar', 'feed'], queryFn: () => get<FeedState>('/api/v1/calendar/feed') });
}

/** Makes a new private feed; its address is shown once. */
export async function createFeed(): Promise<string> {
  const { data } = await request<NewFeed>('POST', '/api/v1/calendar/feed');
  return `${window.location.origin}${data.path}`;
}

/** Revokes the private feed. */
export async function revokeFeed(): Promise<void> {
  await request('DELETE', '/api/v1/calendar/feed');
}

/** Imports the text of an .ics file. */
export async function importIcs(content: string): Promise<ImportOutcome> {
  return (await request<ImportOutcome>('POST', '/api/v1/calendar/import', { content })).data;
}

/** Reads the calendar, events and timelines again after a change. */
export async function refreshCalendar(client: QueryClient): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: ['calendar'] }),
    client.invalidateQueries({ queryKey: ['record', 'calendarEvents'] }),
    client.invalidateQueries({ queryKey: ['timeline'] }),
    client.invalidateQueries({ queryKey: ['list', 'calendarEvents'] }),
  ]);
}
