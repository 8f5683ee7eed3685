// Importing an .ics file: every event in it becomes (or, imported again, updates) an event of the
// caller's, series first so each changed occurrence finds its series by UID. One write transaction of
// engine writes with the caller's access: a bad event fails the whole file, naming it.
import { createRecord, listRecords, updateRecord, writeTransaction, type Caller, type RecordValues } from '../../records/index.ts';
import type { ImportedEvent } from './ics-read.ts';
import type { ImportOutcome } from './calendar-shape.ts';

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** The caller's event already imported with this UID (and occurrence), if any. */
async function existing(c: Caller, uid: string, recurrenceId: string | undefined): Promise<RecordValues | undefined> {
  const occurrence = recurrenceId ? `recurrenceId eq '${recurrenceId}'` : 'recurrenceId isNull';
  const found = await listRecords(c, 'calendarEvents', { filter: `icalUid eq ${quote(uid)} and ownerId eq ${quote(c.ctx.userId)} and ${occurrence}`, fields: 'icalUid', limit: 1 });
  return found.data[0];
}

/** Imports an iCalendar text; returns how many events were created and updated. */
export async function importCalendar(c: Caller, content: string): Promise<ImportOutcome> {
  const { readCalendar } = await import('./ics-read.ts'); // ical.js only when a calendar is imported
  const events = readCalendar(content);
  const series = events.filter((e) => !e.recurrenceId);
  const changed = events.filter((e) => e.recurrenceId);
  return writeTransaction(c, async (t) => {
    let created = 0;
    let updated = 0;
    const idOfUid = new Map<string, string>();
    const save = async (event: ImportedEvent, extra: RecordValues) => {
      const { status, ...values } = event;
      const body = { ...values, ...(status ? { status } : {}), ...extra };
      const found = await existing(t, event.icalUid, event.recurrenceId);
      if (found) {
        updated++;
        return updateRecord(t, 'calendarEvents', String(found.id), body);
      }
      created++;
      // An imported event tells nobody: the organiser's manager is not put in cc of their old meetings.
      return createRecord(t, 'calendarEvents', { ccUserIds: [], ...body });
    };
    for (const event of series) idOfUid.set(event.icalUid, String((await save(event, {})).id));
    for (const event of changed) {
      const parentId = idOfUid.get(event.icalUid) ?? (await existing(t, event.icalUid, undefined))?.id;
      // A changed occurrence whose series is not here is kept as a single event (with its RECURRENCE-ID).
      await save(event, parentId ? { recurrenceParentId: parentId } : {});
    }
    return { created, updated };
  });
}
