// Event reminders: every five minutes a job finds the occurrences whose reminder time has come and tells
// the organiser and each attendee who may read the event, in the app and by e-mail (the notification
// center's channels). An occurrence is reminded once: the event keeps the start of the last occurrence
// reminded (`reminderSentFor`), advanced in the transaction that writes the notices, with the event row
// locked (SKIP LOCKED), so a job run twice or in two workers at once tells nobody twice.
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import { defineScheduledJob } from '../../platform/jobs/index.ts';
import { getRecord, systemCaller, type ModuleJobContext, type Registry } from '../../records/index.ts';
import { notify } from '../../notifications/service.ts';
import { canUserRead } from '../collaboration/mentions.ts';
import { occurrencesOf } from './occurrences.ts';

/** The longest reminder (a week): events starting further out are not looked at. */
const HORIZON_MS = 7 * 86_400_000;

/** Reminds the occurrences due at `now` (reminder time passed, not yet started); returns how many notices were written. */
export async function remindUpcomingEvents(db: Database, registry: Registry, now: Date): Promise<number> {
  const at = now.getTime();
  const until = new Date(at + HORIZON_MS).toISOString();
  const since = new Date(at).toISOString();
  const candidates = await db.rows<{ id: string }>(sql`select id from calendar_events
    where deleted_at is null and status = 'planned' and reminder_minutes is not null and start_at < ${until}::timestamptz
      and (start_at >= ${since}::timestamptz or series_end_at >= ${since}::timestamptz)`);
  let told = 0;
  for (const { id } of candidates) {
    told += await db.transaction(async (tx) => {
      const [locked] = await tx.rows<{ id: string; reminder_sent_for: string | Date | null }>(
        sql`select id, reminder_sent_for from calendar_events where id = ${id}::uuid and deleted_at is null for update skip locked`,
      );
      if (!locked) return 0;
      const system = systemCaller({ db: tx, registry }, '00000000-0000-0000-0000-000000000000');
      const event = await getRecord(system, 'calendarEvents', id);
      const lead = Number(event.reminderMinutes) * 60_000;
      const sentFor = locked.reminder_sent_for ? new Date(locked.reminder_sent_for).getTime() : -Infinity;
      const children = await tx.rows<{ recurrence_id: string | Date }>(
        sql`select recurrence_id from calendar_events where recurrence_parent_id = ${id}::uuid and deleted_at is null and recurrence_id is not null`,
      );
      const replaced = new Set(children.map((c) => new Date(c.recurrence_id).getTime()));
      // Occurrences starting within the reminder's lead time from now, not yet reminded.
      const due = occurrencesOf(event, at, at + lead + 1, replaced).filter((o) => Date.parse(o.startAt) >= at && Date.parse(o.startAt) > sentFor);
      if (due.length === 0) return 0;
      const latest = due.at(-1)!.startAt;
      await tx.rows(sql`update calendar_events set reminder_sent_for = ${latest}::timestamptz where id = ${id}::uuid`);
      const people = [...new Set([String(event.ownerId), ...(Array.isArray(event.attendeeUserIds) ? event.attendeeUserIds.map(String) : [])])];
      let written = 0;
      for (const userId of people) {
        if (!(await canUserRead(system, userId, { objectName: 'calendarEvents', recordId: id }))) continue;
        for (const occurrence of due) {
          await notify(tx, { userId, kind: 'event.reminder', objectName: 'calendarEvents', recordId: id, params: { startAt: occurrence.startAt } });
          written++;
        }
      }
      return written;
    });
  }
  return told;
}

/** The reminder job, every five minutes. */
export function eventReminderJobs({ db, registry, now }: ModuleJobContext) {
  return [
    defineScheduledJob({
      name: 'calendar.remind-upcoming-events',
      schedule: '*/5 * * * *',
      retryDelaySeconds: 60,
      expireInSeconds: 600,
      handler: async (_payload, { log }) => {
        const told = await remindUpcomingEvents(db, registry, now());
        if (told) log.info({ told }, 'reminded people of upcoming events');
      },
    }),
  ];
}
