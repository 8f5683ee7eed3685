// The calendar's answers beside the event records (occurrences of a window, a manager's team, the
// private feed, an .ics import) and the scopes of an occurrence edit: one definition, free of imports,
// that the server builds and the web app reads (its types come from here).

/** One occurrence as the calendar shows it. */
export interface Occurrence {
  /** The event to open or change: the series for a repeated occurrence. */
  eventId: string;
  /** The occurrence's original start in its series (its RECURRENCE-ID); null for a single event. */
  occurrenceStart: string | null;
  /** The series a changed occurrence belongs to. */
  seriesId: string | null;
  isRecurring: boolean;
  startAt: string;
  endAt: string;
  subject: string;
  type: string;
  status: string;
  location: string | null;
  ownerId: string;
  relatedObject: string | null;
  relatedId: string | null;
  timeZone: string;
}

/** Which occurrences a change of a repeated event's occurrence applies to. */
export type EditScope = 'this' | 'following' | 'series';

/** A person whose calendar a manager may show beside their own. */
export interface TeamMember {
  id: string;
  name: string;
}

/** Whether the caller has a private feed. */
export interface FeedState {
  isActive: boolean;
}

/** A new private feed: its secret and address are in this answer only. */
export interface NewFeed extends FeedState {
  secret: string;
  path: string;
}

/** What an .ics import did. */
export interface ImportOutcome {
  created: number;
  updated: number;
}
